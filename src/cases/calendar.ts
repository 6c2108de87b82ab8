/**
 * Working-day calendar for China: weekends are rest days, except the adjusted working days (调休, e.g. the
 * Saturday/Sunday before or after Spring Festival); statutory holidays are rest days even on weekdays. The data
 * comes from the `chinese-days` package (State Council notices, updated every year) and an admin may add
 * overrides ({date, kind}) for a year the package does not know yet or for a local holiday; an override always
 * wins. Years outside the package data fall back to plain weekends — `covers(year)` says whether a year is known.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { addDays, isLocalDate, weekdayOf } from './zoned-time.ts';

export const CalendarOverrideSchema = z.object({
  date: z.string().refine(isLocalDate, 'must be a real date YYYY-MM-DD'),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().max(100).optional(),
});
export type CalendarOverride = z.infer<typeof CalendarOverrideSchema>;
export const CalendarOverridesSchema = z.array(CalendarOverrideSchema).max(2000);

/** Raw shape of chinese-days' dist/chinese-days.json: date → "English,中文,days". */
export interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** Holiday name in Chinese when known (春节, 国庆节 …), or the override's name. */
  name?: string;
  source: 'weekday' | 'package' | 'override';
}

export interface WorkCalendar {
  dayInfo(date: string): DayInfo;
  isWorkday(date: string): boolean;
  /** True when the package data or an override lists at least one day of that year. */
  covers(year: number): boolean;
  /** The `n`-th working day strictly after `date` (n ≥ 1). */
  addWorkingDays(date: string, n: number): string;
  /** Working days in (from, to]: 0 when to ≤ from. */
  workingDaysBetween(from: string, to: string): number;
}

let packageData: HolidayData | undefined;

/** The holiday data shipped in the installed `chinese-days` package. */
export function loadPackageHolidayData(): HolidayData {
  if (!packageData) {
    const require = createRequire(import.meta.url);
    const raw = require('chinese-days/dist/chinese-days.json') as Partial<HolidayData>;
    packageData = { holidays: raw.holidays ?? {}, workdays: raw.workdays ?? {} };
  }
  return packageData;
}

function chineseName(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const parts = label.split(',');
  return parts[1] ?? parts[0];
}

export interface WorkCalendarOptions {
  overrides?: readonly CalendarOverride[];
  /** Defaults to the installed package's data; pass `{holidays:{}, workdays:{}}` for weekends only. */
  data?: HolidayData;
}

const MAX_SCAN_DAYS = 3660;

export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const data = options.data ?? loadPackageHolidayData();
  const overrides = new Map<string, CalendarOverride>();
  for (const o of CalendarOverridesSchema.parse(options.overrides ?? [])) overrides.set(o.date, o);
  const years = new Set<number>();
  for (const d of [...Object.keys(data.holidays), ...Object.keys(data.workdays), ...overrides.keys()]) {
    years.add(Number(d.slice(0, 4)));
  }

  function dayInfo(date: string): DayInfo {
    if (!isLocalDate(date)) throw new RangeError(`TF_ERR_VALIDATION: date "${date}" must be YYYY-MM-DD`);
    const o = overrides.get(date);
    const weekend = weekdayOf(date) === 0 || weekdayOf(date) === 6;
    if (o) {
      const kind: DayKind = o.kind === 'holiday' ? 'holiday' : weekend ? 'adjusted_workday' : 'workday';
      return { date, kind, working: o.kind === 'workday', name: o.name, source: 'override' };
    }
    const workday = data.workdays[date];
    if (workday !== undefined) {
      return { date, kind: 'adjusted_workday', working: true, name: chineseName(workday), source: 'package' };
    }
    const holiday = data.holidays[date];
    if (holiday !== undefined) {
      return { date, kind: 'holiday', working: false, name: chineseName(holiday), source: 'package' };
    }
    return weekend
      ? { date, kind: 'weekend', working: false, source: 'weekday' }
      : { date, kind: 'workday', working: true, source: 'weekday' };
  }

  const isWorkday = (date: string): boolean => dayInfo(date).working;

  function addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('TF_ERR_VALIDATION: working days must be an integer ≥ 1');
    let d = date;
    let left = n;
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = addDays(d, 1);
      if (isWorkday(d) && --left === 0) return d;
    }
    throw new RangeError('TF_ERR_VALIDATION: no working day found within ten years; check the calendar overrides');
  }

  function workingDaysBetween(from: string, to: string): number {
    let count = 0;
    for (let d = addDays(from, 1), i = 0; d <= to && i < MAX_SCAN_DAYS; d = addDays(d, 1), i++) {
      if (isWorkday(d)) count++;
    }
    return count;
  }

  return { dayInfo, isWorkday, covers: (y) => years.has(y), addWorkingDays, workingDaysBetween };
}
