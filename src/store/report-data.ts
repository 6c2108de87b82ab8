/**
 * The store's ReportDataSource (src/reports/data-source.ts) with the semantics of the reference
 * src/reports/memory-data-source.ts, on SQLite and PostgreSQL:
 *  - ranges are half-open [start, end) over the instant a thing happened (posts: published_at);
 *  - a post that is a duplicate of another (post_analysis.duplicate_of set) is counted and listed once, as its
 *    original; a post not analysed yet counts as neutral with no places, units or event;
 *  - a post's sentiment is the office's correction (label_override) when there is one, else the model's label;
 *  - concernsOffice: the analysis found at least one of the office's places or units in the post;
 *  - an event's posts are the posts whose analysis points at it; merged events are left out of listings;
 *  - engagement = reposts + replies + likes.
 * Ledger, alerts, releases and source health are in report-data-ledger.ts.
 */
import type { Store } from './store.ts';
import type { EventsTable } from './schema.ts';
import type {
  CountPostsQuery,
  ListEventsQuery,
  ListPostsQuery,
  PostFilter,
  ReportDataSource,
} from '../reports/data-source.ts';
import type { CountRow, EventRow, PostRow } from '../reports/types.ts';
import { parseJson } from './repos/executor.ts';
import {
  chunks,
  engagementSql,
  excerptOf,
  iso,
  levelOf,
  ms,
  nonEmptyJsonArray,
  SENTIMENT_SQL,
  sentimentOf,
  stringArray,
  titleOf,
} from './report-data-map.ts';
import { ledgerDataSource } from './report-data-ledger.ts';

export interface StoreReportDataOptions {
  /** The office time zone (kept for callers; every range arrives as UTC instants). */
  timeZone: string;
}

const SENTIMENT_LABEL = { positive: '正面', neutral: '中性', negative: '负面' } as const;
const TRENDS = new Set(['rising', 'peaking', 'fading']);

