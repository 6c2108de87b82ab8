/**
 * The messages between the stages, as JSON validated with zod on the way in (a message that does not parse is a
 * poison message: it goes to the dead-letter subject with the error, never retried).
 *  - ItemMessage (collect → analyze): one collected item and its source; `collectedAt` is the poll time, so the
 *    prepare stage gives the same post on every redelivery.
 *  - AnalysedMessage (analyze → track): the prepared post row, the stateless analysis and the core text the
 *    track stage's near-duplicate detector compares.
 */
import { z } from 'zod';
import type { NormalizedPost } from '../analysis/normalize.ts';
import type { AnalysedPost, CollectedItem, SourceRef } from '../pipeline/types.ts';
import { ClusterError } from './errors.ts';

const sourceRef = z.object({ id: z.string().min(1), name: z.string(), weight: z.number(), demo: z.boolean() });

const engagement = z
  .object({ likes: z.number().optional(), replies: z.number().optional(), reposts: z.number().optional(), views: z.number().optional() })
  .optional();

const item = z.object({
  url: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  text: z.string(),
  html: z.string().optional(),
  published_at: z.string().nullable().optional(),
  author: z.string().nullable().optional(),
  engagement,
  raw: z.object({ body64: z.string(), contentType: z.string().optional(), fetchedAt: z.string(), sha256: z.string() }).optional(),
  externalId: z.string().optional(),
  isOfficial: z.boolean().optional(),
});

const itemMessage = z.object({ v: z.literal(1), source: sourceRef, item, collectedAt: z.number() });

const row = z.object({
  id: z.string(), source_id: z.string(), dedupe_key: z.string(), url: z.string().nullable(), title: z.string().nullable(), text: z.string(),
  author: z.string().nullable(), published_at: z.number(), fetched_at: z.number(), engagement: z.string().nullable(), content_hash: z.string(),
  is_official: z.number(), demo: z.number(),
});

const analysis = z.object({
  tokens: z.array(z.string()),
  keywords: z.array(z.object({ term: z.string(), weight: z.number() })),
  sentiment: z.object({ label: z.enum(['negative', 'neutral', 'positive']), score: z.number(), evidence: z.array(z.string()) }),
  simhash: z.string(),
  places: z.array(z.string()),
  units: z.array(z.string()),
  plans: z.array(z.object({ plan: z.string(), terms: z.array(z.string()) })),
  /** The search index tokens and title line the analyse worker derived (absent from older workers: the track stage derives them). */
  index: z.string().optional(),
  title: z.string().optional(),
});

const analysedMessage = z.object({
  v: z.literal(1),
  source: sourceRef,
  row,
  normText: z.string(),
  coreText: z.string(),
  analysis,
  weight: z.number(),
  externalId: z.string().optional(),
  evidence: z.object({ sha256: z.string(), contentType: z.string().nullable(), body64: z.string(), fetchedAt: z.number() }).optional(),
});

export type ItemMessage = z.infer<typeof itemMessage>;
export type AnalysedMessage = z.infer<typeof analysedMessage>;

function parse<T>(schema: z.ZodType<T>, data: Uint8Array, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (e) {
    throw new ClusterError('TF_ERR_CLUSTER_MESSAGE', `${what} message is not JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new ClusterError('TF_ERR_CLUSTER_MESSAGE', `${what} message is malformed at ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`);
  }
  return r.data;
}

const enc = (x: unknown): Uint8Array => Buffer.from(JSON.stringify(x), 'utf8');

export function encodeItem(source: SourceRef, it: CollectedItem, collectedAt: number): Uint8Array {
  const { raw, ...rest } = it;
  const m: ItemMessage = {
    v: 1,
    source,
    collectedAt,
    item: {
      ...rest,
      ...(raw
        ? { raw: { body64: (typeof raw.body === 'string' ? Buffer.from(raw.body, 'utf8') : raw.body).toString('base64'), fetchedAt: raw.fetchedAt, sha256: raw.sha256, ...(raw.contentType ? { contentType: raw.contentType } : {}) } }
        : {}),
    },
  };
  return enc(m);
}

export function decodeItem(data: Uint8Array): { source: SourceRef; item: CollectedItem; collectedAt: number } {
  const m = parse(itemMessage, data, 'item');
  const { raw, ...rest } = m.item;
  const out: CollectedItem = { ...(rest as Omit<CollectedItem, 'raw'>) };
  if (raw) out.raw = { body: Buffer.from(raw.body64, 'base64'), fetchedAt: raw.fetchedAt, sha256: raw.sha256, ...(raw.contentType ? { contentType: raw.contentType } : {}) };
  return { source: m.source, item: out, collectedAt: m.collectedAt };
}

export function encodeAnalysed(source: SourceRef, p: AnalysedPost, coreText: string): Uint8Array {
  const a = p.analysis;
  const m: AnalysedMessage = {
    v: 1,
    source,
    row: p.row,
    normText: p.norm!.text,
    coreText,
    analysis: {
      tokens: a.tokens, keywords: a.keywords, sentiment: a.sentiment, simhash: a.simhash, places: a.places, units: a.units, plans: a.plans,
      ...(a.index !== undefined ? { index: a.index } : {}),
      ...(a.title !== undefined ? { title: a.title } : {}),
    },
    weight: p.weight,
    ...(p.externalId !== undefined ? { externalId: p.externalId } : {}),
    ...(p.evidence ? { evidence: { sha256: p.evidence.sha256, contentType: p.evidence.contentType, body64: p.evidence.body.toString('base64'), fetchedAt: p.evidence.fetchedAt } } : {}),
  };
  return enc(m);
}

/** The analysed post (duplicate_of left null: the track stage decides it) and its core text. */
export function decodeAnalysed(data: Uint8Array): { source: SourceRef; post: AnalysedPost; coreText: string } {
  const m = parse(analysedMessage, data, 'analysed');
  const norm: NormalizedPost = { display: m.row.text, text: m.normText, urls: [], mentions: [], hashtags: [], emoticons: [], repostChain: [], coreText: m.coreText };
  const post: AnalysedPost = {
    row: m.row,
    norm,
    weight: m.weight,
    analysis: { ...m.analysis, duplicateOf: null },
    ...(m.externalId !== undefined ? { externalId: m.externalId } : {}),
    ...(m.evidence ? { evidence: { sha256: m.evidence.sha256, contentType: m.evidence.contentType, body: Buffer.from(m.evidence.body64, 'base64'), fetchedAt: m.evidence.fetchedAt } } : {}),
  };
  return { source: m.source, post, coreText: m.coreText };
}
