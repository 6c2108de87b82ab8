/**
 * Burst detection for any count series (an event, a plan, a place): has the rate of new posts departed from its
 * own baseline? Two views:
 *  - fast: the last `fastWindowMs` (1 h) against the `fastBaselineMs` (12 h) before it, scaled by the series' own
 *    hour-of-day profile when there is history, so the morning rise is not a burst;
 *  - slow: today so far against the same part of the day on each of the past `slowDays` (14) days.
 * Score: z = (x − λ)/√max(λ, σ², 1) (Poisson, widened when the baseline varies more), plus the ratio x/λ; a burst
 * needs a minimum volume, z and ratio. Windows overlapping a collection gap are reported as `gap`, never calm.
 */
import { formatDuration, overlapsGap, type CollectionGap } from './gaps.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CountPoint {
  at: Date;
  count: number;
}

export interface BurstOptions {
  fastWindowMs: number;
  fastBaselineMs: number;
  slowDays: number;
  /** Offset of the office's local time from UTC (for "today"), minutes; China is +480. */
  utcOffsetMinutes: number;
  minFastCount: number;
  minSlowCount: number;
  minZ: number;
  minRatio: number;
}

export const DEFAULT_BURST_OPTIONS: Readonly<BurstOptions> = Object.freeze({
  fastWindowMs: HOUR,
  fastBaselineMs: 12 * HOUR,
  slowDays: 14,
  utcOffsetMinutes: 480,
  minFastCount: 10,
  minSlowCount: 20,
  minZ: 3,
  minRatio: 2.5,
});

export type BurstState = 'burst' | 'normal' | 'gap' | 'insufficient';

export interface BurstResult {
  kind: 'fast' | 'slow';
  state: BurstState;
  observed: number;
  expected: number;
  ratio: number;
  z: number;
  windowMs: number;
  /** Plain-Chinese statement of the finding. */
  reason: string;
}

function sumIn(points: readonly CountPoint[], from: number, to: number): number {
  let s = 0;
  for (const p of points) {
    const t = p.at.getTime();
    if (t >= from && t < to) s += p.count;
  }
  return s;
}

function zScore(x: number, lambda: number, variance: number): number {
  return (x - lambda) / Math.sqrt(Math.max(lambda, variance, 1));
}

/** Hour-of-day profile over the past days (add-one smoothed), local time; undefined without 3 days of history. */
function hourProfile(points: readonly CountPoint[], now: number, days: number, offsetMs: number): number[] | undefined {
  const from = now - days * DAY;
  const first = points.reduce((m, p) => Math.min(m, p.at.getTime()), Number.POSITIVE_INFINITY);
  if (!(first <= now - 3 * DAY)) return undefined;
  const prof = new Array<number>(24).fill(1);
  for (const p of points) {
    const t = p.at.getTime();
    if (t < from || t >= now) continue;
    prof[Math.floor(((t + offsetMs) % DAY) / HOUR)]! += p.count;
  }
  return prof;
}

export function fastBurst(points: readonly CountPoint[], now: Date, gaps: readonly CollectionGap[] = [], opts: Partial<BurstOptions> = {}): BurstResult {
  const o = { ...DEFAULT_BURST_OPTIONS, ...opts };
  const t = now.getTime();
  const off = o.utcOffsetMinutes * 60_000;
  const x = sumIn(points, t - o.fastWindowMs, t);
  const baseHours: number[] = [];
  let baseTotal = 0;
  let profBase = 0;
  const prof = hourProfile(points, t - o.fastWindowMs, o.slowDays, off);
  for (let s = t - o.fastWindowMs - o.fastBaselineMs; s < t - o.fastWindowMs; s += HOUR) {
    if (overlapsGap(gaps, s, s + HOUR)) continue;
    const c = sumIn(points, s, s + HOUR);
    baseHours.push(c);
    baseTotal += c;
    if (prof) profBase += prof[Math.floor(((s + off) % DAY) / HOUR)]!;
  }
  const n = baseHours.length;
  const perHour = n > 0 ? baseTotal / n : 0;
  let scale = o.fastWindowMs / HOUR;
  if (prof && n > 0) scale *= prof[Math.floor(((t - o.fastWindowMs / 2 + off) % DAY) / HOUR)]! / (profBase / n);
  const lambda = perHour * scale;
  const variance = n > 1 ? (baseHours.reduce((a, c) => a + (c - perHour) ** 2, 0) / (n - 1)) * scale * scale : lambda;
  const inGap = overlapsGap(gaps, t - o.fastWindowMs, t);
  const win = `${formatDuration(o.fastWindowMs)}内`;
  return decide('fast', x, lambda, variance, o.fastWindowMs, { inGap, thin: n === 0 }, o.minFastCount, o, win, '基线');
}

export function slowBurst(points: readonly CountPoint[], now: Date, gaps: readonly CollectionGap[] = [], opts: Partial<BurstOptions> = {}): BurstResult {
  const o = { ...DEFAULT_BURST_OPTIONS, ...opts };
  const t = now.getTime();
  const off = o.utcOffsetMinutes * 60_000;
  const dayStart = Math.floor((t + off) / DAY) * DAY - off;
  const x = sumIn(points, dayStart, t);
  const first = points.reduce((m, p) => (p.count > 0 ? Math.min(m, p.at.getTime()) : m), Number.POSITIVE_INFINITY);
  const past: number[] = [];
  for (let d = 1; d <= o.slowDays; d++) {
    const from = dayStart - d * DAY;
    if (from < first) break; // before the series began there is no baseline, not a zero one
    if (overlapsGap(gaps, from, t - d * DAY)) continue;
    past.push(sumIn(points, from, t - d * DAY));
  }
  const n = past.length;
  const lambda = n > 0 ? past.reduce((a, b) => a + b, 0) / n : 0;
  const variance = n > 1 ? past.reduce((a, c) => a + (c - lambda) ** 2, 0) / (n - 1) : lambda;
  const inGap = overlapsGap(gaps, dayStart, t);
  return decide('slow', x, lambda, variance, t - dayStart, { inGap, thin: n < 3 }, o.minSlowCount, o, '今日', `近 ${n} 日同期均值`);
}

function decide(
  kind: 'fast' | 'slow',
  x: number,
  lambda: number,
  variance: number,
  windowMs: number,
  doubt: { inGap: boolean; thin: boolean },
  minCount: number,
  o: BurstOptions,
  win: string,
  baseName: string,
): BurstResult {
  const z = zScore(x, lambda, variance);
  const ratio = x / Math.max(lambda, 0.5);
  const r = (v: number): number => Math.round(v * 10) / 10;
  const base = { kind, observed: x, expected: r(lambda), ratio: r(ratio), z: r(z), windowMs };
  if (doubt.thin) return { ...base, state: 'insufficient', reason: `${win}新增 ${x} 条，基线数据不足，暂不判断` };
  // a gap only hides posts: a burst seen despite it is still a burst
  if (x >= minCount && z >= o.minZ && ratio >= o.minRatio) {
    const vs = lambda >= 1 ? `为${baseName}的 ${r(ratio)} 倍` : `${baseName}几乎为零（${r(lambda)} 条）`;
    return { ...base, state: 'burst', reason: `${win}新增 ${x} 条，${vs}` };
  }
  if (doubt.inGap) return { ...base, state: 'gap', reason: `${win}新增 ${x} 条，但期间采集中断，数据不完整，不代表平静` };
  return { ...base, state: 'normal', reason: `${win}新增 ${x} 条，${baseName} ${r(lambda)} 条` };
}
