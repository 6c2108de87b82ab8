/**
 * Heat (热度), 0–100, comparable across events and over time because every constant is absolute:
 *
 *   V   = Σ_posts  w_src · 0.5^((now − t)/halfLife)                       recency-weighted volume
 *   E   = (reposts + replies + 0.2·likes + 0.001·views) · 0.5^((now − lastSeen)/halfLife)
 *   raw = a·ln(1 + V) + b·ln(1 + S) + c·ln(1 + E)                             S = unique sources
 *   heat = 100 · (1 − e^(−raw / k))
 *
 * with w_src the weight of the posting source (default 1; e.g. a provincial news site 2, a small forum 0.5). The
 * logarithms keep one huge number from dominating; the saturation keeps heat in 0–100.
 */
import type { Engagement } from './types.ts';

export interface HeatOptions {
  halfLifeMs: number;
  volumeWeight: number;
  sourceWeight: number;
  engagementWeight: number;
  /** Scale of the saturation: raw = k gives heat 63. */
  scale: number;
}

export const DEFAULT_HEAT_OPTIONS: Readonly<HeatOptions> = Object.freeze({
  halfLifeMs: 24 * 3_600_000,
  volumeWeight: 1,
  sourceWeight: 0.8,
  engagementWeight: 0.4,
  scale: 8,
});

export interface HeatPoint {
  at: Date;
  count: number;
  /** Mean weight of the sources of these posts (default 1). */
  sourceWeight?: number;
}

export interface HeatInput {
  points: readonly HeatPoint[];
  uniqueSources: number;
  engagement?: Engagement;
  lastSeen?: Date;
}

export interface HeatResult {
  heat: number;
  parts: { volume: number; sources: number; engagement: number };
}

function decay(ageMs: number, halfLifeMs: number): number {
  return ageMs <= 0 ? 1 : Math.pow(0.5, ageMs / halfLifeMs);
}

export function computeHeat(input: HeatInput, now: Date, opts: Partial<HeatOptions> = {}): HeatResult {
  const o = { ...DEFAULT_HEAT_OPTIONS, ...opts };
  const t = now.getTime();
  let v = 0;
  let last = input.lastSeen?.getTime() ?? Number.NEGATIVE_INFINITY;
  for (const p of input.points) {
    const at = p.at.getTime();
    if (at > t) continue;
    v += Math.max(0, p.count) * (p.sourceWeight ?? 1) * decay(t - at, o.halfLifeMs);
    if (input.lastSeen === undefined && p.count > 0) last = Math.max(last, at);
  }
  const e = input.engagement ?? {};
  const rawEng = (e.reposts ?? 0) + (e.replies ?? 0) + 0.2 * (e.likes ?? 0) + 0.001 * (e.views ?? 0);
  const eng = Number.isFinite(last) ? rawEng * decay(t - last, o.halfLifeMs) : 0;
  const parts = {
    volume: o.volumeWeight * Math.log1p(v),
    sources: o.sourceWeight * Math.log1p(Math.max(0, input.uniqueSources)),
    engagement: o.engagementWeight * Math.log1p(eng),
  };
  const raw = parts.volume + parts.sources + parts.engagement;
  return { heat: Math.round(1000 * (1 - Math.exp(-raw / o.scale))) / 10, parts };
}
