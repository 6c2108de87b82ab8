/**
 * Collection gaps: a source that has not fetched successfully for several of its intervals is a gap in what we
 * know, not a quiet period. Bursts and warnings consult these so a dead source is never read as calm.
 */
export interface SourceHealth {
  source: string;
  /** Expected time between successful polls. */
  intervalMs: number;
  lastSuccessAt?: Date;
  /** When monitoring of the source began (a source that never succeeded is a gap from here). */
  since?: Date;
  lastError?: string;
}

export interface CollectionGap {
  source: string;
  from: Date;
  to: Date;
  missedPolls: number;
  reason: string;
}

export interface GapOptions {
  /** Missed intervals before a source counts as down. */
  toleratedMisses: number;
  /** Never call a gap shorter than this. */
  minGapMs: number;
}

export const DEFAULT_GAP_OPTIONS: Readonly<GapOptions> = Object.freeze({ toleratedMisses: 3, minGapMs: 15 * 60_000 });

/** Sources that are down at `now`, each as a gap from its last success (or start) to now, with a Chinese reason. */
export function detectGaps(health: readonly SourceHealth[], now: Date, opts: Partial<GapOptions> = {}): CollectionGap[] {
  const o = { ...DEFAULT_GAP_OPTIONS, ...opts };
  const out: CollectionGap[] = [];
  for (const h of health) {
    const from = h.lastSuccessAt ?? h.since;
    if (!from) continue;
    const silent = now.getTime() - from.getTime();
    if (silent < Math.max(o.minGapMs, o.toleratedMisses * h.intervalMs)) continue;
    const missed = Math.floor(silent / Math.max(1, h.intervalMs));
    const why = h.lastError ? `（最近错误：${h.lastError.slice(0, 80)}）` : '';
    out.push({ source: h.source, from, to: now, missedPolls: missed, reason: `信息源「${h.source}」已 ${formatDuration(silent)}未采集成功${why}，期间数据缺失，不代表平静` });
  }
  return out.sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** True when any gap overlaps [from, to). */
export function overlapsGap(gaps: readonly CollectionGap[], from: number, to: number): boolean {
  return gaps.some((g) => g.from.getTime() < to && g.to.getTime() > from);
}

/** Human duration in Chinese: "45 分钟", "5 小时", "2 天". */
export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} 分钟`;
  const h = ms / 3_600_000;
  if (h < 48) return `${Math.round(h)} 小时`;
  return `${Math.round(h / 24)} 天`;
}
