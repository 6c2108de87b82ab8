import { sql } from 'kysely';
import type { Exec } from './executor.ts';
import type { PostAnalysisTable, PostEvidenceTable, PostsTable } from '../schema.ts';

export interface PostFilter {
  q?: string;
  /** Pre-segmented query tokens for full-text search (the service segments). */
  qTokens?: string[];
  sentiment?: string[];
  sourceIds?: string[];
  plan?: string;
  place?: string;
  unit?: string;
  eventId?: string;
  /** Posts of events at this warning level or more severe (1 = Ⅰ … 4 = Ⅳ); posts in no levelled event are left out. */
  level?: number;
  from?: number;
  to?: number;
  /** Hide posts that are copies of an earlier one (they are shown under their original). */
  foldDuplicates?: boolean;
  duplicateOf?: string;
  limit: number;
  offset: number;
}

export type PostWithAnalysis = PostsTable & Partial<Omit<PostAnalysisTable, 'post_id'>>;

const CHUNK = 400;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A level filter's plan (see `filtered`): up to this many posts, always through the memberships; */
const LEVEL_FEW = 2_000;
/** else newest first in the events' span when they are at least this share of its posts (counted up to the cap). */
const LEVEL_DENSE_SHARE = 0.05;
const LEVEL_SPAN_CAP = 200_000;

interface LevelScope {
  posts: number;
  first: number | null;
  last: number | null;
  dense: boolean;
}

/** Whether a filter reads analysis columns; counts of the others read the posts table alone (no join per row). */
function usesAnalysis(f: Omit<PostFilter, 'limit' | 'offset'>): boolean {
  return !!(f.sentiment?.length || f.plan || f.place || f.unit || f.eventId || f.level || f.foldDuplicates || f.duplicateOf);
}

