import { describe, expect, it } from 'vitest';
import { assessEvent } from './assess.ts';
import { fastBurst, slowBurst, type CountPoint } from './burst.ts';
import { detectGaps } from './gaps.ts';
import { EventTracker } from './tracker.ts';
import { levelTransition } from './warning.ts';
import { DEFAULT_WARNING_RULES, parseWarningRules, type WarningLevel } from './warning-rules.ts';
import { post } from './test-helpers.ts';

const HOUR = 3_600_000;
const START = new Date('2024-06-01T00:00:00+08:00').getTime();
const rules = parseWarningRules({ jurisdiction: { places: ['治河渡镇'], units: [] } });

/** Feeds `perHour(h)` posts per hour for `hours` hours into a tracker as one topic; returns levels hour by hour. */
function run(perHour: (h: number) => number, hours: number, negShare: number) {
  const t = new EventTracker();
  let n = 0;
  let level: WarningLevel | null = null;
  const transitions = [];
  let last;
  for (let h = 0; h < hours; h++) {
    const k = perHour(h);
    for (let i = 0; i < k; i++) {
      const at = new Date(START + h * HOUR + Math.floor((i * HOUR) / k));
      const neg = i < k * negShare;
      t.add(
        post(`p${n++}`, '治河渡镇垃圾填埋场臭味', '治河渡镇垃圾填埋场臭味严重，附近村民反映晚上睡不着觉', at, {
          places: ['治河渡镇'],
          sentiment: { label: neg ? 'negative' : 'neutral', score: neg ? -0.8 : 0 },
          source: `src${i % 7}`,
        }),
      );
    }
    const now = new Date(START + (h + 1) * HOUR);
    const ev = t.events()[0];
    if (!ev) continue;
    last = assessEvent(ev, t.series(ev.id), now, { rules });
    const tr = levelTransition(level, last.warning, now);
    if (tr) transitions.push(tr);
    level = last.warning.level;
  }
  return { level, transitions, last: last! };
}

describe('warning levels', () => {
  it('a burst raises the level and the reasons name it', () => {
    const { level, transitions, last } = run((h) => (h < 48 ? 6 + (h % 3) : 85), 49, 0.72);
    expect(level === 'I' || level === 'II').toBe(true);
    const raised = transitions.at(-1)!;
    expect(raised.direction).toBe('raised');
    expect(last.warning.summary).toMatch(/1 小时内新增 85 条，为基线的 \d+(\.\d)? 倍/);
    expect(last.warning.summary).toMatch(/负面占 \d+%/);
    expect(last.warning.summary).toContain('涉及 治河渡镇');
    expect(raised.message).toMatch(/^预警级别由 .* 升为 Ⅰ级（红色）|^预警级别由 .* 升为 Ⅱ级（橙色）/);
  });

  it('a steady high-volume topic does not rise (daily cycle included)', () => {
    // 40–120 posts an hour following the day, for four days
    const daily = (h: number): number => Math.round(80 + 40 * Math.sin(((h % 24) / 24) * 2 * Math.PI));
    const { transitions, last } = run(daily, 96, 0.6);
    expect(last.bursts.every((b) => b.state !== 'burst')).toBe(true);
    expect(transitions.filter((t) => t.direction === 'raised').map((t) => t.message).slice(1)).toEqual([]);
    expect(['IV', null]).toContain(last.warning.level);
    expect(last.warning.summary).not.toMatch(/倍/);
  });

  it('reports a source outage as a gap, not as calm', () => {
    const now = new Date(START + 30 * HOUR);
    const points: CountPoint[] = [];
    for (let h = 0; h < 28; h++) points.push({ at: new Date(START + h * HOUR), count: 20 });
    // the only source died 2 hours ago: nothing since
    const gaps = detectGaps([{ source: '县论坛', intervalMs: 10 * 60_000, lastSuccessAt: new Date(START + 28 * HOUR), lastError: 'HTTP 503' }], now);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.reason).toContain('2 小时未采集成功');
    expect(gaps[0]!.reason).toContain('不代表平静');
    const fast = fastBurst(points, now, gaps);
    expect(fast.state).toBe('gap');
    expect(fast.reason).toContain('采集中断');
    // without the health record the same silence reads as plain numbers, never as a burst
    expect(fastBurst(points, now).state).toBe('normal');
    expect(detectGaps([{ source: '县论坛', intervalMs: 10 * 60_000, lastSuccessAt: new Date(now.getTime() - 5 * 60_000) }], now)).toEqual([]);
  });

  it('slow bursts compare today with the same part of past days', () => {
    const points: CountPoint[] = [];
    for (let d = 0; d < 15; d++) for (let h = 0; h < 24; h++) points.push({ at: new Date(START + d * 24 * HOUR + h * HOUR), count: d === 14 && h < 10 ? 30 : 3 + (h % 2) });
    const now = new Date(START + 14 * 24 * HOUR + 10 * HOUR);
    const slow = slowBurst(points, now);
    expect(slow.state).toBe('burst');
    expect(slow.reason).toMatch(/^今日新增 300 条，为近 14 日同期均值的/);
  });

  it('rejects a bad rule file with a message naming the setting', () => {
    expect(() => parseWarningRules({ levels: { ...DEFAULT_WARNING_RULES.levels, I: [{ minNegativeShare: 2 }] } })).toThrow(/TF_ERR_WARNING_RULES: levels\.I\.0\.minNegativeShare/);
    expect(parseWarningRules(undefined)).toEqual(DEFAULT_WARNING_RULES);
  });
});
