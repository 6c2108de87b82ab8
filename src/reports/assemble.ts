/**
 * Builds report data from a ReportDataSource. Every figure comes from a recorded query (see query-log.ts); the
 * lead only implements the data source against the store.
 */
import {
  events,
  ledger,
  linkPost,
  makeLinks,
  range,
  representativePosts,
  totals,
  trend,
  watchPoints,
  type Ctx,
} from './assemble-parts.ts';
import type { ReportDataSource } from './data-source.ts';
import { CASE_ACTION_ZH, levelZh, REPORT_TITLE_ZH, TREND_ZH } from './labels.ts';
import {
  dailyPeriod,
  eventPeriod,
  formatWall,
  isoWeekday,
  localDateOf,
  monthlyPeriod,
  parseLocalDate,
  weeklyPeriod,
  formatLocalDate,
  addDays,
} from './period.ts';
import { QueryLog } from './query-log.ts';
import { ledgerUnitStats, monthsOf, releasesByChannel } from './stats.ts';
import {
  AlertRowSchema,
  CaseHistoryRowSchema,
  CaseRowSchema,
  CountRowSchema,
  EventRowSchema,
  LedgerFactsSchema,
  LevelChangeRowSchema,
  PostRowSchema,
  ReleaseRowSchema,
  ReportError,
  SourceHealthRowSchema,
  type DailyReportData,
  type Period,
  type PeriodicReportData,
  type ReportKind,
  type ReportMeta,
  type SpecialReportData,
  type TimelineEntry,
} from './types.ts';

export interface AssembleOptions {
  officeName: string;
  /** The desk's public URL; links are `${baseUrl}/#/events/ID`, `/#/posts/ID`, `/#/cases/ID`. */
  baseUrl: string;
  timeZone: string;
  generatedBy: string;
  now: Date;
  /** Report serial number; defaults: daily = day of year, weekly = ISO week, monthly = month, special = 1. */
  serial?: number;
  /** Daily cut-off HH:MM in the office time zone (default 17:00). */
  dailyCutoff?: string;
  limits?: { events?: number; negativeItems?: number; representativePosts?: number; keyPosts?: number };
}

function ctx(ds: ReportDataSource, o: AssembleOptions): Ctx {
  return { ds, log: new QueryLog(), links: makeLinks(o.baseUrl) };
}

function dayOfYear(date: string): number {
  const d = parseLocalDate(date);
  return Math.round((Date.UTC(d.y, d.m - 1, d.d) - Date.UTC(d.y, 0, 1)) / 86400_000) + 1;
}

function isoWeek(date: string): { year: number; week: number } {
  const d = parseLocalDate(date);
  const thursday = addDays(d, 4 - isoWeekday(d));
  const jan1 = Date.UTC(thursday.y, 0, 1);
  return {
    year: thursday.y,
    week: Math.floor((Date.UTC(thursday.y, thursday.m - 1, thursday.d) - jan1) / 86400_000 / 7) + 1,
  };
}

export function reportNumber(kind: ReportKind, year: number, serial: number): string {
  return `${REPORT_TITLE_ZH[kind]}〔${year}〕第${serial}期`;
}

function meta(
  kind: ReportKind,
  o: AssembleOptions,
  period: Period,
  previous: Period | null,
  issuedDate: string,
  serial: number,
  year: number,
): ReportMeta {
  return {
    kind,
    officeName: o.officeName,
    title: REPORT_TITLE_ZH[kind],
    reportNumber: reportNumber(kind, year, serial),
    serial,
    issuedDate,
    period,
    previousPeriod: previous,
    generatedBy: o.generatedBy,
    generatedAt: o.now.toISOString(),
    timeZone: o.timeZone,
    baseUrl: o.baseUrl,
  };
}

