import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, atLocalTime, isLocalDate, localDate, localParts, minutesOfDay, zonedInstant } from './zoned-time.ts';

describe('zoned time', () => {
  it('maps an instant to local wall time and back, in several zones (property)', () => {
    const zones = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, tz) => {
          const instant = new Date(Math.floor(ms / 60_000) * 60_000);
          const p = localParts(instant, tz);
          const back = zonedInstant(localDate(instant, tz), p.hour * 60 + p.minute, tz);
          const again = localParts(back, tz);
          // the same wall time; in a fall-back hour either of the two instants is fine
          expect([again.hour, again.minute, localDate(back, tz)]).toEqual([p.hour, p.minute, localDate(instant, tz)]);
          if (tz === 'Asia/Shanghai' || tz === 'UTC') expect(back.getTime()).toBe(instant.getTime());
        },
      ),
    );
  });

  it('resolves a wall time inside a spring-forward gap to a real instant after it', () => {
    const t = zonedInstant('2026-03-08', 150, 'America/New_York'); // 02:30 does not exist that day
    expect(t.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('maps the first minute after a spring-forward gap to itself, and a fall-back hour to its first instant', () => {
    // 2007-03-11 03:00 EDT (found by the property above: it used to come back as 04:00)
    expect(zonedInstant('2007-03-11', 180, 'America/New_York').toISOString()).toBe('2007-03-11T07:00:00.000Z');
    expect(zonedInstant('2026-03-29', 180, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 2026-11-01 01:30 happens twice in New York: the EDT one comes first
    expect(zonedInstant('2026-11-01', 90, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('Beijing time is UTC+8 all year', () => {
    expect(atLocalTime('2026-07-01', '09:00').toISOString()).toBe('2026-07-01T01:00:00.000Z');
    expect(atLocalTime('2026-01-01', '00:00').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(zonedInstant('2026-01-01', 1440).toISOString()).toBe('2026-01-01T16:00:00.000Z');
  });

  it('validates dates and times', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(minutesOfDay('24:00')).toBe(1440);
    expect(() => minutesOfDay('7:5')).toThrow(/HH:mm/);
  });
});
