import { describe, expect, it } from 'vitest';
import { createWorkCalendar, loadPackageHolidayData } from './calendar.ts';
import {
  addDuration,
  computeDeadlines,
  deadlineMarks,
  DeadlinePolicySchema,
  defaultDeadlinePolicy,
  remindersDue,
} from './deadlines.ts';
import { atLocalTime } from './zoned-time.ts';

const cal = createWorkCalendar();
const policy = defaultDeadlinePolicy();
const sh = (date: string, time: string): Date => atLocalTime(date, time, 'Asia/Shanghai');
const due = (registered: Date, level: number | null, category: string | null = null) =>
  computeDeadlines({ level, category, registeredAt: registered }, policy, cal, 'Asia/Shanghai');

describe('calendar data from chinese-days (2025/2026 State Council notices)', () => {
  it('knows the Spring Festival and National Day holidays and their 调休 working weekends', () => {
    const data = loadPackageHolidayData();
    for (const d of ['2025-01-28', '2025-02-04', '2025-10-01', '2025-10-08', '2026-02-15', '2026-02-23', '2026-10-07']) {
      expect(data.holidays[d], d).toBeDefined();
      expect(cal.dayInfo(d).kind, d).toBe('holiday');
    }
    for (const d of ['2025-01-26', '2025-02-08', '2025-09-28', '2025-10-11', '2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10']) {
      expect(data.workdays[d], d).toBeDefined();
      expect(cal.dayInfo(d)).toMatchObject({ kind: 'adjusted_workday', working: true });
    }
    expect(cal.dayInfo('2026-02-17').name).toBe('春节');
    expect(cal.dayInfo('2025-10-03').name).toBe('国庆节');
    expect(cal.dayInfo('2025-03-08')).toMatchObject({ kind: 'weekend', working: false });
    expect(cal.dayInfo('2025-03-10')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.covers(2025) && cal.covers(2026)).toBe(true);
  });

  it('counts working days across the holidays', () => {
    // (25 Jan Sat, 8 Feb Sat]: 26 Jan (调休), 27 Jan, then 28 Jan–4 Feb off, 5, 6, 7 Feb, 8 Feb (调休)
    expect(cal.workingDaysBetween('2025-01-25', '2025-02-08')).toBe(6);
    expect(cal.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3); // 8, 9, 10 Oct
    expect(cal.workingDaysBetween('2026-10-10', '2026-09-30')).toBe(0);
  });

  it('lets an admin override a day and declare an unknown year', () => {
    const c = createWorkCalendar({
      overrides: [
        { date: '2027-02-05', kind: 'holiday', name: '春节' },
        { date: '2027-02-06', kind: 'workday' },
        { date: '2025-02-05', kind: 'holiday', name: '县庆' },
      ],
    });
    expect(c.covers(2027)).toBe(true);
    expect(cal.covers(2027)).toBe(cal.dayInfo('2027-01-01').source === 'package');
    expect(c.dayInfo('2027-02-05')).toMatchObject({ working: false, name: '春节', source: 'override' });
    expect(c.dayInfo('2027-02-06')).toMatchObject({ working: true, kind: 'adjusted_workday' });
    // The override on the first working day after Spring Festival 2025 moves a 1-working-day deadline on.
    expect(c.addWorkingDays('2025-01-27', 1)).toBe('2025-02-06');
    expect(() => createWorkCalendar({ overrides: [{ date: '2025-02-30', kind: 'holiday' }] })).toThrow();
  });
});

describe('deadlines across Spring Festival', () => {
  it('level Ⅰ registered the day before Spring Festival 2025 replies on the first day back', () => {
    const d = due(sh('2025-01-27', '10:00'), 1);
    expect(d.firstResponseDueAt).toBe(sh('2025-01-27', '11:00').toISOString());
    expect(d.replyDueAt).toBe(sh('2025-02-05', '18:00').toISOString());
  });

  it('the 调休 Sunday before Spring Festival 2025 is a working day', () => {
    expect(due(sh('2025-01-24', '15:00'), 1).replyDueAt).toBe(sh('2025-01-26', '18:00').toISOString());
  });

  it('the 调休 Saturday after Spring Festival 2025 is a working day', () => {
    expect(due(sh('2025-02-07', '09:00'), 1).replyDueAt).toBe(sh('2025-02-08', '18:00').toISOString());
  });

  it('2026: from the 调休 Saturday 14 Feb the next working day is 24 Feb', () => {
    expect(due(sh('2026-02-13', '16:00'), 1).replyDueAt).toBe(sh('2026-02-14', '18:00').toISOString());
    expect(due(sh('2026-02-14', '08:00'), 1).replyDueAt).toBe(sh('2026-02-24', '18:00').toISOString());
    // level Ⅲ: 5 working days from 13 Feb = 14, 24, 25, 26, 27 Feb
    expect(due(sh('2026-02-13', '16:00'), 3).replyDueAt).toBe(sh('2026-02-27', '18:00').toISOString());
  });

  it('hour deadlines run through holidays and midnight', () => {
    const d = due(sh('2026-02-17', '23:30'), 1);
    expect(d.firstResponseDueAt).toBe(sh('2026-02-18', '00:30').toISOString());
  });

  it('uses the office time zone for the registration day, not UTC', () => {
    // 2025-01-26T17:00Z is Monday 27 Jan 01:00 in Shanghai (but still Sunday, a 调休 working day, in UTC)
    const registered = new Date('2025-01-26T17:00:00Z');
    expect(due(registered, 1).replyDueAt).toBe('2025-02-05T10:00:00.000Z');
    const utc = computeDeadlines({ level: 1, category: null, registeredAt: registered }, policy, cal, 'UTC');
    expect(utc.replyDueAt).toBe('2025-01-27T18:00:00.000Z');
  });
});

