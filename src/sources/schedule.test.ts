import { describe, expect, it } from 'vitest';
import { dueSources, isDue, nextDueAt, scheduleSpecSchema, type SourceRunState } from './schedule.ts';

const t = (iso: string) => new Date(iso);
const idle = (started: string | null, failures = 0): SourceRunState => ({
  running: false,
  last_started_at: started ? t(started) : null,
  last_finished_at: started ? t(started) : null,
  consecutive_failures: failures,
});

describe('schedule', () => {
  it('validates specs: exactly one of interval and cron', () => {
    expect(scheduleSpecSchema.safeParse({ interval_seconds: 600 }).success).toBe(true);
    expect(scheduleSpecSchema.safeParse({ cron: '*/15 * * * *' }).success).toBe(true);
    expect(scheduleSpecSchema.safeParse({ cron: 'every now and then' }).success).toBe(false);
    expect(scheduleSpecSchema.safeParse({ interval_seconds: 600, cron: '* * * * *' }).success).toBe(false);
    expect(scheduleSpecSchema.safeParse({ interval_seconds: 5 }).success).toBe(false);
  });

  it('a source that never ran is due now; then every interval plus jitter', () => {
    const now = t('2026-01-01T00:00:00Z');
    expect(nextDueAt('s', { interval_seconds: 600 }, idle(null), now, { random: 0.5 })).toEqual(now);
    expect(nextDueAt('s', { interval_seconds: 600 }, idle('2026-01-01T00:00:00Z'), now, { random: 0 })).toEqual(
      t('2026-01-01T00:10:00Z'),
    );
    expect(nextDueAt('s', { interval_seconds: 600 }, idle('2026-01-01T00:00:00Z'), now, { random: 0.5 })).toEqual(
      t('2026-01-01T00:10:30Z'),
    );
  });

  it('follows cron in the source time zone', () => {
    const spec = { cron: '0 8,14,20 * * *', timezone: 'Asia/Shanghai' };
    expect(
      nextDueAt('s', spec, idle('2026-01-01T00:30:00Z'), t('2026-01-01T00:31:00Z'), { random: 0, jitterRatio: 0 }),
    ).toEqual(t('2026-01-01T06:00:00Z'));
  });

  it('never starts a running source', () => {
    const state = { ...idle('2026-01-01T00:00:00Z'), running: true };
    expect(isDue('s', { interval_seconds: 60 }, state, t('2026-01-02T00:00:00Z'), { random: 0 })).toBe(false);
  });

  it('heightened mode raises the frequency of chosen sources until it ends', () => {
    const mode = { until: t('2026-01-01T12:00:00Z'), interval_seconds: 120, source_ids: ['hot'] };
    const st = idle('2026-01-01T00:00:00Z');
    const now = t('2026-01-01T00:01:00Z');
    expect(nextDueAt('hot', { interval_seconds: 3600 }, st, now, { random: 0, heightened: mode })).toEqual(
      t('2026-01-01T00:02:00Z'),
    );
    expect(nextDueAt('cold', { interval_seconds: 3600 }, st, now, { random: 0, heightened: mode })).toEqual(
      t('2026-01-01T01:00:00Z'),
    );
    const after = t('2026-01-01T13:00:00Z');
    expect(
      nextDueAt('hot', { interval_seconds: 3600 }, idle('2026-01-01T12:59:00Z'), after, {
        random: 0,
        heightened: mode,
      }),
    ).toEqual(t('2026-01-01T13:59:00Z'));
  });

  it('backs off after repeated failures, up to a ceiling', () => {
    const spec = { interval_seconds: 600 };
    const now = t('2026-01-01T00:00:00Z');
    const at = (failures: number) =>
      nextDueAt('s', spec, idle('2026-01-01T00:00:00Z', failures), now, {
        random: 0,
        maxBackoffSeconds: 3600,
      }).getTime() - now.getTime();
    expect([at(0), at(1), at(2), at(3), at(4), at(10)].map((ms) => ms / 60_000)).toEqual([10, 10, 20, 40, 60, 60]);
  });

  it('lists due sources, most overdue first, skipping disabled and running ones', () => {
    const now = t('2026-01-01T01:00:00Z');
    const ids = dueSources(
      [
        { id: 'a', enabled: true, spec: { interval_seconds: 600 }, state: idle('2026-01-01T00:40:00Z') },
        { id: 'b', enabled: true, spec: { interval_seconds: 600 }, state: idle('2026-01-01T00:10:00Z') },
        { id: 'c', enabled: false, spec: { interval_seconds: 600 }, state: idle(null) },
        { id: 'd', enabled: true, spec: { interval_seconds: 600 }, state: { ...idle(null), running: true } },
        { id: 'e', enabled: true, spec: { interval_seconds: 600 }, state: idle('2026-01-01T00:55:00Z') },
      ],
      now,
      { random: () => 0 },
    );
    expect(ids).toEqual(['b', 'a']);
  });
});
