import { describe, expect, it } from 'vitest';
import { createAcceleratedClock, createCatchUpClock, createManualClock } from './clock.ts';

describe('demo clocks', () => {
  it('accelerated: demo time advances speed × real time from its start', () => {
    let real = 5_000;
    const start = new Date('2026-11-25T00:00:00Z');
    const c = createAcceleratedClock({ start, speed: 120, realNow: () => real });
    expect(c.now().toISOString()).toBe(start.toISOString());
    real += 30_000; // 30 real seconds = 1 demo hour
    expect(c.now().getTime() - start.getTime()).toBe(3600_000);
    expect(() => createAcceleratedClock({ speed: 0 })).toThrow(/TF_ERR_DEMO_CLOCK/);
  });

  it('catch-up: starts behind, runs fast, then never passes real time', () => {
    let real = Date.parse('2026-11-25T08:00:00Z');
    const c = createCatchUpClock({ behindMs: 3 * 3600_000, speed: 180, realNow: () => real });
    expect(real - c.now().getTime()).toBe(3 * 3600_000);
    real += 30_000; // 30 s × 180 = 90 demo minutes: halfway
    expect(real - c.now().getTime()).toBe(1.5 * 3600_000 + 30_000);
    real += 60_000;
    expect(c.now().getTime()).toBe(real);
    real += 3600_000;
    expect(c.now().getTime()).toBe(real);
  });

  it('manual: moves only when told', () => {
    const c = createManualClock(new Date(0));
    c.advance(1000);
    expect(c.now().getTime()).toBe(1000);
    c.set(new Date(42));
    expect(c.now().getTime()).toBe(42);
  });
});
