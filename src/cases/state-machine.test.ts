import { describe, expect, it } from 'vitest';
import type { CaseActionInput, CaseActionType } from './case-actions.ts';
import { CASE_STATUSES, newCaseState, type Actor, type CaseState, type CaseStatus, type Role } from './case-model.ts';
import { createWorkCalendar } from './calendar.ts';
import { computeDeadlines, defaultDeadlinePolicy } from './deadlines.ts';
import { allowedActions, decide, registerCase, type DecideOptions } from './state-machine.ts';
import { atLocalTime } from './zoned-time.ts';

const NOW = new Date('2026-03-02T02:00:00.000Z');

const PAYLOADS: Record<CaseActionType, CaseActionInput> = {
  assess: { type: 'assess', verified: true, level: 3, category: '城市管理' },
  instruct: { type: 'instruct', text: '请县城管局立即核实处置，及时回应群众关切。' },
  assign: { type: 'assign', leadUnitId: 'u1', coUnitIds: ['u2'] },
  reassign: { type: 'reassign', leadUnitId: 'u1', coUnitIds: ['u2'], reason: '调整承办单位' },
  progress: { type: 'progress', note: '已派员现场核查' },
  reply: {
    type: 'reply',
    channel: 'message_board',
    text: '您好，您反映的问题已处理。',
    publishedAt: '2026-03-02T01:00:00Z',
    replierUnitId: 'u1',
  },
  feedback: { type: 'feedback', result: 'satisfied' },
  close: { type: 'close' },
  return: { type: 'return', reason: '不属于本单位职责' },
  reopen: { type: 'reopen', reason: '群众再次反映', to: 'in_progress' },
  merge: { type: 'merge', targetCaseId: 'c-other' },
};

const replyAs = (replierUnitId: string): CaseActionInput => ({
  ...(PAYLOADS.reply as Extract<CaseActionInput, { type: 'reply' }>),
  replierUnitId,
});

const ACTORS: Record<string, Actor> = {
  a: { userId: 'admin1', role: 'admin' },
  n: { userId: 'analyst1', role: 'analyst' },
  d: { userId: 'duty1', role: 'duty_officer' },
  l: { userId: 'leader1', role: 'leader' },
  u: { userId: 'liaison1', role: 'unit_liaison', unitId: 'u1' },
};

/**
 * The specification, written out by hand: for each status, the actions that exist there, the roles allowed
 * (a admin, n analyst, d duty officer, l leader, u liaison of the lead unit) and the resulting status.
 * Anything not listed is an invalid transition for every role.
 */
const SPEC: Record<CaseStatus, Partial<Record<CaseActionType, [string, CaseStatus]>>> = {
  registered: { assess: ['andl', 'assessed'], merge: ['andl', 'merged'] },
  assessed: {
    assess: ['andl', 'assessed'],
    instruct: ['l', 'instructed'],
    assign: ['adl', 'assigned'],
    close: ['adl', 'closed'],
    merge: ['andl', 'merged'],
  },
  instructed: { instruct: ['l', 'instructed'], assign: ['adl', 'assigned'], merge: ['andl', 'merged'] },
  assigned: {
    instruct: ['l', 'assigned'],
    progress: ['adu', 'in_progress'],
    reply: ['adu', 'replied'],
    return: ['u', 'returned'],
    reassign: ['adl', 'assigned'],
    merge: ['andl', 'merged'],
  },
  in_progress: {
    instruct: ['l', 'in_progress'],
    progress: ['adu', 'in_progress'],
    reply: ['adu', 'replied'],
    return: ['u', 'returned'],
    reassign: ['adl', 'assigned'],
    merge: ['andl', 'merged'],
  },
  returned: { instruct: ['l', 'returned'], reassign: ['adl', 'assigned'], merge: ['andl', 'merged'] },
  replied: {
    instruct: ['l', 'replied'],
    reply: ['adu', 'replied'],
    feedback: ['ad', 'feedback'],
    close: ['adl', 'closed'],
  },
  feedback: { instruct: ['l', 'feedback'], close: ['adl', 'closed'], reopen: ['adl', 'in_progress'] },
  closed: { reopen: ['al', 'in_progress'] },
  merged: {},
};

