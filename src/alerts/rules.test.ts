import { describe, expect, it } from 'vitest';
import { atLocalTime } from '../cases/zoned-time.ts';
import { AlertRuleSchema, evaluate, quietUntil, type AlertEvalState, type AlertRuleInput, type AlertTriggerInput } from './rules.ts';

const rule = (r: Partial<AlertRuleInput> & Pick<AlertRuleInput, 'id' | 'trigger'>) =>
  AlertRuleSchema.parse({ name: r.id, level: 3, ...r });

const postRule = rule({
  id: 'r-post',
  level: 2,
  trigger: { kind: 'post_match', planIds: ['plan-flood'], sentiments: ['negative'], places: ['城关镇'] },
  throttleMinutes: 60,
});
const levelRule = rule({ id: 'r-level', trigger: { kind: 'event_level', minLevel: 3 } });
const calm: AlertEvalState = { heightened: false, recent: [] };
const now = atLocalTime('2026-06-10', '15:00');

const post = (over: Partial<Extract<AlertTriggerInput, { kind: 'post_match' }>> = {}): AlertTriggerInput => ({
  kind: 'post_match',
  postId: 'p1',
  title: '城关镇某小区内涝',
  planIds: ['plan-flood', 'plan-other'],
  sentiment: 'negative',
  places: ['城关镇'],
  eventId: 'e1',
  ...over,
});
const levelChange = (previousLevel: number | null, level: number): AlertTriggerInput => ({
  kind: 'event_level',
  eventId: 'e1',
  title: '城关镇内涝',
  previousLevel,
  level,
  reasons: ['负面占比 72%'],
});

describe('post-match rules', () => {
  it('alerts once per event and merges later posts of the event into it', () => {
    const first = evaluate([postRule], post(), calm, now);
    expect(first.create).toHaveLength(1);
    expect(first.create[0]).toMatchObject({ ruleId: 'r-post', dedupeKey: 'r-post|event:e1', level: 2, eventId: 'e1', postId: 'p1', deferred: false });
    const state: AlertEvalState = { heightened: false, recent: [{ alertId: 'a1', dedupeKey: 'r-post|event:e1', createdAt: now.toISOString() }] };
    const later = new Date(now.getTime() + 30 * 60_000);
    expect(evaluate([postRule], post({ postId: 'p2' }), state, later)).toEqual({
      create: [],
      merge: [{ ruleId: 'r-post', dedupeKey: 'r-post|event:e1', alertId: 'a1' }],
    });
    // after the merge window, a new alert
    expect(evaluate([postRule], post({ postId: 'p3' }), state, new Date(now.getTime() + 61 * 60_000)).create).toHaveLength(1);
  });

  it('keys a post without an event by the post', () => {
    expect(evaluate([postRule], post({ eventId: null }), calm, now).create[0]?.dedupeKey).toBe('r-post|post:p1');
  });

  it('does not fire on another plan, sentiment or place', () => {
    expect(evaluate([postRule], post({ planIds: ['plan-other'] }), calm, now).create).toEqual([]);
    expect(evaluate([postRule], post({ sentiment: 'neutral' }), calm, now).create).toEqual([]);
    expect(evaluate([postRule], post({ places: ['东山乡'] }), calm, now).create).toEqual([]);
    expect(evaluate([{ ...postRule, enabled: false }], post(), calm, now).create).toEqual([]);
  });
});

describe('event-level rules', () => {
  it('alerts once per event per level change, when the level rises to the threshold', () => {
    expect(evaluate([levelRule], levelChange(4, 3), calm, now).create[0]).toMatchObject({
      dedupeKey: 'r-level|event:e1|level:3',
      level: 3,
      title: '事件预警由Ⅳ级调整为Ⅲ级：城关镇内涝',
    });
    expect(evaluate([levelRule], levelChange(3, 2), calm, now).create[0]?.dedupeKey).toBe('r-level|event:e1|level:2');
    expect(evaluate([levelRule], levelChange(null, 4), calm, now).create).toEqual([]);
    expect(evaluate([levelRule], levelChange(2, 3), calm, now).create).toEqual([]); // lowered
    expect(evaluate([levelRule], levelChange(3, 3), calm, now).create).toEqual([]);
    const anyChange = { ...levelRule, trigger: { kind: 'event_level' as const, minLevel: 3, onRaiseOnly: false } };
    expect(evaluate([anyChange], levelChange(2, 3), calm, now).create).toHaveLength(1);
  });

  it('heightened mode sends every level at once', () => {
    const heightened: AlertEvalState = { heightened: true, recent: [] };
    expect(evaluate([levelRule], levelChange(null, 4), heightened, now).create[0]).toMatchObject({ level: 4, deferred: false });
  });

  it('merges a repeated level report within the window', () => {
    const state: AlertEvalState = { heightened: false, recent: [{ alertId: 'a9', dedupeKey: 'r-level|event:e1|level:3', createdAt: now.toISOString() }] };
    expect(evaluate([levelRule], levelChange(4, 3), state, new Date(now.getTime() + 60_000))).toMatchObject({ create: [], merge: [{ alertId: 'a9' }] });
  });
});

