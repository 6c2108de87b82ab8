import { z } from 'zod';
import { EventSummary } from './events.ts';

export const OverviewQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  bucket: z.enum(['hour', 'day']).optional(),
});

export const Overview = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  totals: z.object({ posts: z.number(), negative: z.number(), neutral: z.number(), positive: z.number(), previousPosts: z.number() }),
  series: z.array(z.object({ at: z.string(), negative: z.number(), neutral: z.number(), positive: z.number() })),
  gaps: z.array(z.object({ sourceId: z.string(), name: z.string(), from: z.string(), to: z.string().nullable(), reason: z.string() })),
  sources: z.array(z.object({ sourceId: z.string(), name: z.string(), count: z.number() })),
  topEvents: z.array(EventSummary),
  keywords: z.array(z.object({ term: z.string(), weight: z.number() })),
  places: z.array(z.object({ name: z.string(), count: z.number(), negative: z.number() })),
  alerts: z.object({ open: z.number(), latest: z.array(z.object({ id: z.string(), level: z.number(), title: z.string(), status: z.string(), createdAt: z.string() })) }),
  ledger: z.object({ open: z.number(), dueToday: z.number(), overdue: z.number(), handlingRate: z.number().nullable(), satisfactionRate: z.number().nullable() }),
  demo: z.boolean(),
});
export type Overview = z.infer<typeof Overview>;
