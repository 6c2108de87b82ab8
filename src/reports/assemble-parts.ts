/** Building blocks of assemble.ts: each gathers one part of a report from the data source, through the QueryLog. */
import type { ReportDataSource, TimeRange } from './data-source.ts';
import { levelZh, TREND_ZH } from './labels.ts';
import { splitPeriod } from './period.ts';
import type { QueryLog } from './query-log.ts';
import {
  CaseRowSchema,
  CountRowSchema,
  EventRowSchema,
  PostRowSchema,
  SENTIMENTS,
  type CaseRow,
  type ComparedCount,
  type CountRow,
  type EventRow,
  type LedgerSection,
  type LinkedPost,
  type Period,
  type PostRow,
  type ReportEvent,
  type Totals,
  type Trend,
  type WatchPoint,
} from './types.ts';

export interface Links {
  event(id: string): string;
  post(id: string): string;
  case(id: string): string;
}

export function makeLinks(baseUrl: string): Links {
  const b = baseUrl.replace(/\/+$/, '');
  const e = encodeURIComponent;
  return {
    event: (id) => `${b}/#/events/${e(id)}`,
    post: (id) => `${b}/#/posts/${e(id)}`,
    case: (id) => `${b}/#/cases/${e(id)}`,
  };
}

export const range = (p: Period): TimeRange => ({ start: p.start, end: p.end });

export interface Ctx {
  ds: ReportDataSource;
  log: QueryLog;
  links: Links;
}

const Counts = CountRowSchema.array();

function compare(cur: CountRow[], prev: CountRow[], order?: readonly string[]): ComparedCount[] {
  const m = new Map<string, ComparedCount>();
  for (const r of cur) m.set(r.key, { key: r.key, label: r.label, current: r.count, previous: 0 });
  for (const r of prev) {
    const x = m.get(r.key);
    if (x) x.previous = r.count;
    else m.set(r.key, { key: r.key, label: r.label, current: 0, previous: r.count });
  }
  const rows = [...m.values()];
  if (order) return rows.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  return rows.sort((a, b) => b.current - a.current || b.previous - a.previous || a.label.localeCompare(b.label));
}

const SENTIMENT_LABELS = { positive: '正面', neutral: '中性', negative: '负面' } as const;

export async function totals(c: Ctx, period: Period, previous: Period): Promise<Totals> {
  const run = (r: TimeRange, groupBy: 'source' | 'sentiment' | 'none') =>
    c.log.run('countPosts', { range: r, groupBy }, Counts, () => c.ds.countPosts({ range: r, groupBy }));
  const [t, pt, s, ps, se, pse] = [
    await run(range(period), 'none'),
    await run(range(previous), 'none'),
    await run(range(period), 'source'),
    await run(range(previous), 'source'),
    await run(range(period), 'sentiment'),
    await run(range(previous), 'sentiment'),
  ];
  const sum = (rows: CountRow[]) => rows.reduce((a, r) => a + r.count, 0);
  const bySentiment = compare(se.rows, pse.rows, SENTIMENTS);
  for (const k of SENTIMENTS)
    if (!bySentiment.some((r) => r.key === k))
      bySentiment.push({ key: k, label: SENTIMENT_LABELS[k], current: 0, previous: 0 });
  bySentiment.sort((a, b) => SENTIMENTS.indexOf(a.key as never) - SENTIMENTS.indexOf(b.key as never));
  return {
    total: sum(t.rows),
    previousTotal: sum(pt.rows),
    bySource: compare(s.rows, ps.rows),
    bySentiment,
    q: [t.q, pt.q, s.q, ps.q, se.q, pse.q],
  };
}

export function linkPost(c: Ctx, p: PostRow): LinkedPost {
  return { ...p, link: c.links.post(p.id) };
}

/** Events active in the period, each with its posts in the previous period and up to `reps` representative posts. */
export async function events(
  c: Ctx,
  period: Period,
  previous: Period,
  limit: number,
  reps: number,
): Promise<{ items: ReportEvent[]; q: string[] }> {
  const q = { range: range(period), orderBy: 'heat' as const, limit };
  const ev = await c.log.run('listEvents', q, EventRowSchema.array(), () => c.ds.listEvents(q));
  const qs = [ev.q];
  const items: ReportEvent[] = [];
  for (const e of ev.rows) {
    const prevQ = { range: range(previous), eventId: e.id, groupBy: 'none' as const };
    const prev = await c.log.run('countPosts', prevQ, Counts, () => c.ds.countPosts(prevQ));
    const posts = await representativePosts(c, e, period, reps);
    qs.push(prev.q, ...posts.q);
    items.push({
      ...e,
      link: c.links.event(e.id),
      isNew: Date.parse(e.firstSeenAt) >= Date.parse(period.start),
      postsInPreviousRange: prev.rows.reduce((a, r) => a + r.count, 0),
      representativePosts: posts.items,
    });
  }
  return { items, q: qs };
}

