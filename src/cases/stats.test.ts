import { describe, expect, it } from 'vitest';
import type { CaseActionInput } from './case-actions.ts';
import type { Actor, CaseState } from './case-model.ts';
import { createWorkCalendar } from './calendar.ts';
import { computeDeadlines, defaultDeadlinePolicy } from './deadlines.ts';
import { decide, registerCase, type DecideOptions } from './state-machine.ts';
import { computeCaseStats, type StatsTransition } from './stats.ts';
import { atLocalTime } from './zoned-time.ts';

const duty: Actor = { userId: 'd', role: 'duty_officer' };
const leader: Actor = { userId: 'l', role: 'leader' };
const liaison = (unitId: string): Actor => ({ userId: `liaison-${unitId}`, role: 'unit_liaison', unitId });
const cal = createWorkCalendar();
const options: DecideOptions = { deadlinesFor: (s) => computeDeadlines(s, defaultDeadlinePolicy(), cal) };
const at = (date: string, time: string): Date => atLocalTime(date, time);

const cases: CaseState[] = [];
const transitions: StatsTransition[] = [];

function run(id: string, start: Date, steps: Array<[CaseActionInput, Actor, Date]>): void {
  const reg = registerCase({ id, number: `YQ-2026-${id}` }, duty, start, options);
  if (!reg.ok) throw new Error(reg.message);
  let s = reg.next;
  for (const [action, actor, when] of steps) {
    const r = decide(s, action, actor, when, options);
    if (!r.ok) throw new Error(`${id} ${action.type}: ${r.message}`);
    s = r.next;
    transitions.push({ caseId: id, action: r.transition.action, at: r.transition.at, payload: r.transition.payload });
  }
  cases.push(s);
}

const assess = (level: number, verified = true): CaseActionInput => ({ type: 'assess', verified, level, category: '城市管理' });
const assign = (unit: string): CaseActionInput => ({ type: 'assign', leadUnitId: unit, coUnitIds: [] });
const progress: CaseActionInput = { type: 'progress', note: '已核查' };
const reply = (unit: string, publishedAt: Date): CaseActionInput => ({
  type: 'reply',
  channel: 'message_board',
  text: '已处理',
  publishedAt: publishedAt.toISOString(),
  replierUnitId: unit,
});
const feedback = (result: 'satisfied' | 'basically_satisfied' | 'unsatisfied'): CaseActionInput => ({ type: 'feedback', result });

// March 2026; level Ⅲ: reply within 5 working days, level Ⅱ: 3 working days
run('c1', at('2026-03-02', '09:00'), [
  [assess(3), duty, at('2026-03-02', '09:10')],
  [assign('u1'), duty, at('2026-03-02', '09:20')],
  [progress, liaison('u1'), at('2026-03-02', '10:00')],
  [reply('u1', at('2026-03-04', '10:00')), liaison('u1'), at('2026-03-04', '10:00')],
  [feedback('satisfied'), duty, at('2026-03-05', '10:00')],
  [{ type: 'close' }, duty, at('2026-03-05', '11:00')],
]);
run('c2', at('2026-03-02', '09:00'), [
  [assess(2), duty, at('2026-03-02', '09:10')],
  [{ type: 'instruct', text: '请抓紧办理' }, leader, at('2026-03-02', '09:15')],
  [assign('u2'), duty, at('2026-03-02', '09:20')],
  [reply('u2', at('2026-03-10', '10:00')), liaison('u2'), at('2026-03-10', '10:00')], // due 5 Mar 18:00
  [feedback('basically_satisfied'), duty, at('2026-03-11', '10:00')],
]);
run('c3', at('2026-03-03', '09:00'), [
  [assess(3), duty, at('2026-03-03', '09:10')],
  [assign('u1'), duty, at('2026-03-03', '09:20')],
  [reply('u1', at('2026-03-05', '10:00')), liaison('u1'), at('2026-03-05', '10:00')],
  [feedback('unsatisfied'), duty, at('2026-03-06', '10:00')],
  [reply('u1', at('2026-03-09', '10:00')), liaison('u1'), at('2026-03-09', '10:00')],
  [feedback('satisfied'), duty, at('2026-03-10', '10:00')],
]);
run('c4', at('2026-03-02', '12:00'), [
  [assess(3), duty, at('2026-03-02', '12:10')],
  [assign('u1'), duty, at('2026-03-02', '12:20')],
]);
run('c5', at('2026-03-02', '13:00'), [[{ type: 'merge', targetCaseId: 'c1' }, duty, at('2026-03-02', '13:10')]]);
run('c6', at('2026-02-26', '09:00'), [[assess(3), duty, at('2026-02-26', '09:10')]]);
run('c7', at('2026-03-04', '09:00'), [
  [assess(4, false), duty, at('2026-03-04', '09:10')],
  [{ type: 'close', note: '经核实不属实' }, duty, at('2026-03-04', '11:00')],
]);

