/**
 * Statistics of a report that are not plain counts.
 *
 * Per-unit ledger statistics are computed by src/cases/stats.ts `computeCaseStats`, the same function behind the
 * ledger page (`GET /api/stats/cases`), over the same facts (LedgerFacts), so a report and the ledger always show
 * the same numbers for the same period and unit. Definitions (printed in each report's notes):
 *  - 办件数: cases registered in the period, merged duplicates left out; a unit's row counts every case it leads or
 *    assists (or was ever assigned), so unit rows may add up to more than the total row, which counts each case once;
 *  - facts are taken as of min(period end, now);
 *  - 已处置 / 处置率: replied or closed ÷ 办件数;
 *  - 按时答复 / 按时率: first reply by the reply deadline ÷ cases whose outcome is known (replied, or the deadline
 *    passed while still open); cases without a deadline or closed without a reply are left out;
 *  - 平均答复时长: mean hours from registration to the first official reply;
 *  - 满意率: (satisfied + basically satisfied) ÷ cases with feedback, each case's latest feedback.
 * This module adds the mapping to report rows and the releases-per-channel-per-month table.
 */
import { computeCaseStats, type CaseStats } from '../cases/stats.ts';
import { wallTime } from './period.ts';
import type { LedgerFacts, ReleaseRow, ReleasesByChannel, UnitStats } from './types.ts';

export const UNIT_STATS_DEFINITIONS =
  '统计口径（与台账统计页一致）：办件数为本期登记的台账事项（已合并的重复事项不计），单位行统计该单位牵头或协办的事项，故各单位之和可能大于合计；数据截至本期末（或生成时，取较早者）；处置率 = 已答复或已办结数 ÷ 办件数；按时率 = 在答复时限内首次答复数 ÷（已答复数 + 已超答复时限未答复数），无时限或未答复即办结的事项不计；平均答复时长为登记至首次答复的小时数均值；满意率 =（满意 + 基本满意）÷ 已回访数（以最近一次回访为准）。';

function row(unit: string, s: CaseStats): UnitStats {
  return {
    unit,
    cases: s.casesOpened,
    handled: s.handled,
    handledRate: s.handlingRate,
    onTime: s.onTime,
    onTimeRate: s.onTimeRate,
    meanReplyHours: s.avgReplyMinutes === null ? null : Math.round((s.avgReplyMinutes / 60) * 100) / 100,
    feedbacks: s.feedback.count,
    satisfied: s.feedback.satisfied + s.feedback.basicallySatisfied,
    satisfactionRate: s.satisfactionRate,
  };
}

/** Every unit id the facts mention: lead and co-units now, and any unit a case was ever assigned to. */
function unitIdsOf(f: LedgerFacts): string[] {
  const ids = new Set<string>();
  for (const c of f.cases) for (const u of [c.leadUnitId, ...c.coUnitIds]) if (u) ids.add(u);
  for (const t of f.transitions) {
    if (t.action !== 'assign' && t.action !== 'reassign') continue;
    const p = (t.payload ?? {}) as { leadUnitId?: unknown; coUnitIds?: unknown };
    if (typeof p.leadUnitId === 'string') ids.add(p.leadUnitId);
    if (Array.isArray(p.coUnitIds)) for (const u of p.coUnitIds) if (typeof u === 'string') ids.add(u);
  }
  return [...ids];
}

/**
 * Per-unit rows (units with at least one case, most cases first) and the total row, for cases registered in
 * [from, to). `onlyUnitId` restricts the rows and the total to one unit (a unit liaison's export).
 */
export function ledgerUnitStats(
  facts: LedgerFacts,
  from: string,
  to: string,
  now: Date,
  onlyUnitId?: string,
): { rows: UnitStats[]; overall: UnitStats } {
  const base = { cases: facts.cases, transitions: facts.transitions, from: new Date(from), to: new Date(to), now };
  const ids = onlyUnitId !== undefined ? [onlyUnitId] : unitIdsOf(facts);
  const rows = ids
    .map((id) => row(facts.unitNames[id] ?? id, computeCaseStats({ ...base, unitId: id })))
    .filter((r) => r.cases > 0);
  rows.sort((a, b) => b.cases - a.cases || a.unit.localeCompare(b.unit));
  const overall = row('合计', computeCaseStats(onlyUnitId !== undefined ? { ...base, unitId: onlyUnitId } : base));
  return { rows, overall };
}

/** Months (YYYY-MM, office time zone) touched by [start, end). */
export function monthsOf(start: string, end: string, tz: string): string[] {
  const s = wallTime(new Date(start), tz);
  const e = wallTime(new Date(Date.parse(end) - 1), tz);
  const out: string[] = [];
  let y = s.y;
  let m = s.m;
  while (y < e.y || (y === e.y && m <= e.m)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function releasesByChannel(rows: ReleaseRow[], months: string[], tz: string, q: string[]): ReleasesByChannel {
  const byChannel = new Map<string, number[]>();
  for (const r of rows) {
    const w = wallTime(new Date(r.publishedAt), tz);
    const i = months.indexOf(`${w.y}-${String(w.m).padStart(2, '0')}`);
    if (i < 0) continue;
    const counts = byChannel.get(r.channel) ?? months.map(() => 0);
    counts[i] = (counts[i] ?? 0) + 1;
    byChannel.set(r.channel, counts);
  }
  const out = [...byChannel.entries()].map(([channel, counts]) => ({
    channel,
    counts,
    total: counts.reduce((a, b) => a + b, 0),
  }));
  out.sort((a, b) => b.total - a.total || a.channel.localeCompare(b.channel));
  return { months, rows: out, total: out.reduce((a, r) => a + r.total, 0), q };
}
