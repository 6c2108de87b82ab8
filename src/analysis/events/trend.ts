/**
 * Trend of an event: counts per interval by sentiment, and a simple forecast (rising / peaking / fading /
 * steady) with its basis stated in plain Chinese.
 */
import { formatDuration } from './gaps.ts';
import type { SentimentMix } from './types.ts';

export interface TrendBucket extends SentimentMix {
  start: Date;
  total: number;
}

export type TrendDirection = 'rising' | 'peaking' | 'fading' | 'steady' | 'unknown';

export interface Trend {
  intervalMs: number;
  buckets: TrendBucket[];
  forecast: TrendDirection;
  basis: string;
}

/**
 * Buckets [now − intervals·intervalMs, now) into `intervals` intervals; input points carry sentiment counts (e.g.
 * the tracker's hourly series).
 */
export function eventTrend(points: readonly { start: Date; counts: SentimentMix }[], now: Date, intervalMs = 3_600_000, intervals = 24): Trend {
  const end = now.getTime();
  const begin = end - intervals * intervalMs;
  const buckets: TrendBucket[] = [];
  for (let i = 0; i < intervals; i++) buckets.push({ start: new Date(begin + i * intervalMs), negative: 0, neutral: 0, positive: 0, total: 0 });
  for (const p of points) {
    const t = p.start.getTime();
    if (t < begin || t >= end) continue;
    const b = buckets[Math.floor((t - begin) / intervalMs)]!;
    b.negative += p.counts.negative;
    b.neutral += p.counts.neutral;
    b.positive += p.counts.positive;
    b.total += p.counts.negative + p.counts.neutral + p.counts.positive;
  }
  const { forecast, basis } = forecastOf(buckets.map((b) => b.total), intervalMs);
  return { intervalMs, buckets, forecast, basis };
}

/** Forecast from the totals: compares the last 3 intervals with the 3 before and with the peak. */
export function forecastOf(totals: readonly number[], intervalMs: number): { forecast: TrendDirection; basis: string } {
  const n = totals.length;
  const all = totals.reduce((a, b) => a + b, 0);
  const unit = formatDuration(intervalMs);
  if (n < 6 || all < 5) return { forecast: 'unknown', basis: `数据不足（共 ${all} 条），暂不预测` };
  const recent = totals.slice(n - 3);
  const before = totals.slice(n - 6, n - 3);
  const r = recent.reduce((a, b) => a + b, 0);
  const b = before.reduce((a, x) => a + x, 0);
  const peak = Math.max(...totals);
  const peakAt = totals.lastIndexOf(peak);
  const last = totals[n - 1]!;
  const series = recent.join('→');
  if (r >= 1.3 * b + 2 && last >= Math.max(...recent)) return { forecast: 'rising', basis: `最近 3 个时段（每段 ${unit}）${series} 条，比此前 3 段的 ${b} 条增加，仍在上升` };
  if (peakAt >= n - 3 && last >= 0.6 * peak) return { forecast: 'peaking', basis: `峰值 ${peak} 条出现在最近 3 个时段内，当前 ${last} 条，增速放缓，处于高位` };
  if (r <= 0.7 * b || last <= 0.4 * peak) return { forecast: 'fading', basis: `最近 3 个时段 ${series} 条，较此前 3 段的 ${b} 条和峰值 ${peak} 条回落，正在消退` };
  return { forecast: 'steady', basis: `最近 3 个时段 ${series} 条，与此前 3 段的 ${b} 条相当，基本平稳` };
}
