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

/** 归入事件: add a post (and by default its copies) to an event; it leaves the event it was in. */
export const AddPostBody = z.object({
  postId: z.string().min(1).max(100),
  withCopies: z.boolean().default(true).describe('Also move the post’s copies and reposts (near-duplicates) that are in the same event as the post.'),
});
export const EventPostParams = z.object({ id: z.string().min(1).max(100), postId: z.string().min(1).max(100) });
export const RemovePostQuery = z.object({
  withCopies: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('Also take the post’s copies and reposts in this event out of it.'),
});

/** 传播: who posted first, originals against copies/reposts over time, and the sources that copied most. */
export const EventSpread = z.object({
  eventId: z.string(),
  bucket: z.enum(['hour', 'day']),
  first: z
    .object({
      postId: z.string(),
      sourceId: z.string(),
      sourceName: z.string().nullable(),
      author: z.string().nullable(),
      title: z.string().nullable(),
      url: z.string().nullable(),
      publishedAt: z.string(),
      /** True when the earliest post of the event is a copy: then `first` is its original (outside the event). */
      outsideEvent: z.boolean(),
    })
    .nullable(),
  totals: z.object({ originals: z.number(), copies: z.number() }),
  series: z.array(z.object({ at: z.string(), originals: z.number(), copies: z.number() })),
  sources: z.array(z.object({ sourceId: z.string(), name: z.string().nullable(), originals: z.number(), copies: z.number(), firstAt: z.string() })),
});
export type EventSpread = z.infer<typeof EventSpread>;