async function representativePosts(
  c: Ctx,
  e: EventRow,
  period: Period | null,
  n: number,
): Promise<{ items: LinkedPost[]; q: string[] }> {
  const out: PostRow[] = [];
  const q: string[] = [];
  if (e.representativePostId) {
    const ids = [e.representativePostId];
    const r = await c.log.run('getPosts', ids, PostRowSchema.array(), () => c.ds.getPosts(ids));
    out.push(...r.rows);
    q.push(r.q);
  }
  if (out.length < n) {
    const lq = { ...(period ? { range: range(period) } : {}), eventId: e.id, orderBy: 'engagement' as const, limit: n };
    const r = await c.log.run('listPosts', lq, PostRowSchema.array(), () => c.ds.listPosts(lq));
    for (const p of r.rows) if (out.length < n && !out.some((x) => x.id === p.id)) out.push(p);
    q.push(r.q);
  }
  return { items: out.map((p) => linkPost(c, p)), q };
}

export { representativePosts };

export async function ledger(c: Ctx, period: Period): Promise<LedgerSection> {
  const Cases = CaseRowSchema.array();
  const r = range(period);
  const soon = { start: period.end, end: new Date(Date.parse(period.end) + 24 * 3600_000).toISOString() };
  const opened = await c.log.run('listCases', { registeredIn: r }, Cases, () => c.ds.listCases({ registeredIn: r }));
  const replied = await c.log.run('listCases', { repliedIn: r }, Cases, () => c.ds.listCases({ repliedIn: r }));
  const overdue = await c.log.run('listCases', { overdueAt: period.end }, Cases, () =>
    c.ds.listCases({ overdueAt: period.end }),
  );
  const dueSoon = await c.log.run('listCases', { dueIn: soon }, Cases, () => c.ds.listCases({ dueIn: soon }));
  return {
    opened: opened.rows,
    replied: replied.rows,
    overdue: overdue.rows,
    dueSoon: dueSoon.rows,
    q: [opened.q, replied.q, overdue.q, dueSoon.q],
  };
}

/** Counts per bucket and sentiment (hours for a day, days for longer periods). */
export async function trend(c: Ctx, period: Period, eventId?: string): Promise<Trend> {
  const points: Trend['points'] = [];
  const q: string[] = [];
  for (const b of splitPeriod(period)) {
    const r = { start: b.start.toISOString(), end: b.end.toISOString() };
    const cq = { range: r, groupBy: 'sentiment' as const, ...(eventId ? { eventId } : {}) };
    const res = await c.log.run('countPosts', cq, Counts, () => c.ds.countPosts(cq));
    const get = (k: string) => res.rows.find((x) => x.key === k)?.count ?? 0;
    points.push({
      label: b.label,
      start: r.start,
      positive: get('positive'),
      neutral: get('neutral'),
      negative: get('negative'),
    });
    q.push(res.q);
  }
  return { points, q };
}

/** Points to watch next, each derived from data already gathered (so each is grounded). */
export function watchPoints(
  c: Ctx,
  t: Totals,
  evs: ReportEvent[],
  l: LedgerSection,
  down: Array<{ name: string; status: string; gapsInRange: number }> = [],
): WatchPoint[] {
  const out: WatchPoint[] = [];
  for (const e of evs) {
    const growing = e.postsInRange > e.postsInPreviousRange;
    if (e.trend === 'rising' || (growing && e.level !== null))
      out.push({
        text: `事件“${e.title}”${e.trend ? `呈${TREND_ZH[e.trend]}态势` : '仍在发酵'}，本期新增 ${e.postsInRange} 条（上期 ${e.postsInPreviousRange} 条），预警${levelZh(e.level)}，需持续关注。`,
        link: e.link,
      });
  }
  const neg = t.bySentiment.find((s) => s.key === 'negative');
  if (neg && neg.current >= 5 && neg.current > neg.previous * 1.5)
    out.push({ text: `负面信息 ${neg.current} 条，较上期 ${neg.previous} 条明显增多。`, link: null });
  for (const k of l.overdue)
    out.push({
      text: `台账 ${k.number}“${k.summary}”已超期未答复，责任单位：${k.leadUnit ?? '未指派'}。`,
      link: c.links.case(k.id),
    });
  for (const k of l.dueSoon)
    out.push({
      text: `台账 ${k.number}“${k.summary}”将于 24 小时内到期，责任单位：${k.leadUnit ?? '未指派'}。`,
      link: c.links.case(k.id),
    });
  for (const s of down)
    if (s.status === 'down' || s.gapsInRange > 0)
      out.push({
        text: `信息源“${s.name}”${s.status === 'down' ? '采集中断' : `出现 ${s.gapsInRange} 次采集缺口`}，该源数据可能不全。`,
        link: null,
      });
  return out;
}

export function isHandled(k: CaseRow, atMs: number): boolean {
  return k.repliedAt !== null && Date.parse(k.repliedAt) < atMs;
}
