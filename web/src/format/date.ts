// Dates are stored in UTC and shown in the office's zone (Asia/Shanghai unless the server says otherwise). The
// wall-clock reading comes from the server's own time-zone module (src/time/zone.ts: plain Intl, no dependencies).
import { DEFAULT_TIME_ZONE, wallTimeOf } from '../../../src/time/zone.ts';

export const DEFAULT_TIMEZONE = DEFAULT_TIME_ZONE;

export interface DateFormatOptions {
  timeZone?: string;
  /** 'datetime' → 2024-05-01 08:30; 'date' → 2024-05-01; 'time' → 08:30 */
  style?: 'datetime' | 'date' | 'time';
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * Formats an ISO string or Date as a fixed, locale-neutral "YYYY-MM-DD HH:mm" in `timeZone`. Returns '' for an
 * unparseable value (never "Invalid Date" on screen).
 */
export function formatDateTime(value: string | number | Date, options: DateFormatOptions = {}): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const w = wallTimeOf(d.getTime(), options.timeZone ?? DEFAULT_TIMEZONE);
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
  const time = `${pad(w.hour)}:${pad(w.minute)}`;
  switch (options.style ?? 'datetime') {
    case 'date':
      return date;
    case 'time':
      return time;
    case 'datetime':
      return `${date} ${time}`;
  }
}