export function createStoreReportDataSource(store: Store, _opts: StoreReportDataOptions): ReportDataSource {
  const { db, dialect } = store.exec;
  const engagement = engagementSql(dialect);

  const base = (f: PostFilter) => {
    let q = db
      .selectFrom('posts')
      .leftJoin('post_analysis as a', 'a.post_id', 'posts.id')
      .where('a.duplicate_of', 'is', null);
    if (f.range)
      q = q.where('posts.published_at', '>=', ms(f.range.start)).where('posts.published_at', '<', ms(f.range.end));
    if (f.eventId !== undefined) q = q.where('a.event_id', '=', f.eventId);
    if (f.sentiment !== undefined) q = q.where(SENTIMENT_SQL, '=', f.sentiment);
    if (f.concernsOffice) q = q.where((eb) => eb.or([nonEmptyJsonArray('a.places'), nonEmptyJsonArray('a.units')]));
    return q;
  };

  const postColumns = (q: ReturnType<typeof base>) =>
    q
      .leftJoin('sources', 'sources.id', 'posts.source_id')
      .select([
        'posts.id',
        'posts.title',
        'posts.text',
        'posts.url',
        'posts.author',
        'posts.published_at',
        'posts.source_id',
        'sources.name as source_name',
        'a.places',
        'a.units',
        'a.event_id',
        SENTIMENT_SQL.as('sentiment'),
        engagement.as('engagement'),
      ]);

  type PostSel = Awaited<ReturnType<ReturnType<typeof postColumns>['execute']>>[number];
  const toPost = (r: PostSel): PostRow => ({
    id: r.id,
    title: titleOf(r.title, r.text),
    excerpt: excerptOf(r.text),
    url: r.url,
    sourceName: r.source_name ?? r.source_id,
    author: r.author,
    publishedAt: iso(Number(r.published_at)),
    sentiment: sentimentOf(r.sentiment),
    places: stringArray(r.places),
    units: stringArray(r.units),
    engagement: Math.max(0, Math.floor(Number(r.engagement) || 0)),
    eventId: r.event_id ?? null,
  });

  /** Forecast directions the pipeline keeps under settings `event-forecast:ID` (JSON, possibly JSON in a string). */
  async function trends(ids: string[]): Promise<Map<string, EventRow['trend']>> {
    const out = new Map<string, EventRow['trend']>();
    for (const part of chunks(ids)) {
      if (!part.length) continue;
      const keys = part.map((id) => `event-forecast:${id}`);
      const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', keys).execute();
      for (const r of rows) {
        let v = parseJson<unknown>(r.value, null);
        if (typeof v === 'string') v = parseJson<unknown>(v, null);
        const dir = v && typeof v === 'object' ? (v as { direction?: unknown }).direction : undefined;
        if (typeof dir === 'string' && TRENDS.has(dir))
          out.set(r.key.slice('event-forecast:'.length), dir as EventRow['trend']);
      }
    }
    return out;
  }

  async function totals(ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(ids)) {
      if (!part.length) continue;
      const rows = await db
        .selectFrom('post_analysis as a')
        .select(['a.event_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('a.event_id', 'in', part)
        .where('a.duplicate_of', 'is', null)
        .groupBy('a.event_id')
        .execute();
      for (const r of rows) if (r.event_id) out.set(r.event_id, Number(r.n));
    }
    return out;
  }

  async function eventRows(rows: EventsTable[], inRange: Map<string, number> | null): Promise<EventRow[]> {
    const ids = rows.map((e) => e.id);
    const [all, tr] = await Promise.all([totals(ids), trends(ids)]);
    return rows.map((e) => ({
      id: e.id,
      title: e.title,
      level: levelOf(e.level),
      levelReasons: stringArray(e.level_reasons),
      heat: Math.max(0, Number(e.heat) || 0),
      trend: tr.get(e.id) ?? null,
      firstSeenAt: iso(Number(e.first_seen)),
      lastSeenAt: iso(Number(e.last_seen)),
      postCount: all.get(e.id) ?? 0,
      postsInRange: inRange ? (inRange.get(e.id) ?? 0) : (all.get(e.id) ?? 0),
      keywords: stringArray(e.keywords),
      places: stringArray(e.places),
      units: stringArray(e.units),
      representativePostId: e.representative_post_id,
    }));
  }

  return {
    async countPosts(q: CountPostsQuery): Promise<CountRow[]> {
      if (q.groupBy === 'none') {
        const r = await base(q)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return [{ key: 'all', label: '全部', count: Number(r.n) }];
      }
      if (q.groupBy === 'source') {
        const rows = await base(q)
          .leftJoin('sources', 'sources.id', 'posts.source_id')
          .select([
            'posts.source_id',
            (eb) => eb.fn.max('sources.name').as('name'),
            (eb) => eb.fn.countAll<number>().as('n'),
          ])
          .groupBy('posts.source_id')
          .execute();
        return rows.map((r) => ({ key: r.source_id, label: r.name ?? r.source_id, count: Number(r.n) }));
      }
      const rows = await base(q)
        .select([SENTIMENT_SQL.as('sentiment'), (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(SENTIMENT_SQL)
        .execute();
      const m = new Map<keyof typeof SENTIMENT_LABEL, number>();
      for (const r of rows) {
        const k = sentimentOf(r.sentiment);
        m.set(k, (m.get(k) ?? 0) + Number(r.n));
      }
      return [...m.entries()].map(([key, count]) => ({ key, label: SENTIMENT_LABEL[key], count }));
    },

    async listPosts(q: ListPostsQuery) {
      let sel = postColumns(base(q));
      if (q.orderBy === 'engagement') sel = sel.orderBy(engagement, 'desc');
      else sel = sel.orderBy('posts.published_at', q.orderBy === 'newest' ? 'desc' : 'asc');
      const rows = await sel.orderBy('posts.id').limit(Math.max(0, q.limit)).execute();
      return rows.map(toPost);
    },

    async getPosts(ids: string[]) {
      const out: PostRow[] = [];
      for (const part of chunks(ids)) {
        if (!part.length) continue;
        const q = db
          .selectFrom('posts')
          .leftJoin('post_analysis as a', 'a.post_id', 'posts.id')
          .where('posts.id', 'in', part);
        out.push(...(await postColumns(q).orderBy('posts.id').execute()).map(toPost));
      }
      return out;
    },

    async listEvents(q: ListEventsQuery) {
      const counted = await base({ range: q.range })
        .innerJoin('events', 'events.id', 'a.event_id')
        .where('events.status', '!=', 'merged')
        .select(['events.id', 'events.heat', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(['events.id', 'events.heat'])
        .execute();
      const n = new Map(counted.map((r) => [r.id, Number(r.n)]));
      const heat = new Map(counted.map((r) => [r.id, Number(r.heat)]));
      const ids = [...n.keys()].sort(
        (a, b) =>
          (q.orderBy === 'heat' ? (heat.get(b) ?? 0) - (heat.get(a) ?? 0) : (n.get(b) ?? 0) - (n.get(a) ?? 0)) ||
          a.localeCompare(b),
      );
      const top = ids.slice(0, Math.max(0, q.limit));
      const rows = await store.repos.events.byIds(top);
      const byId = new Map(rows.map((e) => [e.id, e]));
      return eventRows(
        top.map((id) => byId.get(id)).filter((e): e is EventsTable => e !== undefined),
        n,
      );
    },

    async getEvent(id: string) {
      const e = await store.repos.events.byId(id);
      return e ? ((await eventRows([e], null))[0] ?? null) : null;
    },

    async eventLevelHistory(eventId: string) {
      const rows = await db
        .selectFrom('event_levels')
        .select(['at', 'to_level', 'reasons'])
        .where('event_id', '=', eventId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ at: iso(Number(r.at)), level: levelOf(r.to_level), reasons: stringArray(r.reasons) }));
    },

    ...ledgerDataSource(store),
  };
}