describe('quiet hours', () => {
  const quietRule = rule({
    id: 'r-quiet',
    trigger: { kind: 'event_level', minLevel: 4, onRaiseOnly: false },
    quietHours: { start: '22:00', end: '07:00', levels: [3, 4] },
  });

  it('defers low levels to the end of the night, never drops them', () => {
    const night = atLocalTime('2026-06-10', '23:30');
    const d = evaluate([quietRule], levelChange(null, 4), calm, night).create[0];
    expect(d).toMatchObject({ deferred: true, deliverAt: atLocalTime('2026-06-11', '07:00').toISOString(), createdAt: night.toISOString() });
    const early = evaluate([quietRule], levelChange(null, 3), calm, atLocalTime('2026-06-11', '06:10')).create[0];
    expect(early?.deliverAt).toBe(atLocalTime('2026-06-11', '07:00').toISOString());
  });

  it('sends high levels, daytime alerts and heightened-mode alerts at once', () => {
    const night = atLocalTime('2026-06-10', '23:30');
    expect(evaluate([quietRule], levelChange(3, 2), calm, night).create[0]).toMatchObject({ deferred: false, deliverAt: night.toISOString() });
    expect(evaluate([quietRule], levelChange(null, 4), calm, now).create[0]?.deferred).toBe(false);
    expect(evaluate([quietRule], levelChange(null, 4), { heightened: true, recent: [] }, night).create[0]?.deferred).toBe(false);
  });

  it('handles windows that do not cross midnight, in the office time zone', () => {
    expect(quietUntil({ start: '12:00', end: '14:00' }, atLocalTime('2026-06-10', '13:00'), 'Asia/Shanghai')?.toISOString()).toBe(
      atLocalTime('2026-06-10', '14:00').toISOString(),
    );
    expect(quietUntil({ start: '12:00', end: '14:00' }, atLocalTime('2026-06-10', '14:00'), 'Asia/Shanghai')).toBeNull();
    expect(AlertRuleSchema.safeParse({ id: 'x', name: 'x', level: 3, trigger: { kind: 'burst' }, quietHours: { start: '08:00', end: '08:00' } }).success).toBe(false);
  });
});

describe('burst and source-outage rules', () => {
  const burst = rule({ id: 'r-burst', level: 2, trigger: { kind: 'burst', minScore: 3 } });
  const outage = rule({ id: 'r-out', level: 3, trigger: { kind: 'source_outage', minDownMinutes: 60 } });

  it('fires a burst above the score, one per event', () => {
    expect(evaluate([burst], { kind: 'burst', title: '内涝', score: 2.5, eventId: 'e1' }, calm, now).create).toEqual([]);
    expect(evaluate([burst], { kind: 'burst', title: '内涝', score: 4.2, eventId: 'e1' }, calm, now).create[0]).toMatchObject({
      dedupeKey: 'r-burst|burst:event:e1',
      level: 2,
      title: '信息量突增：内涝',
    });
  });

  it('fires an outage once it lasts long enough, once per outage', () => {
    const trig = (downSince: Date): AlertTriggerInput => ({ kind: 'source_outage', sourceId: 's1', sourceName: '县论坛', downSince: downSince.toISOString() });
    expect(evaluate([outage], trig(new Date(now.getTime() - 30 * 60_000)), calm, now).create).toEqual([]);
    const d = evaluate([outage], trig(new Date(now.getTime() - 90 * 60_000)), calm, now).create[0];
    expect(d?.dedupeKey).toBe(`r-out|source:s1|since:${new Date(now.getTime() - 90 * 60_000).toISOString()}`);
  });

  it('evaluates several rules independently and validates the trigger', () => {
    const r = evaluate([postRule, rule({ id: 'r-any', trigger: { kind: 'post_match' } })], post(), calm, now);
    expect(r.create.map((d) => d.ruleId)).toEqual(['r-post', 'r-any']);
    expect(() => evaluate([postRule], { kind: 'post_match' } as AlertTriggerInput, calm, now)).toThrow();
  });
});
