import { z } from 'zod';

export const SentimentLabel = z.enum(['negative', 'neutral', 'positive']);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

export const Engagement = z.object({
  likes: z.number().optional(),
  replies: z.number().optional(),
  reposts: z.number().optional(),
  views: z.number().optional(),
});

export const PlanHit = z.object({ plan: z.string(), terms: z.array(z.string()) });

export const Post = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  /** Plain text as published (never HTML). */
  text: z.string(),
  author: z.string().nullable(),
  publishedAt: z.string(),
  fetchedAt: z.string(),
  engagement: Engagement.nullable(),
  isOfficial: z.boolean(),
  demo: z.boolean(),
  sentiment: z.object({ label: SentimentLabel, score: z.number(), evidence: z.array(z.string()), corrected: z.boolean() }).nullable(),
  keywords: z.array(z.string()),
  places: z.array(z.string()),
  units: z.array(z.string()),
  plans: z.array(PlanHit),
  simhash: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  duplicates: z.number(),
  /** An officer's relevance mark (null: not marked). */
  relevant: z.boolean().nullable(),
  eventId: z.string().nullable(),
});
export type Post = z.infer<typeof Post>;

const csv = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v == null ? undefined : (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean)));

export const PostQuery = z.object({
  q: z.string().max(200).optional(),
  sentiment: csv,
  source: csv,
  plan: z.string().optional(),
  place: z.string().optional(),
  unit: z.string().optional(),
  eventId: z.string().optional(),
  level: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .optional()
    .describe(
      'Warning level of the event a post belongs to, at this level or more severe: 1 = Ⅰ red (most severe) … 4 = Ⅳ blue, so level=2 gives posts of Ⅰ and Ⅱ events and level=4 posts of any event with a level. Posts in no event, or in an event without a level, are left out.',
    ),
  duplicateOf: z.string().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  fold: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type PostQuery = z.infer<typeof PostQuery>;

export const PostList = z.object({
  posts: z.array(Post),
  /** Exact up to 10,000; `totalCapped` says there are more. */
  total: z.number(),
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  terms: z.array(z.string()),
});

export const LabelBody = z.object({ sentiment: SentimentLabel.nullable().optional(), relevant: z.boolean().nullable().optional() });

export const IngestItem = z.object({
  id: z.string().max(200).optional(),
  title: z.string().max(1000).optional(),
  text: z.string().min(1).max(200_000),
  url: z.url().max(2000).optional(),
  author: z.string().max(200).optional(),
  published_at: z.string().optional(),
  engagement: Engagement.optional(),
});
export const IngestBody = z.union([IngestItem, z.object({ items: z.array(IngestItem).min(1).max(1000) })]);
export const IngestResponse = z.object({ accepted: z.number(), stored: z.number(), duplicates: z.number() });
