import { describe, expect, it } from 'vitest';
import { copyShare, negativeShare, spreadOption, type EventSpread } from './event-charts.ts';

describe('negativeShare', () => {
  it('is cumulative and skips empty starts', () => {
    const p = (at: string, negative: number, neutral: number, positive: number) => ({
      at,
      negative,
      neutral,
      positive,
    });
    expect(
      negativeShare([
        p('2026-05-01T00:00:00Z', 0, 0, 0),
        p('2026-05-01T01:00:00Z', 1, 1, 0),
        p('2026-05-01T02:00:00Z', 2, 0, 0),
      ]).map((x) => x[1]),
    ).toEqual([null, 50, 75]);
  });
});

describe('spread chart', () => {
  const spread: EventSpread = {
    eventId: 'ev-1',
    bucket: 'hour',
    first: null,
    totals: { originals: 4, copies: 4 },
    series: [
      { at: '2026-05-01T00:00:00.000Z', originals: 0, copies: 0 },
      { at: '2026-05-01T01:00:00.000Z', originals: 3, copies: 1 },
      { at: '2026-05-01T02:00:00.000Z', originals: 1, copies: 3 },
    ],
    sources: [],
  };
  const text = { originals: '原创', copies: '转载/重复', copyShare: '转载占比' };

  it('computes the running share of copies, null before the first post', () => {
    expect(copyShare(spread.series).map((x) => x[1])).toEqual([null, 25, 50]);
  });

  it('stacks originals and copies per bucket on a time axis, with the share on a second axis', () => {
    const o = spreadOption(spread, text) as {
      series: { name: string; type: string; stack?: string; yAxisIndex?: number; data: [number, number | null][] }[];
      yAxis: unknown[];
    };
    expect(o.series.map((s) => [s.name, s.type, s.stack ?? null, s.yAxisIndex ?? 0])).toEqual([
      ['原创', 'bar', 'spread', 0],
      ['转载/重复', 'bar', 'spread', 0],
      ['转载占比', 'line', null, 1],
    ]);
    const t1 = Date.parse('2026-05-01T01:00:00.000Z');
    expect(o.series[0]!.data[1]).toEqual([t1, 3]);
    expect(o.series[1]!.data[2]).toEqual([t1 + 3_600_000, 3]);
    expect(o.series[2]!.data.at(-1)).toEqual([t1 + 3_600_000, 50]);
    expect(o.yAxis).toHaveLength(2);
  });
});
