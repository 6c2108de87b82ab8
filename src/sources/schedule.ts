/**
 * Pure scheduling decisions. Each source runs on an interval or a cron expression (croner, in the source's time
 * zone). Heightened mode (24 小时值守) raises the frequency of chosen sources until an end time. A positive jitter
 * spreads runs; a running source is never started again; repeated failures back off exponentially.
 */
import { Cron } from 'croner';
import { z } from 'zod';

export const MIN_INTERVAL_SECONDS = 60;

function validCron(expr: string): boolean {
  try {
    new Cron(expr, { paused: true });
    return true;
  } catch {
    return false;
  }
}

export const scheduleSpecSchema = z
  .object({
    interval_seconds: z
      .number()
      .int()
      .min(MIN_INTERVAL_SECONDS)
      .max(7 * 86400)
      .optional()
      .describe('采集间隔（秒）'),
    cron: z
      .string()
      .max(200)
      .refine(validCron, 'is not a valid cron expression (e.g. "*/15 * * * *")')
      .optional()
      .describe('cron 表达式'),
    timezone: z.string().default('Asia/Shanghai'),
  })
  .strict()
  .refine(
    (s) => (s.interval_seconds === undefined) !== (s.cron === undefined),
    'set exactly one of interval_seconds or cron',
  );

export type ScheduleSpec = z.input<typeof scheduleSpecSchema>;

/** 24 小时值守: chosen sources (or all) polled every `interval_seconds` until `until`. */
export interface HeightenedMode {
  until: Date;
  interval_seconds: number;
  source_ids: readonly string[] | 'all';
}

export interface SourceRunState {
  running: boolean;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  consecutive_failures: number;
}

export interface ScheduleOptions {
  heightened?: HeightenedMode | null;
  /** A number in [0, 1) drawn by the caller (pure). */
  random: number;
  /** Jitter as a share of the interval added to each due time (default 0.1). */
  jitterRatio?: number;
  /** Longest back-off after failures (default 6 hours). */
  maxBackoffSeconds?: number;
}

export function isHeightened(sourceId: string, mode: HeightenedMode | null | undefined, now: Date): boolean {
  if (!mode || now.getTime() >= mode.until.getTime()) return false;
  return mode.source_ids === 'all' || mode.source_ids.includes(sourceId);
}

/** The next run after `from` by the source's own spec (ms). */
function regularNext(spec: ScheduleSpec, from: Date): { at: number; interval: number } {
  if (spec.cron) {
    const cron = new Cron(spec.cron, { paused: true, timezone: spec.timezone ?? 'Asia/Shanghai' });
    const next = cron.nextRun(from);
    const after = next ? cron.nextRun(next) : null;
    const interval = next && after ? after.getTime() - next.getTime() : 86_400_000;
    return { at: next ? next.getTime() : from.getTime() + 86_400_000, interval };
  }
  const interval = Math.max(MIN_INTERVAL_SECONDS, spec.interval_seconds ?? 3600) * 1000;
  return { at: from.getTime() + interval, interval };
}

/** When the source should next run. A source that never ran is due now. */
export function nextDueAt(
  sourceId: string,
  spec: ScheduleSpec,
  state: SourceRunState,
  now: Date,
  opts: ScheduleOptions,
): Date {
  const last = state.last_started_at;
  if (!last) return now;
  const regular = regularNext(spec, last);
  let at = regular.at;
  let interval = regular.interval;
  if (isHeightened(sourceId, opts.heightened, now) && opts.heightened) {
    const fast = Math.max(MIN_INTERVAL_SECONDS, opts.heightened.interval_seconds) * 1000;
    if (last.getTime() + fast < at) {
      at = last.getTime() + fast;
      interval = fast;
    }
  }
  at += Math.floor(interval * (opts.jitterRatio ?? 0.1) * Math.min(Math.max(opts.random, 0), 1));
  if (state.consecutive_failures > 0) {
    const maxBackoff = (opts.maxBackoffSeconds ?? 6 * 3600) * 1000;
    const backoff = Math.min(maxBackoff, interval * 2 ** Math.min(state.consecutive_failures - 1, 20));
    const from = (state.last_finished_at ?? last).getTime();
    at = Math.max(at, from + Math.max(backoff, interval));
  }
  return new Date(at);
}

/** True when the source may start now: not running, and due. */
export function isDue(
  sourceId: string,
  spec: ScheduleSpec,
  state: SourceRunState,
  now: Date,
  opts: ScheduleOptions,
): boolean {
  if (state.running) return false;
  return nextDueAt(sourceId, spec, state, now, opts).getTime() <= now.getTime();
}

export interface ScheduledSource {
  id: string;
  enabled: boolean;
  spec: ScheduleSpec;
  state: SourceRunState;
}

/** Ids of the sources to start now, most overdue first. `random(id)` gives each source its jitter draw. */
export function dueSources(
  sources: readonly ScheduledSource[],
  now: Date,
  opts: Omit<ScheduleOptions, 'random'> & { random: (id: string) => number },
): string[] {
  return sources
    .filter((s) => s.enabled && !s.state.running)
    .map((s) => ({
      id: s.id,
      at: nextDueAt(s.id, s.spec, s.state, now, { ...opts, random: opts.random(s.id) }).getTime(),
    }))
    .filter((s) => s.at <= now.getTime())
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
    .map((s) => s.id);
}