export async function assembleDaily(ds: ReportDataSource, date: string, o: AssembleOptions): Promise<DailyReportData> {
  const c = ctx(ds, o);
  const { period, previous } = dailyPeriod(date, o.timeZone, o.dailyCutoff);
  const t = await totals(c, period, previous);
  const ev = await events(c, period, previous, o.limits?.events ?? 10, o.limits?.representativePosts ?? 3);
  const shown = ev.items.filter(
    (e) => e.isNew || e.postsInRange > e.postsInPreviousRange || e.level !== null || e.trend === 'rising',
  );
  const negQ = { range: range(period), sentiment: 'negative' as const, concernsOffice: true };
  const neg = await c.log.run(
    'listPosts',
    { ...negQ, orderBy: 'engagement', limit: o.limits?.negativeItems ?? 20 },
    PostRowSchema.array(),
    () => ds.listPosts({ ...negQ, orderBy: 'engagement', limit: o.limits?.negativeItems ?? 20 }),
  );
  const negTotal = await c.log.run('countPosts', { ...negQ, groupBy: 'none' }, CountRowSchema.array(), () =>
    ds.countPosts({ ...negQ, groupBy: 'none' }),
  );
  const al = await c.log.run('listAlerts', { range: range(period) }, AlertRowSchema.array(), () =>
    ds.listAlerts({ range: range(period) }),
  );
  const acked = al.rows.filter((a) => a.acknowledgedAt !== null);
  const ackMinutes = acked.map((a) => (Date.parse(a.acknowledgedAt as string) - Date.parse(a.createdAt)) / 60_000);
  const l = await ledger(c, period);
  const year = parseLocalDate(date).y;
  return {
    meta: meta('daily', o, period, previous, date, o.serial ?? dayOfYear(date), year),
    totals: t,
    events: { items: shown, q: ev.q },
    negativeItems: {
      items: neg.rows.map((p) => linkPost(c, p)),
      total: negTotal.rows.reduce((a, r) => a + r.count, 0),
      q: [neg.q, negTotal.q],
    },
    alerts: {
      total: al.rows.length,
      acknowledged: acked.length,
      escalated: al.rows.filter((a) => a.escalated).length,
      unacknowledged: al.rows.length - acked.length,
      meanMinutesToAck: ackMinutes.length ? ackMinutes.reduce((a, b) => a + b, 0) / ackMinutes.length : null,
      items: al.rows.map((a) => ({ ...a, link: a.eventId ? c.links.event(a.eventId) : null })),
      q: [al.q],
    },
    ledger: l,
    watchPoints: watchPoints(c, t, shown, l),
    queries: c.log.notes,
  };
}

export async function assemblePeriodic(
  ds: ReportDataSource,
  kind: 'weekly' | 'monthly',
  date: string,
  o: AssembleOptions,
): Promise<PeriodicReportData> {
  const c = ctx(ds, o);
  const { period, previous } = kind === 'weekly' ? weeklyPeriod(date, o.timeZone) : monthlyPeriod(date, o.timeZone);
  const t = await totals(c, period, previous);
  const tr = await trend(c, period);
  const ev = await events(c, period, previous, o.limits?.events ?? 10, o.limits?.representativePosts ?? 2);
  const l = await ledger(c, period);
  const r = range(period);
  const facts = await c.log.run('ledgerFacts', r, LedgerFactsSchema, () => ds.ledgerFacts(r));
  const months = monthsOf(period.start, period.end, o.timeZone);
  const relRange = { start: monthlyPeriod(`${months[0]}-01`, o.timeZone).period.start, end: period.end };
  const rel = await c.log.run('listReleases', { range: relRange }, ReleaseRowSchema.array(), () =>
    ds.listReleases({ range: relRange }),
  );
  const health = await c.log.run('sourceHealth', r, SourceHealthRowSchema.array(), () => ds.sourceHealth(r));
  const start = parseLocalDate(formatLocalDate(localDateOf(new Date(period.start), o.timeZone)));
  const serial = o.serial ?? (kind === 'weekly' ? isoWeek(formatLocalDate(start)).week : start.m);
  const year = kind === 'weekly' ? isoWeek(formatLocalDate(start)).year : start.y;
  const stats = ledgerUnitStats(facts.rows, period.start, period.end, o.now);
  return {
    meta: meta(kind, o, period, previous, formatLocalDate(localDateOf(o.now, o.timeZone)), serial, year),
    totals: t,
    trend: tr,
    topEvents: ev,
    ledger: l,
    unitStats: { ...stats, q: [facts.q] },
    releases: releasesByChannel(rel.rows, months, o.timeZone, [rel.q]),
    sourceHealth: { rows: health.rows, q: [health.q] },
    watchPoints: watchPoints(c, t, ev.items, l, health.rows),
    queries: c.log.notes,
  };
}