function caseIn(status: CaseStatus, patch: Partial<CaseState> = {}): CaseState {
  return {
    ...newCaseState({ id: 'c1', number: 'YQ-2026-000001', createdBy: 'duty1', at: new Date('2026-03-01T00:00:00Z') }),
    status,
    verified: status === 'assessed' ? false : true,
    level: status === 'registered' ? null : 3,
    category: status === 'registered' ? null : '城市管理',
    leadUnitId: 'u1',
    coUnitIds: ['u2'],
    ...patch,
  };
}

const ACTIONS = Object.keys(PAYLOADS) as CaseActionType[];

describe('every transition by every role', () => {
  for (const status of CASE_STATUSES) {
    for (const action of ACTIONS) {
      for (const [letter, actor] of Object.entries(ACTORS)) {
        const spec = SPEC[status][action];
        const expected = !spec ? 'TF_ERR_INVALID_TRANSITION' : spec[0].includes(letter) ? spec[1] : 'TF_ERR_FORBIDDEN';
        it(`${status} · ${action} · ${actor.role} → ${expected}`, () => {
          const r = decide(caseIn(status), PAYLOADS[action], actor, NOW);
          if (r.ok) {
            expect(r.next.status).toBe(expected);
            expect(r.transition).toMatchObject({ from: status, to: expected, action, actor, at: NOW.toISOString() });
          } else {
            expect(r.code).toBe(expected);
            expect(r.message.length).toBeGreaterThan(5);
          }
          const listed = allowedActions(caseIn(status), actor).includes(action);
          expect(listed).toBe(r.ok);
        });
      }
    }
  }
});

describe('unit liaison scope', () => {
  const other: Actor = { userId: 'x', role: 'unit_liaison', unitId: 'u9' };
  const co: Actor = { userId: 'y', role: 'unit_liaison', unitId: 'u2' };

  it('a liaison of another unit is forbidden everything, in every status', () => {
    for (const status of CASE_STATUSES) {
      for (const action of ACTIONS) {
        const r = decide(caseIn(status), PAYLOADS[action], other, NOW);
        expect(r.ok ? 'ok' : r.code, `${status}/${action}`).toBe('TF_ERR_FORBIDDEN');
      }
      expect(allowedActions(caseIn(status), other)).toEqual([]);
    }
  });

  it('a liaison without a unit is forbidden', () => {
    const r = decide(caseIn('assigned'), PAYLOADS.progress, { userId: 'z', role: 'unit_liaison' }, NOW);
    expect(r).toMatchObject({ ok: false, code: 'TF_ERR_FORBIDDEN' });
  });

  it('a co-unit liaison adds progress notes but neither replies nor returns', () => {
    expect(decide(caseIn('assigned'), PAYLOADS.progress, co, NOW).ok).toBe(true);
    expect(decide(caseIn('assigned'), replyAs('u2'), co, NOW)).toMatchObject({ code: 'TF_ERR_FORBIDDEN' });
    expect(decide(caseIn('in_progress'), PAYLOADS.return, co, NOW)).toMatchObject({ code: 'TF_ERR_FORBIDDEN' });
    expect(allowedActions(caseIn('assigned'), co)).toEqual(['progress']);
  });

  it('a lead liaison may only reply in the name of their own unit', () => {
    const r = decide(caseIn('in_progress'), replyAs('u2'), ACTORS.u!, NOW);
    expect(r).toMatchObject({ ok: false, code: 'TF_ERR_FORBIDDEN' });
    // a duty officer records a reply attributed to the unit
    expect(decide(caseIn('in_progress'), replyAs('u2'), ACTORS.d!, NOW).ok).toBe(true);
  });

  it('after returning a case the unit loses it until it is reassigned', () => {
    const r = decide(caseIn('in_progress'), PAYLOADS.return, ACTORS.u!, NOW);
    if (!r.ok) throw new Error(r.message);
    expect(r.next).toMatchObject({ status: 'returned', leadUnitId: null, coUnitIds: [], returnCount: 1 });
    expect(decide(r.next, PAYLOADS.progress, ACTORS.u!, NOW)).toMatchObject({ code: 'TF_ERR_FORBIDDEN' });
    const re = decide(r.next, { type: 'reassign', leadUnitId: 'u3', coUnitIds: ['u3', 'u1'], reason: '改由u3承办' }, ACTORS.d!, NOW);
    if (!re.ok) throw new Error(re.message);
    expect(re.next).toMatchObject({ status: 'assigned', leadUnitId: 'u3', coUnitIds: ['u1'] });
  });
});

