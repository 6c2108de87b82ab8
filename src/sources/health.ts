/**
 * Pure source-health bookkeeping: last success, last error and its message, items per run, consecutive failures,
 * and a volume change-point flag (a source that suddenly goes quiet or floods), used by the API and by the event
 * tracker's gap detection.
 */

export type VolumeFlag = 'normal' | 'drop' | 'silent' | 'surge' | 'insufficient-data';

export interface SourceHealth {
  runs: number;
  last_run_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: { code: string; message: string } | null;
  consecutive_failures: number;
  items_last_run: number | null;
  /** New items of the most recent successful runs, oldest first (bounded). */
  recent_items: number[];
  volume_flag: VolumeFlag;
}

const HISTORY = 48;
const RECENT = 3;
const MIN_BASELINE = 8;

export function initialHealth(): SourceHealth {
  return {
    runs: 0,
    last_run_at: null,
    last_success_at: null,
    last_error_at: null,
    last_error: null,
    consecutive_failures: 0,
    items_last_run: null,
    recent_items: [],
    volume_flag: 'insufficient-data',
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * Compares the last few runs with the baseline before them: `silent` when a source that usually brings items
 * brought none three times running, `drop` when it brings under a fifth of its usual, `surge` when over five times.
 */
export function volumeChange(items: readonly number[]): VolumeFlag {
  if (items.length < MIN_BASELINE + RECENT) return 'insufficient-data';
  const baseline = median(items.slice(0, -RECENT));
  const recent = items.slice(-RECENT);
  const recentMean = recent.reduce((a, b) => a + b, 0) / RECENT;
  if (baseline >= 1 && recent.every((n) => n === 0)) return 'silent';
  if (baseline >= 3 && recentMean <= baseline * 0.2) return 'drop';
  if (recentMean >= Math.max(5, baseline * 5)) return 'surge';
  return 'normal';
}

export function recordSuccess(h: SourceHealth, run: { at: Date; items: number }): SourceHealth {
  const recent = [...h.recent_items, Math.max(0, Math.floor(run.items))].slice(-HISTORY);
  const at = run.at.toISOString();
  return {
    ...h,
    runs: h.runs + 1,
    last_run_at: at,
    last_success_at: at,
    consecutive_failures: 0,
    items_last_run: run.items,
    recent_items: recent,
    volume_flag: volumeChange(recent),
  };
}

export function recordFailure(h: SourceHealth, run: { at: Date; code?: string; message: string }): SourceHealth {
  const at = run.at.toISOString();
  return {
    ...h,
    runs: h.runs + 1,
    last_run_at: at,
    last_error_at: at,
    last_error: { code: run.code ?? 'TF_ERR_SOURCE', message: run.message.slice(0, 1000) },
    consecutive_failures: h.consecutive_failures + 1,
    items_last_run: 0,
  };
}

export type HealthStatus = 'never-run' | 'ok' | 'failing' | 'stale';

/** Overall status: `failing` after 3 consecutive failures, `stale` when no success for 3 expected intervals. */
export function healthStatus(h: SourceHealth, now: Date, expectedIntervalSeconds: number): HealthStatus {
  if (h.runs === 0) return 'never-run';
  if (h.consecutive_failures >= 3) return 'failing';
  const last = h.last_success_at ? Date.parse(h.last_success_at) : null;
  if (last === null || now.getTime() - last > 3 * expectedIntervalSeconds * 1000) return 'stale';
  return 'ok';
}
