/**
 * The store's ReportDataSource gives the answers of the reference memory data source (src/reports/memory-data-source.ts)
 * on the same data, query by query and report by report, on SQLite (and PostgreSQL when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDataSource, type MemoryData } from '../src/reports/memory-data-source.ts';
import type { ReportDataSource, TimeRange } from '../src/reports/data-source.ts';
import { assembleDaily, assemblePeriodic, assembleSpecial } from '../src/reports/assemble.ts';
import { ledgerUnitStats } from '../src/reports/stats.ts';
import { createStoreReportDataSource } from '../src/store/report-data.ts';
import { data as fixture, options } from './reports/report-fixture.ts';
import { seedReportFixture } from './helpers/report-seed.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';

/** Instants as the store gives them back (`…:00.000Z`), so rows compare equal. */
function normalized<T>(v: T): T {
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v)) return v.replace('Z', '.000Z') as T;
  if (Array.isArray(v)) return v.map(normalized) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalized(x)])) as T;
  return v;
}

const data: MemoryData = normalized({
  ...fixture,
  // the store lists cases in registration order; the memory source in array order
  cases: [...(fixture.cases ?? [])].sort((a, b) => Date.parse(a.registeredAt) - Date.parse(b.registeredAt)),
  posts: [
    ...fixture.posts,
    // not analysed yet: neutral, no places, no event
    {
      id: 'p13',
      title: '尚未研判的帖文',
      excerpt: '尚未研判',
      url: null,
      sourceId: 's-weibo',
      sourceName: '微博',
      author: null,
      publishedAt: '2026-03-05T04:30:00Z',
      sentiment: 'neutral',
      places: [],
      units: [],
      engagement: 0,
      eventId: null,
    },
  ],
});

let ts: TestStore;
let store: ReportDataSource;
const mem = createMemoryDataSource(data);

beforeAll(async () => {
  ts = await openTestStore();
  await seedReportFixture(ts.store, data);
  store = createStoreReportDataSource(ts.store, { timeZone: 'Asia/Shanghai' });
});
afterAll(async () => ts?.cleanup());

const DAY: TimeRange = { start: '2026-03-04T09:00:00Z', end: '2026-03-05T09:00:00Z' };
const PREV: TimeRange = { start: '2026-03-03T09:00:00Z', end: '2026-03-04T09:00:00Z' };
const WEEK: TimeRange = { start: '2026-03-01T16:00:00Z', end: '2026-03-08T16:00:00Z' };
const MONTH: TimeRange = { start: '2026-02-28T16:00:00Z', end: '2026-03-31T16:00:00Z' };
const RANGES = [DAY, PREV, WEEK, MONTH, { start: '2026-03-05T09:00:00Z', end: '2026-03-05T09:00:01Z' }];
const bySorted = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

