import { describe, expect, it } from 'vitest';
import { negativeShare } from './event-charts.ts';

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
