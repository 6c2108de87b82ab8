/**
 * Report periods in the office time zone (pure; no clock reads). All periods are half-open [start, end).
 *  - daily: cut-off (default 17:00) of the day before → cut-off of the report date;
 *  - weekly: Monday 00:00 → next Monday 00:00 of the week containing the date;
 *  - monthly: the 1st 00:00 → the 1st of the next month.
 * Wall-clock arithmetic goes through calendar dates, so a DST change never shifts the cut-off.
 */
import { zonedInstant } from '../cases/zoned-time.ts';
import { ReportError, type Period } from './types.ts';
import { isValidTimeZone, wallTimeOf } from '../time/zone.ts';

export interface LocalDate {
  y: number;
  m: number; // 1-12
  d: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CUTOFF_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseLocalDate(s: string): LocalDate {
  const m = DATE_RE.exec(s);
  if (!m) throw new ReportError('TF_ERR_REPORT_ARGS', `date "${s}" must be YYYY-MM-DD`);
  const v = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const t = new Date(Date.UTC(v.y, v.m - 1, v.d));
  if (t.getUTCFullYear() !== v.y || t.getUTCMonth() !== v.m - 1 || t.getUTCDate() !== v.d)
    throw new ReportError('TF_ERR_REPORT_ARGS', `date "${s}" is not a calendar date`);
  return v;
}

export function formatLocalDate(d: LocalDate): string {
  return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: LocalDate): number {
  const w = new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export interface WallTime extends LocalDate {
  hh: number;
  mi: number;
  ss: number;
}

/** The wall-clock reading of an instant in a zone. */
export function wallTime(instant: Date, tz: string): WallTime {
  if (!isValidTimeZone(tz)) throw new ReportError('TF_ERR_REPORT_ARGS', `time zone "${tz}" is not an IANA zone such as Asia/Shanghai`);
  const w = wallTimeOf(instant.getTime(), tz);
  return { y: w.year, m: w.month, d: w.day, hh: w.hour, mi: w.minute, ss: w.second };
}

/** The instant at which the zone's clock reads the given wall time (the later one in a gap, the earlier in an overlap). */
export function zonedToInstant(d: LocalDate, hh: number, mi: number, tz: string): Date {
  return zonedInstant(formatLocalDate(d), hh * 60 + mi, tz);
}

export function localDateOf(instant: Date, tz: string): LocalDate {
  const w = wallTime(instant, tz);
  return { y: w.y, m: w.m, d: w.d };
}

function parseCutoff(cutoff: string): { hh: number; mi: number } {
  const m = CUTOFF_RE.exec(cutoff);
  if (!m) throw new ReportError('TF_ERR_REPORT_ARGS', `daily cut-off "${cutoff}" must be HH:MM (24-hour), e.g. 17:00`);
  return { hh: Number(m[1]), mi: Number(m[2]) };
}

function zh(d: LocalDate): string {
  return `${d.y}年${d.m}月${d.d}日`;
}

function make(kind: Period['kind'], start: Date, end: Date, tz: string, label: string): Period {
  return { kind, start: start.toISOString(), end: end.toISOString(), timeZone: tz, label };
}

export interface PeriodPair {
  period: Period;
  previous: Period;
}

export function dailyPeriod(date: string, tz: string, cutoff = '17:00'): PeriodPair {
  const c = parseCutoff(cutoff);
  const day = parseLocalDate(date);
  const one = (d: LocalDate): Period => {
    const from = addDays(d, -1);
    const label = `${zh(from)} ${cutoff} 至 ${zh(d)} ${cutoff}`;
    return make('daily', zonedToInstant(from, c.hh, c.mi, tz), zonedToInstant(d, c.hh, c.mi, tz), tz, label);
  };
  return { period: one(day), previous: one(addDays(day, -1)) };
}

export function weeklyPeriod(date: string, tz: string): PeriodPair {
  const day = parseLocalDate(date);
  const one = (monday: LocalDate): Period => {
    const next = addDays(monday, 7);
    const label = `${zh(monday)} 至 ${zh(addDays(monday, 6))}`;
    return make('weekly', zonedToInstant(monday, 0, 0, tz), zonedToInstant(next, 0, 0, tz), tz, label);
  };
  const monday = addDays(day, 1 - isoWeekday(day));
  return { period: one(monday), previous: one(addDays(monday, -7)) };
}

export function monthlyPeriod(date: string, tz: string): PeriodPair {
  const day = parseLocalDate(date);
  const one = (y: number, m: number): Period => {
    const first = { y, m, d: 1 };
    const next = m === 12 ? { y: y + 1, m: 1, d: 1 } : { y, m: m + 1, d: 1 };
    return make('monthly', zonedToInstant(first, 0, 0, tz), zonedToInstant(next, 0, 0, tz), tz, `${y}年${m}月`);
  };
  const prev = day.m === 1 ? { y: day.y - 1, m: 12 } : { y: day.y, m: day.m - 1 };
  return { period: one(day.y, day.m), previous: one(prev.y, prev.m) };
}

/** The period a special-topic report covers: from the event's first post to `until` (its last post or now). */
export function eventPeriod(firstSeenAt: string, until: string, tz: string): Period {
  const s = new Date(firstSeenAt);
  const e = new Date(until);
  const end = e.getTime() > s.getTime() ? e : new Date(s.getTime() + 1000);
  return make('event', s, end, tz, `${formatWall(s, tz)} 至 ${formatWall(end, tz)}`);
}

/** The report date to use when none is given: today (daily) or a date inside the last complete week/month. */
export function defaultReportDate(kind: 'daily' | 'weekly' | 'monthly', now: Date, tz: string): string {
  const today = localDateOf(now, tz);
  if (kind === 'daily') return formatLocalDate(today);
  if (kind === 'weekly') return formatLocalDate(addDays(today, -7));
  return formatLocalDate(addDays({ y: today.y, m: today.m, d: 1 }, -1));
}

export function formatWall(instant: Date, tz: string, withTime = true): string {
  const w = wallTime(instant, tz);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${w.y}-${p(w.m)}-${p(w.d)}`;
  return withTime ? `${date} ${p(w.hh)}:${p(w.mi)}` : date;
}

export interface Bucket {
  label: string;
  start: Date;
  end: Date;
}

/** Split a period into buckets: hours for spans up to 2 days, local calendar days otherwise. */
export function splitPeriod(period: Period, maxBuckets = 62): Bucket[] {
  const tz = period.timeZone;
  const start = new Date(period.start);
  const end = new Date(period.end);
  const span = end.getTime() - start.getTime();
  const out: Bucket[] = [];
  if (span <= 48 * 3600_000) {
    for (let t = start.getTime(); t < end.getTime() && out.length < maxBuckets; t += 3600_000) {
      const w = wallTime(new Date(t), tz);
      out.push({
        label: `${w.d}日${String(w.hh).padStart(2, '0')}时`,
        start: new Date(t),
        end: new Date(Math.min(t + 3600_000, end.getTime())),
      });
    }
    return out;
  }
  let day = localDateOf(start, tz);
  let from = start;
  while (from.getTime() < end.getTime() && out.length < maxBuckets) {
    const next = addDays(day, 1);
    const to = new Date(Math.min(zonedToInstant(next, 0, 0, tz).getTime(), end.getTime()));
    out.push({ label: `${day.m}月${day.d}日`, start: from, end: to });
    from = to;
    day = next;
  }
  return out;
}
