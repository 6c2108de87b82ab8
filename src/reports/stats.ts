/**
 * Pure statistics over ledger rows (definitions printed in each report's notes):
 *  - cases: cases registered in the period, by lead unit;
 *  - handled (处置): replied before the period end; handledRate = handled / cases;
 *  - onTime: handled with no deadline or replied at or before the deadline; onTimeRate = onTime / (handled +
 *    unreplied cases whose deadline passed before the period end);
 *  - meanReplyHours: mean hours from registration to reply over handled cases;
 *  - satisfactionRate (满意率) = (satisfied + basically satisfied) / cases with feedback.
 */
import { wallTime } from './period.ts';
import type { CaseRow, ReleaseRow, ReleasesByChannel, UnitStats } from './types.ts';

export const UNIT_STATS_DEFINITIONS =
  '统计口径：办件数为本期登记的台账事项；处置率 = 本期末前已答复数 ÷ 办件数；按时率 = 在时限内答复数 ÷（已答复数 + 已超期未答复数）；平均答复时长为登记至答复的小时数均值；满意率 =（满意 + 基本满意）÷ 已回访数。';

export function unitStatistics(
  cases: CaseRow[],
  periodEnd: string,
  unassigned = '未指派',
): { rows: UnitStats[]; overall: UnitStats } {
  const end = Date.parse(periodEnd);
  const byUnit = new Map<string, CaseRow[]>();
  for (const k of cases) {
    const u = k.leadUnit ?? unassigned;
    byUnit.set(u, [...(byUnit.get(u) ?? []), k]);
  }
  const rows = [...byUnit.entries()].map(([unit, ks]) => statsOf(unit, ks, end));
  rows.sort((a, b) => b.cases - a.cases || a.unit.localeCompare(b.unit));
  return { rows, overall: statsOf('合计', cases, end) };
}

function statsOf(unit: string, ks: CaseRow[], end: number): UnitStats {
  const handled = ks.filter((k) => k.repliedAt !== null && Date.parse(k.repliedAt) < end);
  const onTime = handled.filter(
    (k) => k.deadline === null || Date.parse(k.repliedAt as string) <= Date.parse(k.deadline),
  );
  const lateOpen = ks.filter((k) => !handled.includes(k) && k.deadline !== null && Date.parse(k.deadline) < end);
  const hours = handled.map((k) => (Date.parse(k.repliedAt as string) - Date.parse(k.registeredAt)) / 3600_000);
  const fb = ks.filter((k) => k.satisfaction !== null);
  const sat = fb.filter((k) => k.satisfaction === 'satisfied' || k.satisfaction === 'basically_satisfied');
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    unit,
    cases: ks.length,
    handled: handled.length,
    handledRate: ratio(handled.length, ks.length),
    onTime: onTime.length,
    onTimeRate: ratio(onTime.length, handled.length + lateOpen.length),
    meanReplyHours: hours.length ? hours.reduce((a, b) => a + b, 0) / hours.length : null,
    feedbacks: fb.length,
    satisfied: sat.length,
    satisfactionRate: ratio(sat.length, fb.length),
  };
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