export async function assembleSpecial(
  ds: ReportDataSource,
  eventId: string,
  o: AssembleOptions,
): Promise<SpecialReportData> {
  const c = ctx(ds, o);
  const ev = await c.log.run('getEvent', eventId, EventRowSchema.nullable(), () => ds.getEvent(eventId));
  if (!ev.rows)
    throw new ReportError(
      'TF_ERR_REPORT_NOT_FOUND',
      `event "${eventId}" not found; list events on the desk and pass its id`,
    );
  const e = ev.rows;
  const period = eventPeriod(e.firstSeenAt, new Date(Date.parse(e.lastSeenAt) + 1000).toISOString(), o.timeZone);
  const reps = await representativePosts(c, e, null, o.limits?.representativePosts ?? 3);
  const levels = await c.log.run('eventLevelHistory', eventId, LevelChangeRowSchema.array(), () =>
    ds.eventLevelHistory(eventId),
  );
  const alerts = await c.log.run('listAlerts', { eventId }, AlertRowSchema.array(), () => ds.listAlerts({ eventId }));
  const cases = await c.log.run('listCases', { eventId }, CaseRowSchema.array(), () => ds.listCases({ eventId }));
  const ids = cases.rows.map((k) => k.id);
  const hist = await c.log.run('caseHistory', ids, CaseHistoryRowSchema.array(), () => ds.caseHistory(ids));
  const rel = await c.log.run('listReleases', { eventId }, ReleaseRowSchema.array(), () =>
    ds.listReleases({ eventId }),
  );
  const first = await c.log.run('listPosts', { eventId, orderBy: 'oldest', limit: 1 }, PostRowSchema.array(), () =>
    ds.listPosts({ eventId, orderBy: 'oldest', limit: 1 }),
  );
  const keyQ = { eventId, orderBy: 'engagement' as const, limit: o.limits?.keyPosts ?? 8 };
  const key = await c.log.run('listPosts', keyQ, PostRowSchema.array(), () => ds.listPosts(keyQ));
  const spread = await c.log.run('countPosts', { eventId, groupBy: 'source' }, CountRowSchema.array(), () =>
    ds.countPosts({ eventId, groupBy: 'source' }),
  );
  const evolution = await trend(c, period, eventId);
  const tz = o.timeZone;

  const entries: TimelineEntry[] = [];
  for (const p of first.rows)
    entries.push({
      at: p.publishedAt,
      kind: 'first_post',
      text: `首发：${p.sourceName}“${p.title}”`,
      link: c.links.post(p.id),
    });
  for (const x of levels.rows)
    entries.push({
      at: x.at,
      kind: 'level_change',
      text: `预警级别调整为${levelZh(x.level)}${x.reasons.length ? `：${x.reasons.join('；')}` : ''}`,
      link: null,
    });
  for (const a of alerts.rows)
    entries.push({
      at: a.createdAt,
      kind: 'alert',
      text: `发出预警“${a.title}”${a.acknowledgedBy ? `，${a.acknowledgedBy} 已确认` : '，未确认'}`,
      link: null,
    });
  for (const h of hist.rows)
    entries.push({
      at: h.at,
      kind: 'case',
      text: `${h.caseNumber} ${CASE_ACTION_ZH[h.action]}（${h.actor}${h.unit ? `，${h.unit}` : ''}）${h.note ? `：${h.note}` : ''}`,
      link: c.links.case(h.caseId),
    });
  for (const r of rel.rows)
    entries.push({ at: r.publishedAt, kind: 'release', text: `通过${r.channel}发布“${r.title}”`, link: r.url });
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const total = spread.rows.reduce((a, r) => a + r.count, 0);
  const replied = cases.rows.filter((k) => k.repliedAt !== null).length;
  const overdue = cases.rows.filter(
    (k) => k.repliedAt === null && k.deadline !== null && Date.parse(k.deadline) < o.now.getTime(),
  ).length;
  const stateText =
    `截至 ${formatWall(o.now, tz)}，该事件预警${levelZh(e.level)}${e.trend ? `，态势${TREND_ZH[e.trend]}` : ''}；` +
    `共监测到相关信息 ${total} 条，来自 ${spread.rows.length} 个信息源；最近一条发布于 ${formatWall(new Date(e.lastSeenAt), tz)}。` +
    `台账事项 ${cases.rows.length} 件，已答复 ${replied} 件，超期未答复 ${overdue} 件；已发布信息 ${rel.rows.length} 条。`;

  const today = formatLocalDate(localDateOf(o.now, tz));
  return {
    meta: meta('special', o, period, null, today, o.serial ?? 1, parseLocalDate(today).y),
    event: { ...e, link: c.links.event(e.id), isNew: false, postsInPreviousRange: 0, representativePosts: reps.items },
    timeline: { entries, q: [first.q, levels.q, alerts.q, hist.q, rel.q] },
    spread: { bySource: spread.rows.sort((a, b) => b.count - a.count), places: e.places, total, q: [spread.q, ev.q] },
    sentimentEvolution: evolution,
    keyPosts: { items: key.rows.map((p) => linkPost(c, p)), q: [key.q] },
    caseHistory: { cases: cases.rows, entries: hist.rows, q: [cases.q, hist.q] },
    releases: { items: rel.rows, q: [rel.q] },
    stateNow: { text: stateText, q: [ev.q, spread.q, cases.q, rel.q] },
    queries: c.log.notes,
  };
}
