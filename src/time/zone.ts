/**
 * Time-zone arithmetic on top of Intl, the one place for it (sources, cases, reports and alerts build on it):
 * wall-clock time in an IANA zone ⇄ instant, and ISO 8601 with offset.
 * Pure: no reading of the current time.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface WallTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant as seen in `tz`. */
export function wallTimeOf(instantMs: number, tz: string): WallTime {
  const parts = formatter(tz).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const era = parts.find((p) => p.type === 'era')?.value;
  let year = get('year');
  if (era === 'BC' || era === 'B') year = 1 - year;
  return {
    year,
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Offset of `tz` from UTC at an instant, in whole seconds (east positive). */
export function offsetSecondsAt(instantMs: number, tz: string): number {
  const w = wallTimeOf(instantMs, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 1000);
}

/** The instant of a wall-clock time in `tz` (the earlier one when a DST change makes it ambiguous). */
export function instantOfWallTime(w: WallTime, tz: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const off1 = offsetSecondsAt(guess, tz);
  let t = guess - off1 * 1000;
  const off2 = offsetSecondsAt(t, tz);
  if (off2 !== off1) t = guess - off2 * 1000;
  return t;
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** ISO 8601 with the zone's offset at that instant, to the second: `2019-04-25T09:32:09+08:00`. */
export function formatInZone(instantMs: number, tz: string): string {
  const ms = Math.floor(instantMs / 1000) * 1000;
  const w = wallTimeOf(ms, tz);
  const off = offsetSecondsAt(ms, tz);
  const sign = off < 0 ? '-' : '+';
  const offMin = Math.round(Math.abs(off) / 60);
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    `${sign}${pad(Math.floor(offMin / 60))}:${pad(offMin % 60)}`
  );
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds whole days to a calendar date (no time zone involved). */
export function addDays(
  year: number,
  month: number,
  day: number,
  delta: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + delta));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