describe('guards', () => {
  it('a level Ⅰ or Ⅱ case needs a leader instruction before assignment', () => {
    const s = caseIn('assessed', { level: 1, verified: true });
    const r = decide(s, PAYLOADS.assign, ACTORS.d!, NOW);
    expect(r).toMatchObject({ ok: false, code: 'TF_ERR_INVALID_TRANSITION' });
    expect(r.ok ? '' : r.message).toContain('Ⅰ');
    expect(allowedActions(s, ACTORS.d!)).not.toContain('assign');
    expect(decide(s, PAYLOADS.assign, ACTORS.d!, NOW, { instructionRequiredUpToLevel: 0 }).ok).toBe(true);
    const instructed = decide(s, PAYLOADS.instruct, ACTORS.l!, NOW);
    if (!instructed.ok) throw new Error(instructed.message);
    expect(instructed.next).toMatchObject({ status: 'instructed', instructionCount: 1 });
    expect(decide(instructed.next, PAYLOADS.assign, ACTORS.d!, NOW).ok).toBe(true);
  });

  it('only a case assessed as not verified closes before assignment', () => {
    expect(decide(caseIn('assessed', { verified: true }), PAYLOADS.close, ACTORS.d!, NOW)).toMatchObject({
      code: 'TF_ERR_INVALID_TRANSITION',
    });
    expect(decide(caseIn('assessed', { verified: false }), PAYLOADS.close, ACTORS.d!, NOW).ok).toBe(true);
  });

  it('rejects bad payloads with the field path', () => {
    expect(decide(caseIn('registered'), { ...PAYLOADS.assess, level: 5 } as CaseActionInput, ACTORS.n!, NOW)).toMatchObject({
      code: 'TF_ERR_VALIDATION',
      message: expect.stringContaining('level') as string,
    });
    expect(decide(caseIn('registered'), { type: 'merge', targetCaseId: 'c1' }, ACTORS.n!, NOW)).toMatchObject({ code: 'TF_ERR_VALIDATION' });
    expect(decide(caseIn('assigned'), { ...PAYLOADS.reply, url: 'javascript:alert(1)' } as CaseActionInput, ACTORS.d!, NOW)).toMatchObject({
      code: 'TF_ERR_VALIDATION',
    });
    const early = { ...PAYLOADS.assign, replyDueAt: '2026-02-01T00:00:00Z' } as CaseActionInput;
    expect(decide(caseIn('instructed'), early, ACTORS.d!, NOW)).toMatchObject({ code: 'TF_ERR_VALIDATION' });
    expect(decide(caseIn('instructed'), { type: 'fly' } as unknown as CaseActionInput, ACTORS.d!, NOW)).toMatchObject({ code: 'TF_ERR_VALIDATION' });
    expect(decide(caseIn('instructed'), PAYLOADS.assign, { userId: 'q', role: 'root' as Role }, NOW)).toMatchObject({ code: 'TF_ERR_FORBIDDEN' });
  });
});