export function postsRepo({ db, dialect }: Exec) {
  const joined = () => db.selectFrom('posts').leftJoin('post_analysis', 'post_analysis.post_id', 'posts.id');
  /**
   * The filtered posts joined with their analysis. `join` false (only for filters that read no analysis column, see
   * usesAnalysis) leaves the join out: counting 35k posts of a day at 1M stored took 130 ms with it, 5 ms without.
   */
  /** What the level filter needs to choose its plan: how many posts the events at the level hold, and their span. */
  const levelScope = async (f: Omit<PostFilter, 'limit' | 'offset'>): Promise<LevelScope | undefined> => {
    if (!f.level) return undefined;
    const r = await db
      .selectFrom('events')
      .select([sql<number | null>`SUM(events.post_count)`.as('posts'), (eb) => eb.fn.min('events.first_seen').as('first'), (eb) => eb.fn.max('events.last_seen').as('last')])
      .where('events.level', '<=', f.level)
      .executeTakeFirst();
    const scope = { posts: Number(r?.posts ?? 0), first: r?.first == null ? null : Number(r.first), last: r?.last == null ? null : Number(r.last), dense: false };
    if (scope.posts > LEVEL_FEW && scope.first !== null && scope.last !== null) {
      // posts published in the span (an index-only count, capped): are the levelled ones a large enough share of them?
      const span = db.selectFrom('posts').select(sql<number>`1`.as('one')).where('posts.published_at', '>=', scope.first).where('posts.published_at', '<=', scope.last).limit(LEVEL_SPAN_CAP);
      const n = Number((await db.selectFrom(span.as('span')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      scope.dense = scope.posts >= LEVEL_DENSE_SHARE * n;
    }
    return scope;
  };
  const filtered = (f: Omit<PostFilter, 'limit' | 'offset'>, join = true, scope?: LevelScope) => {
    let q = join ? joined() : (db.selectFrom('posts') as unknown as ReturnType<typeof joined>);
    if (f.qTokens && f.qTokens.length > 0) {
      const terms = f.qTokens;
      if (dialect === 'sqlite') {
        const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
        q = q.where('posts.id', 'in', db.selectFrom('posts_fts').select('post_id').where(sql<boolean>`posts_fts MATCH ${match}`));
      } else {
        q = q.where(
          'posts.id',
          'in',
          db.selectFrom('posts_fts').select('post_id').where(sql<boolean>`tokens @@ (${sql.join(terms.map((t) => sql`phraseto_tsquery('simple', ${t})`), sql` && `)})`),
        );
      }
    } else if (f.q) {
      const like = `%${f.q}%`;
      q = q.where((eb) => eb.or([eb('posts.title', 'like', like), eb('posts.text', 'like', like)]));
    }
    if (f.sentiment?.length) q = q.where(sql<string>`coalesce(post_analysis.label_override, post_analysis.sentiment_label)`, 'in', f.sentiment);
    if (f.sourceIds?.length) q = q.where('posts.source_id', 'in', f.sourceIds);
    if (f.plan) q = q.where('post_analysis.plans', 'like', `%${JSON.stringify(f.plan)}%`);
    if (f.place) q = q.where('post_analysis.places', 'like', `%${JSON.stringify(f.place)}%`);
    if (f.unit) q = q.where('post_analysis.units', 'like', `%${JSON.stringify(f.unit)}%`);
    if (f.eventId) q = q.where('post_analysis.event_id', '=', f.eventId);
    if (f.level) {
      // Through the post's event. SQLite has no statistics to choose between two plans, so the events' own counts
      // decide (levelScope): when their posts are a large share of the posts published in the events' span (an
      // event's first/last seen bound its posts), newest first within that span fills a page and the capped total
      // fast; otherwise (few, or thinly spread) from the memberships (post_analysis_event_idx), then sorted.
      const levelled = db.selectFrom('events').select('events.id').where('events.level', '<=', f.level);
      if (!scope?.dense || scope.first === null || scope.last === null) {
        q = q.where('posts.id', 'in', db.selectFrom('post_analysis as member').select('member.post_id').where('member.event_id', 'in', levelled));
      } else {
        q = q.where('post_analysis.event_id', 'in', levelled).where('posts.published_at', '>=', scope.first).where('posts.published_at', '<=', scope.last);
      }
    }
    if (f.from !== undefined) q = q.where('posts.published_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('posts.published_at', '<', f.to);
    if (f.foldDuplicates) q = q.where('post_analysis.duplicate_of', 'is', null);
    if (f.duplicateOf) q = q.where('post_analysis.duplicate_of', '=', f.duplicateOf);
    return q;
  };

  /** PostgreSQL: one statement claims the keys in post_keys and inserts only the posts whose key it claimed. */
  const insertPartitioned = async (part: PostsTable[]): Promise<string[]> => {
    const r = await sql<{ id: string }>`WITH v AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS x(id text, source_id text, dedupe_key text, url text, title text,
          text text, author text, published_at bigint, fetched_at bigint, engagement text, content_hash text, is_official integer, demo integer)),
      k AS (INSERT INTO post_keys (dedupe_key, post_id, published_at) SELECT DISTINCT ON (dedupe_key) dedupe_key, id, published_at FROM v
        ON CONFLICT DO NOTHING RETURNING post_id)
      INSERT INTO posts (id, source_id, dedupe_key, url, title, text, author, published_at, fetched_at, engagement, content_hash, is_official, demo)
        SELECT DISTINCT ON (id) id, source_id, dedupe_key, url, title, text, author, published_at, fetched_at, engagement, content_hash, is_official, demo
        FROM v WHERE v.id IN (SELECT post_id FROM k) RETURNING id`.execute(db);
    return r.rows.map((x) => x.id);
  };

  return {
    /** Which of these dedupe keys are already stored. */
    async existingKeys(keys: string[]): Promise<Set<string>> {
      const out = new Set<string>();
      for (const part of chunks(keys)) {
        if (part.length === 0) continue;
        if (dialect === 'postgres') {
          // posts is partitioned by month there; post_keys holds the global identity (migration 002).
          const r = await sql<{ dedupe_key: string }>`SELECT dedupe_key FROM post_keys WHERE dedupe_key = ANY(${part}::text[])`.execute(db);
          for (const x of r.rows) out.add(x.dedupe_key);
          continue;
        }
        const rows = await db.selectFrom('posts').select('dedupe_key').where('dedupe_key', 'in', part).execute();
        for (const r of rows) out.add(r.dedupe_key);
      }
      return out;
    },
    /** Insert posts, skipping any whose dedupe key exists; returns the ids actually inserted. */
    async insertMany(rows: PostsTable[]): Promise<Set<string>> {
      const inserted = new Set<string>();
      for (const part of chunks(rows, dialect === 'postgres' ? 1000 : 200)) {
        if (part.length === 0) continue;
        if (dialect === 'postgres') {
          for (const id of await insertPartitioned(part)) inserted.add(id);
          continue;
        }
        const r = await db.insertInto('posts').values(part).onConflict((oc) => oc.doNothing()).returning('id').execute();
        for (const x of r) inserted.add(x.id);
      }
      return inserted;
    },
    async upsertAnalysis(rows: PostAnalysisTable[]): Promise<void> {
      for (const part of chunks(rows, 200)) {
        if (part.length === 0) continue;
        await db
          .insertInto('post_analysis')
          .values(part)
          .onConflict((oc) =>
            oc.column('post_id').doUpdateSet((eb) => ({
              keywords: eb.ref('excluded.keywords'), sentiment_label: eb.ref('excluded.sentiment_label'), sentiment_score: eb.ref('excluded.sentiment_score'),
              sentiment_evidence: eb.ref('excluded.sentiment_evidence'), simhash: eb.ref('excluded.simhash'), duplicate_of: eb.ref('excluded.duplicate_of'),
              places: eb.ref('excluded.places'), units: eb.ref('excluded.units'), plans: eb.ref('excluded.plans'), event_id: eb.ref('excluded.event_id'),
              analyzed_at: eb.ref('excluded.analyzed_at'),
            })),
          )
          .execute();
      }
    },
    /** Index pre-segmented text (space-joined tokens) for full-text search. */
    async indexText(rows: { post_id: string; tokens: string }[]): Promise<void> {
      for (const part of chunks(rows, 200)) {
        if (part.length === 0) continue;
        if (dialect === 'sqlite') {
          await db.insertInto('posts_fts').values(part).execute();
        } else {
          await sql`INSERT INTO posts_fts (post_id, tokens) VALUES ${sql.join(part.map((r) => sql`(${r.post_id}, to_tsvector('simple', ${r.tokens}))`))}`.execute(db); // posts_fts: a view with an INSTEAD OF trigger (migration 002); it skips known rows
        }
      }
    },
    async insertEvidence(rows: PostEvidenceTable[]): Promise<void> {
      for (const part of chunks(rows, 100)) {
        if (part.length === 0) continue;
        await db.insertInto('post_evidence').values(part).onConflict((oc) => oc.doNothing()).execute();
      }
    },
    async evidence(postId: string): Promise<Omit<PostEvidenceTable, 'body'>[]> {
      return db.selectFrom('post_evidence').select(['id', 'post_id', 'fetched_at', 'sha256', 'content_type']).where('post_id', '=', postId).orderBy('fetched_at').execute();
    },
    async evidenceBody(id: string): Promise<PostEvidenceTable | undefined> {
      return db.selectFrom('post_evidence').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byId(id: string): Promise<PostWithAnalysis | undefined> {
      return db.selectFrom('posts').leftJoin('post_analysis', 'post_analysis.post_id', 'posts.id').selectAll('posts').selectAll('post_analysis').where('posts.id', '=', id).executeTakeFirst() as Promise<PostWithAnalysis | undefined>;
    },
    async list(f: PostFilter): Promise<PostWithAnalysis[]> {
      return (await filtered(f, true, await levelScope(f))
        .selectAll('posts')
        .selectAll('post_analysis')
        .orderBy('posts.published_at', 'desc')
        .orderBy('posts.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute()) as PostWithAnalysis[];
    },
    async count(f: Omit<PostFilter, 'limit' | 'offset'>): Promise<number> {
      const r = await filtered(f, usesAnalysis(f), await levelScope(f)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Count up to `cap` (a list's total: exact below the cap, so large stores stay fast). */
    async countCapped(f: Omit<PostFilter, 'limit' | 'offset'>, cap: number): Promise<number> {
      const inner = filtered(f, usesAnalysis(f), await levelScope(f)).select(sql<number>`1`.as('one')).limit(cap);
      const r = await db.selectFrom(inner.as('capped')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async duplicateCounts(ids: string[]): Promise<Map<string, number>> {
      const out = new Map<string, number>();
      if (ids.length === 0) return out;
      const rows = await db
        .selectFrom('post_analysis')
        .select(['duplicate_of', (eb) => eb.fn.countAll<number>().as('n')])
        .where('duplicate_of', 'in', ids)
        .groupBy('duplicate_of')
        .execute();
      for (const r of rows) if (r.duplicate_of) out.set(r.duplicate_of, Number(r.n));
      return out;
    },
    /** Recent simhashes, newest first, to warm the near-duplicate index at start. */
    async recentSimhashes(since: number, limit: number): Promise<{ post_id: string; simhash: string; text: string; published_at: number }[]> {
      return db
        .selectFrom('post_analysis')
        .innerJoin('posts', 'posts.id', 'post_analysis.post_id')
        .select(['post_analysis.post_id', 'post_analysis.simhash', 'posts.text', 'posts.published_at'])
        .where('posts.published_at', '>=', since)
        .orderBy('posts.published_at', 'desc')
        .limit(limit)
        .execute();
    },
    async setLabel(postId: string, label: string | null): Promise<void> {
      await db.updateTable('post_analysis').set({ label_override: label }).where('post_id', '=', postId).execute();
    },
    async setRelevant(postId: string, relevant: boolean | null): Promise<void> {
      await db.updateTable('post_analysis').set({ relevant: relevant == null ? null : relevant ? 1 : 0 }).where('post_id', '=', postId).execute();
    },
    async setEvent(postIds: string[], eventId: string | null): Promise<void> {
      for (const part of chunks(postIds)) if (part.length) await db.updateTable('post_analysis').set({ event_id: eventId }).where('post_id', 'in', part).execute();
    },
    async upsertLabel(row: { post_id: string; label: string; labelled_by: string; labelled_at: number }): Promise<void> {
      await db
        .insertInto('sentiment_labels')
        .values(row)
        .onConflict((oc) => oc.column('post_id').doUpdateSet({ label: row.label, labelled_by: row.labelled_by, labelled_at: row.labelled_at }))
        .execute();
    },
    async labelledTexts(): Promise<{ text: string; title: string | null; label: string }[]> {
      return db.selectFrom('sentiment_labels').innerJoin('posts', 'posts.id', 'sentiment_labels.post_id').select(['posts.text', 'posts.title', 'sentiment_labels.label']).execute();
    },
    /** Counts per time bucket and sentiment for charts (bucket in ms, aligned to UTC multiples plus offset). */
    async histogram(from: number, to: number, bucketMs: number, offsetMs = 0, eventId?: string): Promise<{ bucket: number; sentiment: string; n: number }[]> {
      const b = sql<number>`CAST((posts.published_at + ${Math.round(offsetMs)}) / ${Math.round(bucketMs)} AS INTEGER) * ${Math.round(bucketMs)} - ${Math.round(offsetMs)}`;
      const bucketExpr = dialect === 'postgres' ? sql<number>`(floor((posts.published_at + ${offsetMs})::numeric / ${bucketMs}) * ${bucketMs} - ${offsetMs})::bigint` : b;
      let q = db.selectFrom('posts').leftJoin('post_analysis', 'post_analysis.post_id', 'posts.id');
      if (eventId) q = q.where('post_analysis.event_id', '=', eventId);
      const rows = await q
        .select([bucketExpr.as('bucket'), sql<string>`coalesce(post_analysis.label_override, post_analysis.sentiment_label, 'neutral')`.as('sentiment'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('posts.published_at', '>=', from)
        .where('posts.published_at', '<', to)
        .groupBy([sql`1`, sql`2`])
        .execute();
      return rows.map((r) => ({ bucket: Number(r.bucket), sentiment: r.sentiment, n: Number(r.n) }));
    },
    /** An event's posts per time bucket (as in `histogram`), originals and copies/reposts (near-duplicates) apart. */
    async eventSpread(eventId: string, bucketMs: number, offsetMs = 0): Promise<{ bucket: number; copy: boolean; n: number }[]> {
      const bucketExpr =
        dialect === 'postgres'
          ? sql<number>`(floor((posts.published_at + ${offsetMs})::numeric / ${bucketMs}) * ${bucketMs} - ${offsetMs})::bigint`
          : sql<number>`CAST((posts.published_at + ${Math.round(offsetMs)}) / ${Math.round(bucketMs)} AS INTEGER) * ${Math.round(bucketMs)} - ${Math.round(offsetMs)}`;
      const rows = await db
        .selectFrom('post_analysis')
        .innerJoin('posts', 'posts.id', 'post_analysis.post_id')
        .select([bucketExpr.as('bucket'), sql<number>`CASE WHEN post_analysis.duplicate_of IS NULL THEN 0 ELSE 1 END`.as('copy'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('post_analysis.event_id', '=', eventId)
        .groupBy([sql`1`, sql`2`])
        .execute();
      return rows.map((r) => ({ bucket: Number(r.bucket), copy: Number(r.copy) === 1, n: Number(r.n) }));
    },
    /** An event's posts per source: originals, copies/reposts, and the source's first post time. */
    async eventSources(eventId: string): Promise<{ sourceId: string; originals: number; copies: number; firstAt: number }[]> {
      const rows = await db
        .selectFrom('post_analysis')
        .innerJoin('posts', 'posts.id', 'post_analysis.post_id')
        .select([
          'posts.source_id',
          sql<number>`SUM(CASE WHEN post_analysis.duplicate_of IS NULL THEN 1 ELSE 0 END)`.as('originals'),
          sql<number>`SUM(CASE WHEN post_analysis.duplicate_of IS NULL THEN 0 ELSE 1 END)`.as('copies'),
          (eb) => eb.fn.min('posts.published_at').as('first_at'),
        ])
        .where('post_analysis.event_id', '=', eventId)
        .groupBy('posts.source_id')
        .execute();
      return rows.map((r) => ({ sourceId: r.source_id, originals: Number(r.originals), copies: Number(r.copies), firstAt: Number(r.first_at) }));
    },
    /** The earliest post of an event (ties by id). */
    async firstOfEvent(eventId: string): Promise<PostWithAnalysis | undefined> {
      return db
        .selectFrom('post_analysis')
        .innerJoin('posts', 'posts.id', 'post_analysis.post_id')
        .selectAll('posts')
        .selectAll('post_analysis')
        .where('post_analysis.event_id', '=', eventId)
        .orderBy('posts.published_at')
        .orderBy('posts.id')
        .limit(1)
        .executeTakeFirst();
    },
    /** Counts of an event's posts as stored: posts, distinct sources, first and last publication time. */
    async eventStats(eventId: string): Promise<{ posts: number; sources: number; first: number | null; last: number | null }> {
      const r = await db
        .selectFrom('post_analysis')
        .innerJoin('posts', 'posts.id', 'post_analysis.post_id')
        .select([
          (eb) => eb.fn.countAll<number>().as('n'),
          sql<number>`COUNT(DISTINCT posts.source_id)`.as('sources'),
          (eb) => eb.fn.min('posts.published_at').as('first'),
          (eb) => eb.fn.max('posts.published_at').as('last'),
        ])
        .where('post_analysis.event_id', '=', eventId)
        .executeTakeFirstOrThrow();
      return { posts: Number(r.n), sources: Number(r.sources), first: r.first == null ? null : Number(r.first), last: r.last == null ? null : Number(r.last) };
    },
    /** Posts of an event (null: of no event) that are copies of one of `ids` (to move copies with their original). */
    async copiesInEvent(ids: string[], eventId: string | null): Promise<string[]> {
      const out: string[] = [];
      for (const part of chunks(ids)) {
        if (!part.length) continue;
        const rows = await db
          .selectFrom('post_analysis')
          .select('post_id')
          .where('duplicate_of', 'in', part)
          .where('event_id', eventId === null ? 'is' : '=', eventId)
          .execute();
        for (const r of rows) out.push(r.post_id);
      }
      return out;
    },
    /** Time, source and sentiment of posts (for the live tracker when staff move them). */
    async briefs(ids: string[]): Promise<{ id: string; published_at: number; source_id: string; sentiment: string | null }[]> {
      const out: { id: string; published_at: number; source_id: string; sentiment: string | null }[] = [];
      for (const part of chunks(ids)) {
        if (!part.length) continue;
        const rows = await db
          .selectFrom('posts')
          .leftJoin('post_analysis', 'post_analysis.post_id', 'posts.id')
          .select(['posts.id', 'posts.published_at', 'posts.source_id', sql<string | null>`coalesce(post_analysis.label_override, post_analysis.sentiment_label)`.as('sentiment')])
          .where('posts.id', 'in', part)
          .execute();
        for (const r of rows) out.push({ ...r, published_at: Number(r.published_at) });
      }
      return out;
    },
    async countBy(field: 'source_id' | 'sentiment', from: number, to: number, eventId?: string): Promise<{ key: string; n: number }[]> {
      const key = field === 'source_id' ? sql<string>`posts.source_id` : sql<string>`coalesce(post_analysis.label_override, post_analysis.sentiment_label, 'neutral')`;
      // per source without an event: the posts table alone (see `filtered`)
      let q = field === 'sentiment' || eventId ? joined() : (db.selectFrom('posts') as unknown as ReturnType<typeof joined>);
      if (eventId) q = q.where('post_analysis.event_id', '=', eventId);
      const rows = await q
        .select([key.as('key'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('posts.published_at', '>=', from)
        .where('posts.published_at', '<', to)
        .groupBy(sql`1`)
        .execute();
      return rows.map((r) => ({ key: r.key, n: Number(r.n) }));
    },
    async analysisBetween(from: number, to: number, limit: number): Promise<{ keywords: string; places: string; units: string; sentiment: string }[]> {
      return db
        .selectFrom('posts')
        .innerJoin('post_analysis', 'post_analysis.post_id', 'posts.id')
        .select(['post_analysis.keywords', 'post_analysis.places', 'post_analysis.units', sql<string>`coalesce(post_analysis.label_override, post_analysis.sentiment_label)`.as('sentiment')])
        .where('posts.published_at', '>=', from)
        .where('posts.published_at', '<', to)
        .orderBy('posts.published_at', 'desc')
        .limit(limit)
        .execute();
    },
    /** Deletes up to 5,000 posts of a source older than `before`, except those `keep` names; skips the first `skip` (kept) ones. */
    async deleteOlderThan(sourceId: string, before: number, keep: (ids: string[]) => Promise<Set<string>>, skip = 0): Promise<{ scanned: number; deleted: number }> {
      const old = await db.selectFrom('posts').select('id').where('source_id', '=', sourceId).where('published_at', '<', before).orderBy('published_at').orderBy('id').limit(5000).offset(skip).execute();
      const ids = old.map((r) => r.id);
      if (ids.length === 0) return { scanned: 0, deleted: 0 };
      const kept = await keep(ids);
      const del = ids.filter((i) => !kept.has(i));
      for (const part of chunks(del)) {
        if (!part.length) continue;
        await db.deleteFrom('post_analysis').where('post_id', 'in', part).execute();
        await db.deleteFrom('posts_fts').where('post_id', 'in', part).execute();
        await db.deleteFrom('post_evidence').where('post_id', 'in', part).execute();
        await db.deleteFrom('event_posts').where('post_id', 'in', part).execute();
        await db.deleteFrom('posts').where('id', 'in', part).execute();
      }
      return { scanned: ids.length, deleted: del.length };
    },
  };
}
export type PostsRepo = ReturnType<typeof postsRepo>;
