/**
 * When scheduled reports are due (pure; `now` is passed in). In the office time zone:
 *  - daily: every day once the clock reads the daily time (default: the daily cut-off, 17:00), for today;
 *  - weekly: on Mondays once the clock reads the weekly time (default 09:00), for the week just ended;
 *  - monthly: on the 1st once the clock reads the monthly time (default 09:00), for the month just ended.
 * A report stays due for the rest of that day, so a process started late still sends it; the caller makes it
 * happen once (a lease per report and period, and the archive).
 */
import { AppError } from '../errors.ts';
import { addDays, formatLocalDate, isoWeekday, wallTime } from '../reports/period.ts';

export interface ReportSchedule {
  /** HH:MM, or null to switch the scheduled report off. */
  daily: string | null;
  weekly: string | null;
  monthly: string | null;
}

export interface DueReport {
  kind: 'daily' | 'weekly' | 'monthly';
  /** The report date to pass to generate (YYYY-MM-DD, office time zone). */
  date: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new AppError('TF_ERR_VALIDATION', `report schedule time "${hhmm}" must be HH:MM (24-hour), e.g. 17:00`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function defaultSchedule(dailyCutoff = '17:00'): ReportSchedule {
  return { daily: dailyCutoff, weekly: '09:00', monthly: '09:00' };
}

export function dueReports(now: Date, timeZone: string, s: ReportSchedule): DueReport[] {
  const w = wallTime(now, timeZone);
  const today = { y: w.y, m: w.m, d: w.d };
  const clock = w.hh * 60 + w.mi;
  const yesterday = formatLocalDate(addDays(today, -1));
  const out: DueReport[] = [];
  if (s.daily !== null && clock >= minutes(s.daily)) out.push({ kind: 'daily', date: formatLocalDate(today) });
  if (s.weekly !== null && isoWeekday(today) === 1 && clock >= minutes(s.weekly))
    out.push({ kind: 'weekly', date: yesterday });
  if (s.monthly !== null && today.d === 1 && clock >= minutes(s.monthly))
    out.push({ kind: 'monthly', date: yesterday });
  return out;
}
