// Deadline countdowns for the ledger. Pure: the caller passes `now`.

export interface Countdown {
  overdue: boolean;
  /** Whole minutes left (or late, when overdue); always ≥ 0. */
  minutes: number;
  days: number;
  hours: number;
  mins: number;
}

export function countdown(dueAt: string | number | Date, now: Date): Countdown | null {
  const due = dueAt instanceof Date ? dueAt.getTime() : typeof dueAt === 'number' ? dueAt : Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const diff = due - now.getTime();
  const overdue = diff < 0;
  const minutes = Math.floor(Math.abs(diff) / 60_000);
  return {
    overdue,
    minutes,
    days: Math.floor(minutes / 1440),
    hours: Math.floor((minutes % 1440) / 60),
    mins: minutes % 60,
  };
}

/** "2天3小时" / "3h 12m": the two largest non-zero parts, in the given unit words. */
export function formatSpan(c: Countdown, units: { d: string; h: string; m: string }): string {
  const parts: string[] = [];
  if (c.days > 0) parts.push(`${c.days}${units.d}`);
  if (c.hours > 0) parts.push(`${c.hours}${units.h}`);
  if (c.days === 0 && (c.mins > 0 || parts.length === 0)) parts.push(`${c.mins}${units.m}`);
  return parts.slice(0, 2).join(' ');
}
