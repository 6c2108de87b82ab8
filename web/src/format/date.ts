// Dates are stored in UTC and shown in the office's zone (Asia/Shanghai unless the server says otherwise).
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

export interface DateFormatOptions {
  timeZone?: string;
  /** 'datetime' → 2024-05-01 08:30; 'date' → 2024-05-01; 'time' → 08:30 */
  style?: 'datetime' | 'date' | 'time';
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (the overview formats a date per list
// row): one per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, fmt);
  }
  return fmt;
}

function parts(d: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(d)) out[p.type] = p.value;
  return out;
}

/**
 * Formats an ISO string or Date as a fixed, locale-neutral "YYYY-MM-DD HH:mm" in `timeZone`. Returns '' for an
 * unparseable value (never "Invalid Date" on screen).
 */
export function formatDateTime(value: string | number | Date, options: DateFormatOptions = {}): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const p = parts(d, options.timeZone ?? DEFAULT_TIMEZONE);
  const date = `${p.year}-${p.month}-${p.day}`;
  const time = `${p.hour}:${p.minute}`;
  switch (options.style ?? 'datetime') {
    case 'date':
      return date;
    case 'time':
      return time;
    case 'datetime':
      return `${date} ${time}`;
  }
}
