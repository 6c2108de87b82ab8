import { describe, expect, it } from 'vitest';
import { atLocalTime } from '../cases/zoned-time.ts';
import { applyAlertEvent, initialRecipients, newAlertLifecycle, nextEscalationStep, type AlertLifecycle, type DirectoryUser } from './escalation.ts';
import { RosterSchema } from './roster.ts';
import { AlertRuleSchema, type AlertRuleInput } from './rules.ts';

const sh = (t: string): string => atLocalTime('2026-10-02', t).toISOString();
const roster = RosterSchema.parse({
  defaultLeaderIds: ['u-director'],
  shifts: [{ startsAt: sh('08:30'), endsAt: sh('20:00'), onDuty: ['u-zhang'], escalationChain: ['u-li', 'u-wang'], leaderIds: ['u-qian'] }],
});
const directory: DirectoryUser[] = [
  { userId: 'u-zhang', role: 'duty_officer' },
  { userId: 'u-li', role: 'duty_officer' },
  { userId: 'u-qian', role: 'leader' },
  { userId: 'u-old', role: 'leader', disabled: true },
  { userId: 'u-town', role: 'unit_liaison', unitId: 'unit-town' },
  { userId: 'u-bureau', role: 'unit_liaison', unitId: 'unit-bureau' },
];
const makeRule = (over: Partial<AlertRuleInput> = {}) =>
  AlertRuleSchema.parse({ id: 'r1', name: 'r1', level: 2, trigger: { kind: 'event_level', minLevel: 2 }, ...over });
const doubleRule = makeRule({
  escalation: { doubleReport: { enabled: true, upperOfficeUserIds: ['u-city'], upperOfficeChannelIds: ['ch-city'] } },
});

const t0 = atLocalTime('2026-10-02', '10:00');
const min = (m: number): Date => new Date(t0.getTime() + m * 60_000);

function sent(recipients = ['u-zhang']): AlertLifecycle {
  return applyAlertEvent(newAlertLifecycle('a1', 2, t0), { type: 'sent', userIds: recipients }, t0);
}

describe('initial recipients', () => {
  it('combines the duty roster, roles, unit liaisons and users, without disabled accounts', () => {
    const r = initialRecipients(
      makeRule(),
      { dutyRoster: true, roles: ['leader'], unitIds: ['unit-town'], userIds: ['u-extra'] },
      roster,
      directory,
      t0,
    );
    expect(r.userIds).toEqual(['u-zhang', 'u-qian', 'u-town', 'u-extra']);
    expect(r).toMatchObject({ channelIds: [], doubleReported: false });
    expect(initialRecipients(makeRule(), { dutyRoster: true, roles: [], unitIds: [], userIds: [] }, roster, directory, atLocalTime('2026-10-02', '22:00')).reasons).toContain(
      'nobody on duty at this time',
    );
  });

  it('tells the own leader and the upper office at once with immediate double reporting', () => {
    const rule = makeRule({ escalation: { doubleReport: { enabled: true, immediate: true, upperOfficeUserIds: ['u-city'], upperOfficeChannelIds: ['ch-city'] } } });
    const r = initialRecipients(rule, rule.recipients, roster, directory, t0);
    expect(r).toMatchObject({ userIds: ['u-zhang', 'u-qian', 'u-city'], channelIds: ['ch-city'], doubleReported: true });
  });
});