const from = at('2026-03-01', '00:00');
const to = at('2026-04-01', '00:00');
const now = at('2026-03-20', '12:00');

describe('ledger statistics', () => {
  it('computes the office numbers for the month', () => {
    const s = computeCaseStats({ cases, transitions, from, to, now, itemsCollected: 1234 });
    expect(s.itemsCollected).toBe(1234);
    expect(s.casesOpened).toBe(5); // c1 c2 c3 c4 c7 (c5 merged, c6 in February)
    expect(s.handled).toBe(4);
    expect(s.handlingRate).toBeCloseTo(0.8);
    // decided: c1 on time, c2 late, c3 on time (first reply), c4 overdue; c7 closed without reply is left out
    expect([s.onTime, s.onTimeDecided]).toEqual([2, 4]);
    expect(s.onTimeRate).toBe(0.5);
    // latest feedback per case: c1 satisfied, c2 basically, c3 satisfied (after an unsatisfied round)
    expect(s.feedback).toEqual({ count: 3, satisfied: 2, basicallySatisfied: 1, unsatisfied: 0 });
    expect(s.satisfactionRate).toBe(1);
    // first responses: c1 60 min, c2 (reply) 8 days + 1 h, c3 2 days + 1 h
    expect(s.avgFirstResponseMinutes).toBeCloseTo((60 + (8 * 1440 + 60) + (2 * 1440 + 60)) / 3, 1);
    expect(s.avgReplyMinutes).toBeCloseTo((2 * 1440 + 60 + (8 * 1440 + 60) + (2 * 1440 + 60)) / 3, 1);
    expect(s.overdue.map((o) => `${o.caseId}:${o.deadline}:${o.doneAt ? 'late' : 'open'}`).sort()).toEqual([
      'c2:first_response:late',
      'c2:reply:late',
      'c3:first_response:late', // level Ⅲ: first response due the next working day at 18:00
      'c4:first_response:open',
      'c4:reply:open',
    ]);
    const c2 = s.overdue.find((o) => o.caseId === 'c2' && o.deadline === 'reply');
    expect(c2?.dueAt).toBe(at('2026-03-05', '18:00').toISOString());
  });

  it('filters by unit, including units a case was once assigned to', () => {
    const u1 = computeCaseStats({ cases, transitions, from, to, now, unitId: 'u1' });
    expect(u1.casesOpened).toBe(3);
    expect(u1.onTimeRate).toBeCloseTo(2 / 3);
    const u2 = computeCaseStats({ cases, transitions, from, to, now, unitId: 'u2' });
    expect([u2.casesOpened, u2.onTime, u2.satisfactionRate]).toEqual([1, 0, 1]);
  });

  it('judges a past period as it stood at its end', () => {
    const s = computeCaseStats({ cases, transitions, from, to: at('2026-03-07', '00:00'), now });
    expect(s.casesOpened).toBe(5);
    // c2's reply on 10 Mar is after the period: not handled then, already late
    expect(s.handled).toBe(3);
    expect(s.feedback).toEqual({ count: 2, satisfied: 1, basicallySatisfied: 0, unsatisfied: 1 });
    expect(s.satisfactionRate).toBe(0.5);
  });

  it('gives null rates for an empty period', () => {
    const s = computeCaseStats({ cases, transitions, from: at('2025-01-01', '00:00'), to: at('2025-02-01', '00:00'), now });
    expect(s).toMatchObject({ casesOpened: 0, handlingRate: null, onTimeRate: null, satisfactionRate: null, overdue: [] });
  });
});
