import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustedRand, bcubed } from './metrics.ts';
import { eventTrend, forecastOf } from './trend.ts';
import { computeHeat } from './heat.ts';

describe('clustering metrics', () => {
  it('scores known partitions', () => {
    expect(bcubed(['a', 'a', 'b'], ['x', 'x', 'y']).f1).toBe(1);
    const all = bcubed(['a', 'a', 'a', 'a'], ['x', 'x', 'y', 'y']);
    expect(all.recall).toBe(1);
    expect(all.precision).toBeCloseTo(0.5);
    expect(adjustedRand(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'])).toBe(1);
  });

  it('is 1 for any relabelling of the gold partition, and within [0, 1] otherwise', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 40, maxLength: 40 }), (gold, other) => {
        const g = gold.map(String);
        expect(bcubed(g.map((x) => `p${x}`), g).f1).toBeCloseTo(1);
        const b = bcubed(other.slice(0, g.length).map(String), g);
        expect(b.f1).toBeGreaterThan(0);
        expect(b.f1).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});

describe('trend and heat', () => {
  const now = new Date('2024-06-03T12:00:00Z');
  const at = (h: number): Date => new Date(now.getTime() - h * 3_600_000);

  it('forecasts rising, peaking and fading with the basis stated', () => {
    expect(forecastOf([1, 1, 2, 2, 3, 5, 9, 15], 3_600_000)).toMatchObject({ forecast: 'rising' });
    expect(forecastOf([1, 3, 8, 20, 30, 28], 3_600_000).forecast).toBe('peaking');
    const fading = forecastOf([5, 20, 30, 12, 6, 2], 3_600_000);
    expect(fading.forecast).toBe('fading');
    expect(fading.basis).toContain('峰值 30 条');
    expect(forecastOf([0, 0, 1], 3_600_000).forecast).toBe('unknown');
  });

  it('buckets counts by sentiment', () => {
    const t = eventTrend([{ start: at(2), counts: { negative: 3, neutral: 1, positive: 0 } }, { start: at(1), counts: { negative: 0, neutral: 2, positive: 2 } }], now, 3_600_000, 6);
    expect(t.buckets.map((b) => b.total)).toEqual([0, 0, 0, 0, 4, 4]);
    expect(t.buckets[4]).toMatchObject({ negative: 3, neutral: 1 });
  });

  it('heat grows with volume, sources and engagement and fades with time', () => {
    const base = { points: [{ at: at(1), count: 20 }], uniqueSources: 3 };
    const h = computeHeat(base, now).heat;
    expect(computeHeat({ ...base, points: [{ at: at(1), count: 200 }] }, now).heat).toBeGreaterThan(h);
    expect(computeHeat({ ...base, uniqueSources: 30 }, now).heat).toBeGreaterThan(h);
    expect(computeHeat({ ...base, engagement: { reposts: 5000 } }, now).heat).toBeGreaterThan(h);
    expect(computeHeat(base, new Date(now.getTime() + 72 * 3_600_000)).heat).toBeLessThan(h);
    expect(h).toBeGreaterThan(0);
    expect(h).toBeLessThan(100);
  });
});