describe('feedback and reopening', () => {
  it('unsatisfied feedback reopens to in_progress, or to assigned when asked', () => {
    const a = decide(caseIn('replied'), { type: 'feedback', result: 'unsatisfied' }, ACTORS.d!, NOW);
    expect(a.ok && a.next).toMatchObject({ status: 'in_progress', satisfaction: 'unsatisfied', reopenCount: 1 });
    const b = decide(caseIn('replied'), { type: 'feedback', result: 'unsatisfied', reopenTo: 'assigned' }, ACTORS.d!, NOW);
    expect(b.ok && b.next.status).toBe('assigned');
    const c = decide(caseIn('replied'), { type: 'feedback', result: 'basically_satisfied' }, ACTORS.d!, NOW);
    expect(c.ok && c.next).toMatchObject({ status: 'feedback', satisfaction: 'basically_satisfied' });
  });

  it('a leader reopens a closed case', () => {
    const r = decide(caseIn('closed', { closedAt: NOW.toISOString(), satisfaction: 'satisfied' }), { type: 'reopen', reason: '再次发酵', to: 'assigned' }, ACTORS.l!, NOW);
    expect(r.ok && r.next).toMatchObject({ status: 'assigned', closedAt: null, satisfaction: null, reopenCount: 1 });
  });
});

describe('a whole case with deadlines', () => {
  const cal = createWorkCalendar();
  const policy = defaultDeadlinePolicy();
  const options: DecideOptions = { deadlinesFor: (s) => computeDeadlines(s, policy, cal, 'Asia/Shanghai') };

  it('runs registered → closed and keeps the facts for statistics', () => {
    const t0 = atLocalTime('2026-02-13', '16:00'); // Friday before Spring Festival 2026
    const reg = registerCase({ id: 'c7', number: 'YQ-2026-000007' }, ACTORS.d!, t0, options);
    if (!reg.ok) throw new Error(reg.message);
    expect(reg.transition).toMatchObject({ from: null, to: 'registered', action: 'register' });
    let s = reg.next;
    const step = (action: CaseActionInput, actor: Actor, at: Date): void => {
      const r = decide(s, action, actor, at, options);
      if (!r.ok) throw new Error(`${action.type}: ${r.message}`);
      s = r.next;
    };
    step({ type: 'assess', verified: true, level: 2, category: '安全生产' }, ACTORS.n!, new Date(t0.getTime() + 600_000));
    expect(s.firstResponseDueAt).toBe(new Date(t0.getTime() + 2 * 3_600_000).toISOString());
    // 3 working days: 14 Feb (调休 Saturday), 24, 25 Feb
    expect(s.replyDueAt).toBe(atLocalTime('2026-02-25', '18:00').toISOString());
    step(PAYLOADS.instruct, ACTORS.l!, new Date(t0.getTime() + 1_200_000));
    step({ type: 'assign', leadUnitId: 'u1', coUnitIds: [], replyDueAt: atLocalTime('2026-02-26', '18:00').toISOString() }, ACTORS.d!, new Date(t0.getTime() + 1_800_000));
    expect(s.replyDueAt).toBe(atLocalTime('2026-02-26', '18:00').toISOString());
    const progressAt = new Date(t0.getTime() + 3_600_000);
    step(PAYLOADS.progress, ACTORS.u!, progressAt);
    const replyAt = atLocalTime('2026-02-24', '10:00');
    step(PAYLOADS.reply, ACTORS.u!, replyAt);
    step({ ...PAYLOADS.reply, text: '补充答复' } as CaseActionInput, ACTORS.u!, new Date(replyAt.getTime() + 60_000));
    step({ type: 'feedback', result: 'satisfied' }, ACTORS.d!, atLocalTime('2026-02-25', '09:00'));
    step({ type: 'close' }, ACTORS.d!, atLocalTime('2026-02-25', '10:00'));
    expect(s).toMatchObject({
      status: 'closed',
      firstResponseAt: progressAt.toISOString(),
      repliedAt: replyAt.toISOString(),
      lastRepliedAt: new Date(replyAt.getTime() + 60_000).toISOString(),
      satisfaction: 'satisfied',
      closedAt: atLocalTime('2026-02-25', '10:00').toISOString(),
      leadUnitId: 'u1',
    });
  });

  it('a liaison cannot register a case', () => {
    expect(registerCase({ id: 'c', number: 'n' }, ACTORS.u!, NOW)).toMatchObject({ ok: false, code: 'TF_ERR_FORBIDDEN' });
  });
});
