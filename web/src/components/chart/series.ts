// Time series helpers for charts. Pure.

export interface SeriesPoint {
  at: string;
  negative: number;
  neutral: number;
  positive: number;
}

/** Sums points into buckets of `bucketMs` (aligned to the epoch, i.e. whole hours), sorted by time. */
export function bucketSeries<T extends SeriesPoint>(series: readonly T[], bucketMs: number): SeriesPoint[] {
  const sums = new Map<number, SeriesPoint>();
  for (const p of series) {
    const t = Date.parse(p.at);
    if (Number.isNaN(t)) continue;
    const k = Math.floor(t / bucketMs) * bucketMs;
    const b = sums.get(k) ?? { at: new Date(k).toISOString(), negative: 0, neutral: 0, positive: 0 };
    b.negative += p.negative;
    b.neutral += p.neutral;
    b.positive += p.positive;
    sums.set(k, b);
  }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}