describe('deadlines across National Day', () => {
  it('2025: the 调休 Sunday 28 Sep counts, the holiday week does not, Saturday 11 Oct counts', () => {
    expect(due(sh('2025-09-26', '17:00'), 2).replyDueAt).toBe(sh('2025-09-30', '18:00').toISOString());
    // 9, 10, 11 (调休), 13, 14 Oct
    expect(due(sh('2025-09-30', '09:00'), 3).replyDueAt).toBe(sh('2025-10-14', '18:00').toISOString());
  });

  it('2026: level Ⅳ registered on 30 Sep', () => {
    const d = due(sh('2026-09-30', '11:00'), 4);
    expect(d.firstResponseDueAt).toBe(sh('2026-10-09', '18:00').toISOString());
    // 8, 9, 10 (调休), 12, 13, 14, 15, 16, 19, 20 Oct
    expect(d.replyDueAt).toBe(sh('2026-10-20', '18:00').toISOString());
  });

  it('2026: the 调休 Sunday 20 Sep is a working day', () => {
    expect(due(sh('2026-09-18', '12:00'), 1).replyDueAt).toBe(sh('2026-09-20', '18:00').toISOString());
  });
});

describe('deadline table', () => {
  it('category rules beat level rules and later rules win', () => {
    const p = DeadlinePolicySchema.parse({
      dayEndsAt: '17:30',
      rules: [
        { level: 2, firstResponse: { amount: 2, unit: 'hours' }, reply: { amount: 3, unit: 'working_days' } },
        { category: '安全生产', reply: { amount: 1, unit: 'working_days' } },
        { level: 2, category: '安全生产', firstResponse: { amount: 30, unit: 'hours' } },
        { level: 2, reply: { amount: 4, unit: 'working_days' } },
      ],
    });
    const at = sh('2026-03-02', '09:00'); // Monday
    const d = computeDeadlines({ level: 2, category: '安全生产', registeredAt: at }, p, cal);
    expect(d.firstResponseDueAt).toBe(sh('2026-03-03', '15:00').toISOString());
    // the reply may not fall before the first response
    expect(d.replyDueAt).toBe(sh('2026-03-03', '17:30').toISOString());
    const plain = computeDeadlines({ level: 2, category: '交通', registeredAt: at }, p, cal);
    expect(plain.replyDueAt).toBe(sh('2026-03-06', '17:30').toISOString());
  });

  it('an unassessed case gets the fallback deadlines', () => {
    const d = due(sh('2026-03-02', '09:00'), null);
    expect(d.firstResponseDueAt).toBe(sh('2026-03-03', '09:00').toISOString());
    expect(d.replyDueAt).toBe(sh('2026-03-09', '18:00').toISOString());
  });

  it('calendar days keep the wall time', () => {
    const r = addDuration(sh('2026-02-14', '08:15'), { amount: 3, unit: 'days' }, { calendar: cal });
    expect(r.toISOString()).toBe(sh('2026-02-17', '08:15').toISOString());
  });

  it('rejects a bad table', () => {
    expect(DeadlinePolicySchema.safeParse({ rules: [{ level: 5 }] }).success).toBe(false);
    expect(DeadlinePolicySchema.safeParse({ dayEndsAt: '25:00' }).success).toBe(false);
    expect(DeadlinePolicySchema.safeParse({ rules: [{ level: 1, reply: { amount: 0, unit: 'hours' } }] }).success).toBe(false);
  });
});

describe('reminders and overdue marks', () => {
  const facts = {
    caseId: 'c1',
    firstResponseDueAt: '2026-03-02T02:00:00.000Z',
    firstResponseAt: null as string | null,
    replyDueAt: '2026-03-03T10:00:00.000Z',
    repliedAt: null as string | null,
  };

  it('sends the latest due reminder once, then an overdue notice', () => {
    const leads = [60, 15];
    expect(remindersDue(facts, leads, new Date('2026-03-02T00:30:00Z'), new Set())).toEqual([]);
    const r1 = remindersDue(facts, leads, new Date('2026-03-02T01:50:00Z'), new Set());
    expect(r1.map((r) => r.key)).toEqual(['c1:first_response:lead:15']);
    expect(remindersDue(facts, leads, new Date('2026-03-02T01:50:00Z'), new Set(r1.map((r) => r.key)))).toEqual([]);
    const r2 = remindersDue(facts, leads, new Date('2026-03-02T02:00:01Z'), new Set());
    expect(r2).toEqual([
      expect.objectContaining({ key: 'c1:first_response:overdue', kind: 'overdue', at: facts.firstResponseDueAt }),
    ]);
    expect(remindersDue({ ...facts, firstResponseAt: '2026-03-02T01:00:00Z' }, leads, new Date('2026-03-02T03:00Z'), new Set())).toEqual([]);
  });

  it('marks overdue and late cases', () => {
    const now = new Date('2026-03-03T11:00:00Z');
    expect(deadlineMarks(facts, now)).toEqual({ firstResponse: 'overdue', reply: 'overdue', overdue: true, overdueMinutes: 60 });
    const late = { ...facts, firstResponseAt: '2026-03-02T01:00:00Z', repliedAt: '2026-03-03T10:30:00Z' };
    expect(deadlineMarks(late, now)).toEqual({ firstResponse: 'met', reply: 'met_late', overdue: true, overdueMinutes: 0 });
    expect(deadlineMarks(facts, new Date('2026-03-02T01:30:00Z')).firstResponse).toBe('due_soon');
    expect(deadlineMarks(facts, new Date('2026-03-01T00:00:00Z')).reply).toBe('pending');
  });
});
