import type { Store } from '../store/store.ts';
import type { PostWithAnalysis } from '../store/repos/posts.repo.ts';
import { parseJson } from '../store/repos/executor.ts';
import { segment } from '../analysis/segment.ts';
import { AppError } from '../errors.ts';
import type { Post, PostQuery, SentimentLabel } from '../contracts/posts.ts';
import { auditActor, type Actor } from './actor.ts';

const iso = (t: number) => new Date(t).toISOString();

/** Lists report exact totals up to this many matches, then "10,000+" (counting a million rows per page view is slow). */
export const TOTAL_CAP = 10_000;

/** Query words for full-text search: the query segmented as the index was, punctuation dropped. */
export function queryTerms(q: string): string[] {
  const out: string[] = [];
  for (const part of q.split(/\s+/)) {
    for (const t of segment(part)) if (/[\p{L}\p{N}]/u.test(t) && !out.includes(t)) out.push(t);
  }
  return out.slice(0, 12);
}

export function toPost(r: PostWithAnalysis, sourceNames: Map<string, string>, dupCount = 0): Post {
  const label = (r.label_override ?? r.sentiment_label) as SentimentLabel | undefined;
  const keywords = parseJson<{ term: string }[] | string[]>(r.keywords, []).map((k) => (typeof k === 'string' ? k : k.term));
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: sourceNames.get(r.source_id) ?? null,
    url: r.url,
    title: r.title,
    text: r.text,
    author: r.author,
    publishedAt: iso(r.published_at),
    fetchedAt: iso(r.fetched_at),
    engagement: parseJson(r.engagement, null),
    isOfficial: r.is_official === 1,
    demo: r.demo === 1,
    sentiment: label ? { label, score: r.sentiment_score ?? 0, evidence: parseJson<string[]>(r.sentiment_evidence, []), corrected: r.label_override != null } : null,
    keywords,
    places: parseJson<string[]>(r.places, []),
    units: parseJson<string[]>(r.units, []),
    plans: parseJson<{ plan: string; terms: string[] }[]>(r.plans, []),
    simhash: r.simhash ?? null,
    duplicateOf: r.duplicate_of ?? null,
    duplicates: dupCount,
    relevant: r.relevant == null ? null : r.relevant === 1,
    eventId: r.event_id ?? null,
  };
}

export function createPostService(store: Store) {
  async function sourceNames(): Promise<Map<string, string>> {
    return new Map((await store.repos.sources.list()).map((s) => [s.id, s.name]));
  }
  return {
    sourceNames,
    async list(q: PostQuery) {
      const terms = q.q ? queryTerms(q.q) : [];
      const filter = {
        qTokens: terms.length ? terms : undefined,
        sentiment: q.sentiment,
        sourceIds: q.source,
        plan: q.plan,
        place: q.place,
        unit: q.unit,
        eventId: q.eventId,
        level: q.level,
        duplicateOf: q.duplicateOf,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        foldDuplicates: q.fold && !q.duplicateOf,
      };
      const [rows, total, names] = await Promise.all([
        store.repos.posts.list({ ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        store.repos.posts.countCapped(filter, TOTAL_CAP + 1),
        sourceNames(),
      ]);
      const dups = await store.repos.posts.duplicateCounts(rows.map((r) => r.id));
      return { posts: rows.map((r) => toPost(r, names, dups.get(r.id) ?? 0)), total: Math.min(total, TOTAL_CAP), totalCapped: total > TOTAL_CAP, page: q.page, pageSize: q.pageSize, terms };
    },
    async get(id: string): Promise<Post> {
      const r = await store.repos.posts.byId(id);
      if (!r) throw new AppError('TF_ERR_NOT_FOUND', `post ${id} not found`);
      const dups = await store.repos.posts.duplicateCounts([id]);
      return toPost(r, await sourceNames(), dups.get(id) ?? 0);
    },
    async evidence(id: string) {
      return (await store.repos.posts.evidence(id)).map((e) => ({ id: e.id, fetchedAt: iso(e.fetched_at), sha256: e.sha256, contentType: e.content_type }));
    },
    /** Staff correct the sentiment or relevance; corrections feed `tingfeng model train --from-labels`. */
    async label(actor: Actor, id: string, body: { sentiment?: SentimentLabel | null; relevant?: boolean | null }, now: number): Promise<Post> {
      const before = await this.get(id);
      await store.tx(async (r) => {
        if (body.sentiment !== undefined) {
          await r.posts.setLabel(id, body.sentiment);
          if (body.sentiment) await r.posts.upsertLabel({ post_id: id, label: body.sentiment, labelled_by: actor.userId ?? 'system', labelled_at: now });
        }
        if (body.relevant !== undefined) await r.posts.setRelevant(id, body.relevant);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'post.label', entity: 'post', entityId: id, before: { sentiment: before.sentiment?.label }, after: body });
      });
      return this.get(id);
    },
  };
}
export type PostService = ReturnType<typeof createPostService>;