describe('escalation chain', () => {
  it('walks the chain one person at a time, then the leader with the upper office (双重报告)', () => {
    let a = sent();
    expect(nextEscalationStep(a, doubleRule, roster, min(5))).toEqual({ kind: 'wait', until: min(10).toISOString() });
    const s1 = nextEscalationStep(a, doubleRule, roster, min(10));
    expect(s1).toMatchObject({ kind: 'escalate', step: 1, userIds: ['u-li'], doubleReport: false });
    if (s1.kind !== 'escalate') throw new Error('expected escalation');
    a = applyAlertEvent(a, { type: 'escalated', step: s1.step, userIds: s1.userIds, doubleReport: s1.doubleReport }, min(10));
    expect(a.status).toBe('escalated');
    expect(nextEscalationStep(a, doubleRule, roster, min(19))).toMatchObject({ kind: 'wait', until: min(20).toISOString() });
    const s2 = nextEscalationStep(a, doubleRule, roster, min(20));
    expect(s2).toMatchObject({ step: 2, userIds: ['u-wang'] });
    if (s2.kind !== 'escalate') throw new Error('expected escalation');
    a = applyAlertEvent(a, { type: 'escalated', step: 2, userIds: s2.userIds, doubleReport: false }, min(20));
    const s3 = nextEscalationStep(a, doubleRule, roster, min(31));
    expect(s3).toMatchObject({ kind: 'escalate', step: 3, userIds: ['u-qian', 'u-city'], channelIds: ['ch-city'], doubleReport: true });
    expect(s3.kind === 'escalate' && s3.reason).toContain('双重报告');
    if (s3.kind !== 'escalate') throw new Error('expected escalation');
    a = applyAlertEvent(a, { type: 'escalated', step: 3, userIds: s3.userIds, doubleReport: true }, min(31));
    expect(a).toMatchObject({ escalationStep: 3, doubleReported: true, notifiedUserIds: ['u-zhang', 'u-li', 'u-wang', 'u-qian', 'u-city'] });
    expect(nextEscalationStep(a, doubleRule, roster, min(60))).toEqual({ kind: 'none', reason: 'exhausted' });
  });

  it('goes to the leader alone without double reporting, and uses the rule’s timeout', () => {
    const rule = makeRule({ escalation: { ackTimeoutMinutes: 3 } });
    let a = sent(['u-zhang', 'u-li', 'u-wang']);
    expect(nextEscalationStep(a, rule, roster, min(2))).toMatchObject({ kind: 'wait' });
    const s = nextEscalationStep(a, rule, roster, min(3));
    expect(s).toMatchObject({ kind: 'escalate', step: 1, userIds: ['u-qian'], channelIds: [], doubleReport: false });
    a = applyAlertEvent(a, { type: 'escalated', step: 1, userIds: ['u-qian'], doubleReport: false }, min(3));
    expect(nextEscalationStep(a, rule, roster, min(10))).toEqual({ kind: 'none', reason: 'exhausted' });
  });

  it('uses the default leader when the shift names none, and the shift of the alert’s time', () => {
    const noLeader = RosterSchema.parse({ ...roster, shifts: [{ ...roster.shifts[0]!, leaderIds: [], escalationChain: [] }] });
    expect(nextEscalationStep(sent(), makeRule(), noLeader, min(10))).toMatchObject({ userIds: ['u-director'] });
  });

  it('stops when acknowledged, and acknowledgement is final', () => {
    let a = applyAlertEvent(sent(), { type: 'delivered' }, min(1));
    expect(a.status).toBe('delivered');
    a = applyAlertEvent(a, { type: 'acknowledged', userId: 'u-zhang' }, min(4));
    expect(a).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'u-zhang', acknowledgedAt: min(4).toISOString() });
    expect(nextEscalationStep(a, doubleRule, roster, min(30))).toEqual({ kind: 'none', reason: 'acknowledged' });
    expect(applyAlertEvent(a, { type: 'escalated', step: 1, userIds: ['x'], doubleReport: false }, min(31))).toBe(a);
  });

  it('does nothing for an unsent alert or a rule without escalation', () => {
    expect(nextEscalationStep(newAlertLifecycle('a', 1, t0), doubleRule, roster, min(60))).toEqual({ kind: 'none', reason: 'not_sent' });
    expect(nextEscalationStep(sent(), makeRule({ escalation: { enabled: false } }), roster, min(60))).toEqual({ kind: 'none', reason: 'disabled' });
  });

  it('a failed delivery still escalates when nobody acknowledges', () => {
    const a = applyAlertEvent(sent(), { type: 'failed' }, min(0));
    expect(a.status).toBe('failed');
    expect(nextEscalationStep(a, doubleRule, roster, min(10))).toMatchObject({ kind: 'escalate', userIds: ['u-li'] });
  });
});
