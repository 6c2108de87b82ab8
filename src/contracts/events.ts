import { z } from 'zod';

export const WarningLevel = z.number().int().min(1).max(4);
export const LEVEL_NAMES_ZH = { 1: 'Ⅰ级（红色）', 2: 'Ⅱ级（橙色）', 3: 'Ⅲ级（黄色）', 4: 'Ⅳ级（蓝色）' } as const;

export const EventSummary = z.object({
  id: z.string(),
  title: z.string(),
  keywords: z.array(z.string()),
  places: z.array(z.string()),
  units: z.array(z.string()),
  firstSeen: z.string(),
  lastSeen: z.string(),
  postCount: z.number(),
  sourceCount: z.number(),
  heat: z.number(),
  level: WarningLevel.nullable(),
  reasons: z.array(z.string()),
  sentiment: z.object({ negative: z.number(), neutral: z.number(), positive: z.number() }),
  representativePostId: z.string().nullable(),
  status: z.string(),
  demo: z.boolean(),
});
export type EventSummary = z.infer<typeof EventSummary>;

export const EventQuery = z.object({
  q: z.string().max(200).optional(),
  minLevel: z.coerce.number().int().min(1).max(4).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const TrendPoint = z.object({ at: z.string(), negative: z.number(), neutral: z.number(), positive: z.number() });
export const EventDetail = EventSummary.extend({
  trend: z.array(TrendPoint),
  forecast: z.object({ direction: z.string(), basis: z.string() }).nullable(),
  levelHistory: z.array(z.object({ at: z.string(), from: z.number().nullable(), to: z.number().nullable(), reasons: z.array(z.string()) })),
  membership: z.array(z.object({ at: z.string(), op: z.string(), postId: z.string().nullable(), otherEventId: z.string().nullable() })),
  sources: z.array(z.object({ sourceId: z.string(), name: z.string().nullable(), count: z.number() })),
  caseIds: z.array(z.string()),
});

export const MergeBody = z.object({ otherEventId: z.string().min(1) });
export const SplitBody = z.object({ postIds: z.array(z.string()).min(1).max(5000) });
