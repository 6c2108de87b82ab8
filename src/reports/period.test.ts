import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyPeriod, defaultReportDate, monthlyPeriod, splitPeriod, weeklyPeriod, zonedToInstant } from './period.ts';

describe('report periods', () => {
  it('daily: 17:00 yesterday → 17:00 today in the office zone, previous day before it', () => {
    const { period, previous } = dailyPeriod('2026-03-05', 'Asia/Shanghai');
    expect(period.start).toBe('2026-03-04T09:00:00.000Z');
    expect(period.end).toBe('2026-03-05T09:00:00.000Z');
    expect(previous.start).toBe('2026-03-03T09:00:00.000Z');
    expect(previous.end).toBe(period.start);
    expect(period.label).toBe('2026年3月4日 17:00 至 2026年3月5日 17:00');
  });

  it('daily cut-off is configurable and validated', () => {
    expect(dailyPeriod('2026-03-05', 'Asia/Shanghai', '08:30').period.start).toBe('2026-03-04T00:30:00.000Z');
    expect(() => dailyPeriod('2026-03-05', 'Asia/Shanghai', '25:00')).toThrow(/HH:MM/);
    expect(() => dailyPeriod('2026-02-30', 'Asia/Shanghai')).toThrow(/not a calendar date/);
  });

  it('daily keeps the wall-clock cut-off across a DST change (23-hour day)', () => {
    const { period } = dailyPeriod('2026-03-08', 'America/New_York');
    expect(period.start).toBe('2026-03-07T22:00:00.000Z'); // 17:00 EST
    expect(period.end).toBe('2026-03-08T21:00:00.000Z'); // 17:00 EDT
  });

  it('weekly is Monday to Sunday; monthly is the calendar month; both with the previous one', () => {
    const w = weeklyPeriod('2026-03-05', 'Asia/Shanghai'); // a Thursday
    expect(w.period.start).toBe('2026-03-01T16:00:00.000Z');
    expect(w.period.end).toBe('2026-03-08T16:00:00.000Z');
    expect(w.previous.start).toBe('2026-02-22T16:00:00.000Z');
    expect(weeklyPeriod('2026-03-08', 'Asia/Shanghai').period.start).toBe(w.period.start); // Sunday
    const m = monthlyPeriod('2026-03-31', 'Asia/Shanghai');
    expect(m.period.start).toBe('2026-02-28T16:00:00.000Z');
    expect(m.period.end).toBe('2026-03-31T16:00:00.000Z');
    expect(m.previous.start).toBe('2026-01-31T16:00:00.000Z');
    expect(monthlyPeriod('2026-01-15', 'Asia/Shanghai').previous.label).toBe('2025年12月');
  });

  it('default dates: today for daily, the last complete week/month otherwise', () => {
    const now = new Date('2026-03-04T17:00:00Z'); // 01:00 on 5 March in Shanghai
    expect(defaultReportDate('daily', now, 'Asia/Shanghai')).toBe('2026-03-05');
    expect(defaultReportDate('weekly', now, 'Asia/Shanghai')).toBe('2026-02-26');
    expect(defaultReportDate('monthly', now, 'Asia/Shanghai')).toBe('2026-02-28');
  });

  it('splits a day into 24 hourly buckets and a month into days', () => {
    expect(splitPeriod(dailyPeriod('2026-03-05', 'Asia/Shanghai').period)).toHaveLength(24);
    const days = splitPeriod(monthlyPeriod('2026-02-10', 'Asia/Shanghai').period);
    expect(days).toHaveLength(28);
    expect(days[0]?.label).toBe('2月1日');
  });

  it('property: consecutive periods tile time with no gap or overlap, in any zone', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.constantFrom(...zones),
        fc.constantFrom('00:00', '17:00', '23:30'),
        (n, tz, cut) => {
          const d = new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);
          for (const pair of [dailyPeriod(d, tz, cut), weeklyPeriod(d, tz), monthlyPeriod(d, tz)]) {
            expect(pair.previous.end).toBe(pair.period.start);
            expect(Date.parse(pair.period.end)).toBeGreaterThan(Date.parse(pair.period.start));
          }
          const day = dailyPeriod(d, tz, cut).period;
          const hours = (Date.parse(day.end) - Date.parse(day.start)) / 3600_000;
          expect(hours).toBeGreaterThanOrEqual(23);
          expect(hours).toBeLessThanOrEqual(25);
          const ws = new Date(weeklyPeriod(d, tz).period.start);
          expect(new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short' }).format(ws)).toBe('Mon');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('zonedToInstant round-trips a normal wall time', () => {
    expect(zonedToInstant({ y: 2026, m: 7, d: 1 }, 8, 0, 'Asia/Shanghai').toISOString()).toBe(
      '2026-07-01T00:00:00.000Z',
    );
  });
});