describe('store ReportDataSource = memory reference', () => {
  it('countPosts: every grouping and filter, duplicates once, corrections win, half-open ranges', async () => {
    for (const range of RANGES)
      for (const groupBy of ['none', 'source', 'sentiment'] as const)
        for (const f of [
          {},
          { sentiment: 'negative' as const },
          { concernsOffice: true },
          { eventId: 'E1' },
          { sentiment: 'neutral' as const, concernsOffice: true },
        ]) {
          const q = { range, groupBy, ...f };
          expect(bySorted(await store.countPosts(q)), JSON.stringify(q)).toEqual(bySorted(await mem.countPosts(q)));
        }
    expect(await store.countPosts({ range: DAY, groupBy: 'none' })).toEqual([{ key: 'all', label: '全部', count: 12 }]); // 11 in the fixture + the unanalysed p13
  });

  it('listPosts, getPosts: orders, ties, limits, engagement = reposts + replies + likes', async () => {
    for (const orderBy of ['engagement', 'newest', 'oldest'] as const)
      for (const f of [
        { range: DAY },
        { eventId: 'E1' },
        { range: WEEK, sentiment: 'negative' as const, concernsOffice: true },
        {},
      ])
        for (const limit of [1, 3, 50]) {
          const q = { ...f, orderBy, limit };
          expect(await store.listPosts(q), JSON.stringify(q)).toEqual(await mem.listPosts(q));
        }
    expect((await store.listPosts({ eventId: 'E1', orderBy: 'engagement', limit: 1 }))[0]).toMatchObject({
      id: 'p3',
      engagement: 300,
    });
    expect(await store.getPosts(['p9', 'p1', 'nope'])).toEqual(await mem.getPosts(['p9', 'p1', 'nope']));
  });

  it('events, level history (merged events left out)', async () => {
    for (const range of RANGES)
      for (const orderBy of ['heat', 'postsInRange'] as const)
        for (const limit of [1, 10])
          expect(await store.listEvents({ range, orderBy, limit })).toEqual(
            await mem.listEvents({ range, orderBy, limit }),
          );
    expect(await store.getEvent('E1')).toEqual(await mem.getEvent('E1'));
    expect(await store.getEvent('nope')).toBeNull();
    expect(await store.eventLevelHistory('E1')).toEqual(await mem.eventLevelHistory('E1'));
  });

  it('alerts, cases (every filter), releases', async () => {
    for (const q of [{ range: DAY }, { range: PREV }, { eventId: 'E1' }, {}]) {
      const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(await store.listAlerts(q))).toEqual(byId(await mem.listAlerts(q)));
      expect(byId(await store.listReleases(q))).toEqual(byId(await mem.listReleases(q)));
    }
    const at = ['2026-03-04T02:00:00Z', '2026-03-05T09:00:00Z', '2026-03-06T00:00:00Z', '2026-03-03T02:00:00Z'];
    const cq = [
      { registeredIn: WEEK },
      { registeredIn: DAY },
      { repliedIn: DAY },
      { eventId: 'E1' },
      { dueIn: { start: DAY.end, end: '2026-03-06T09:00:00Z' } },
      ...at.map((overdueAt) => ({ overdueAt })),
      {},
    ];
    const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();
    for (const q of cq) {
      const [s, m] = [await store.listCases(q), await mem.listCases(q)];
      expect(ids(s), JSON.stringify(q)).toEqual(ids(m));
      expect([...s].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...m].sort((a, b) => a.id.localeCompare(b.id)));
    }
  });

  it('case history from the transitions, with the texts of each step', async () => {
    const h = await store.caseHistory(['c1', 'c4']);
    expect(h.map((x) => [x.caseNumber, x.action])).toEqual([
      ['YQ-2026-000095', 'registered'],
      ['YQ-2026-000095', 'assigned'],
      ['YQ-2026-000095', 'progress'],
      ['YQ-2026-000095', 'replied'],
      ['YQ-2026-000095', 'feedback'],
      ['YQ-2026-000101', 'registered'],
      ['YQ-2026-000101', 'assigned'],
      ['YQ-2026-000101', 'progress'],
      ['YQ-2026-000101', 'replied'],
      ['YQ-2026-000101', 'feedback'],
    ]);
    const assign = h.find((x) => x.caseId === 'c1' && x.action === 'assigned')!;
    expect(assign).toMatchObject({ unit: '县水务局', note: '交办县水务局；协办：治河渡镇', actor: '值班员' });
    expect(h.find((x) => x.caseId === 'c1' && x.action === 'replied')!.note).toBe('通过政府网站答复；已答复');
    expect(h.find((x) => x.caseId === 'c4' && x.action === 'feedback')!.note).toBe('不满意');
  });

  it('source health: items over the range from the posts; status from the health record', async () => {
    const s = await store.sourceHealth(DAY);
    const m = await mem.sourceHealth(DAY);
    expect(s.map((x) => [x.sourceId, x.itemsInRange]).sort()).toEqual(
      m.map((x) => [x.sourceId, x.itemsInRange]).sort(),
    );
    expect(s.find((x) => x.sourceId === 's-forum')).toMatchObject({ status: 'down', lastError: 'HTTP 503' });
    expect(s.find((x) => x.sourceId === 's-weibo')).toMatchObject({
      status: 'ok',
      lastError: null,
      lastSuccessAt: '2026-03-05T08:55:00.000Z',
    });
  });

  it('ledger facts give the same per-unit statistics', async () => {
    for (const r of [WEEK, MONTH, DAY]) {
      const a = ledgerUnitStats(await store.ledgerFacts(r), r.start, r.end, options.now);
      const b = ledgerUnitStats(await mem.ledgerFacts(r), r.start, r.end, options.now);
      expect(a).toEqual(b);
    }
  });

  it('whole reports are the same (daily exactly; weekly/special apart from health and history texts)', async () => {
    expect(await assembleDaily(store, '2026-03-05', options)).toEqual(await assembleDaily(mem, '2026-03-05', options));
    const [w1, w2] = [
      await assemblePeriodic(store, 'weekly', '2026-03-05', options),
      await assemblePeriodic(mem, 'weekly', '2026-03-05', options),
    ];
    expect({ ...w1, sourceHealth: null, watchPoints: null }).toEqual({ ...w2, sourceHealth: null, watchPoints: null });
    const [s1, s2] = [await assembleSpecial(store, 'E1', options), await assembleSpecial(mem, 'E1', options)];
    const strip = (d: typeof s1) => ({
      ...d,
      timeline: null,
      caseHistory: { ...d.caseHistory, entries: null },
      queries: d.queries.filter((q) => !q.call.startsWith('caseHistory')),
    });
    expect(strip(s1)).toEqual(strip(s2));
  });
});
