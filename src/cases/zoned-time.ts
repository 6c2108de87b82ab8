/**
 * Wall-clock helpers for the office time zone (IANA name, default Asia/Shanghai). Instants in and out are UTC
 * `Date`s; local dates are `YYYY-MM-DD` strings and local times `HH:mm`. No dependency beyond Intl, so zones with
 * daylight saving time also work (a wall time inside a spring-forward gap resolves to the later instant).
 */
import { DEFAULT_TIME_ZONE, wallTimeOf, type WallTime } from '../time/zone.ts';

export { DEFAULT_TIME_ZONE };

export interface LocalParts extends WallTime {
  weekday: number; // 0 = Sunday … 6 = Saturday
}

/** Local calendar parts of a UTC instant in `timeZone` (the wall time from time/zone.ts, plus the weekday). */
export function localParts(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): LocalParts {
  const w = wallTimeOf(instant.getTime(), timeZone);
  return { ...w, weekday: new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `HH:mm` of an instant in `timeZone`. */
export function localTime(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isLocalTime(s: string): boolean {
  return TIME_RE.test(s);
}

/** Minutes since local midnight for an `HH:mm` string (`24:00` allowed, = 1440). */
export function minutesOfDay(hhmm: string): number {
  if (hhmm === '24:00') return 1440;
  const m = TIME_RE.exec(hhmm);
  if (!m) throw new RangeError(`TF_ERR_VALIDATION: time "${hhmm}" must be HH:mm (00:00–23:59)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Adds `days` calendar days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`TF_ERR_VALIDATION: date "${date}" must be YYYY-MM-DD`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return d.toISOString().slice(0, 10);
}

/** Day of week of a `YYYY-MM-DD` date (0 = Sunday). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The UTC instant of a local wall time (`date` + minutes since midnight, may be ≥ 1440 to spill into the next
 * day) in `timeZone`.
 */
export function zonedInstant(date: string, minutesSinceMidnight: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`TF_ERR_VALIDATION: date "${date}" must be YYYY-MM-DD`);
  const wallAsUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + minutesSinceMidnight * 60000;
  // The offsets a day before and a day after bound any transition near this wall time. A wall time that exists
  // once has one offset that maps back to it; in a fall-back overlap both do and the earlier instant is taken; in
  // a spring-forward gap neither does, and the offset from before the gap moves it forward by the gap's length
  // (02:30 on a day clocks jump from 02:00 to 03:00 becomes 03:30), as Temporal's "compatible" rule does.
  const before = wallAsUtc - offsetMinutes(new Date(wallAsUtc - 86_400_000), timeZone) * 60000;
  const after = wallAsUtc - offsetMinutes(new Date(wallAsUtc + 86_400_000), timeZone) * 60000;
  const maps = (t: number): boolean => wallAsUtc - offsetMinutes(new Date(t), timeZone) * 60000 === t;
  const okBefore = maps(before);
  const okAfter = maps(after);
  if (okBefore && okAfter) return new Date(Math.min(before, after));
  if (okBefore) return new Date(before);
  if (okAfter) return new Date(after);
  return new Date(before);
}

/** The UTC instant of local `date` at `HH:mm` in `timeZone`. */
export function atLocalTime(date: string, hhmm: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return zonedInstant(date, minutesOfDay(hhmm), timeZone);
}
