/**
 * Who may do what, in which status: the single table the state machine, the API and the web app read.
 *
 * A unit liaison (责任单位联络员) only ever acts on cases where their unit is the lead unit or a co-unit, and
 * for `reply` and `return` only as the lead unit. "Coordinators" (duty officer, leader, admin) assign and close;
 * only a leader gives instructions (批示); only a leader or an admin reopens a closed case.
 */
import type { CaseActionType } from './case-actions.ts';
import type { CaseStatus, Role } from './case-model.ts';

/** `lead`: a liaison must belong to the lead unit; `member`: lead unit or a co-unit. */
export type LiaisonScope = 'lead' | 'member';

export interface TransitionRule {
  /** Target status; `null` keeps the status; `'payload'` means the payload chooses (reopen/feedback). */
  to: CaseStatus | null | 'payload';
  roles: readonly Role[];
  liaisonScope?: LiaisonScope;
}

const COORDINATORS: readonly Role[] = ['admin', 'duty_officer', 'leader'];
const ASSESSORS: readonly Role[] = ['admin', 'analyst', 'duty_officer', 'leader'];
const HANDLERS: readonly Role[] = ['admin', 'duty_officer', 'unit_liaison'];
const LEADER: readonly Role[] = ['leader'];

const instruct: TransitionRule = { to: null, roles: LEADER };
const merge: TransitionRule = { to: 'merged', roles: ASSESSORS };
const progress: TransitionRule = { to: 'in_progress', roles: HANDLERS, liaisonScope: 'member' };
const reply: TransitionRule = { to: 'replied', roles: HANDLERS, liaisonScope: 'lead' };
const unitReturn: TransitionRule = { to: 'returned', roles: ['unit_liaison'], liaisonScope: 'lead' };
const reassign: TransitionRule = { to: 'assigned', roles: COORDINATORS };

export const TRANSITIONS: Readonly<Record<CaseStatus, Partial<Record<CaseActionType, TransitionRule>>>> = {
  registered: {
    assess: { to: 'assessed', roles: ASSESSORS },
    merge,
  },
  assessed: {
    assess: { to: 'assessed', roles: ASSESSORS },
    instruct: { to: 'instructed', roles: LEADER },
    assign: { to: 'assigned', roles: COORDINATORS },
    // only when the assessment found the report not verified (不属实, nothing to handle)
    close: { to: 'closed', roles: COORDINATORS },
    merge,
  },
  instructed: {
    instruct,
    assign: { to: 'assigned', roles: COORDINATORS },
    merge,
  },
  assigned: { instruct, progress, reply, return: unitReturn, reassign, merge },
  in_progress: { instruct, progress, reply, return: unitReturn, reassign, merge },
  returned: { instruct, reassign, merge },
  replied: {
    instruct,
    reply: { to: null, roles: HANDLERS, liaisonScope: 'lead' },
    feedback: { to: 'payload', roles: ['admin', 'duty_officer'] },
    close: { to: 'closed', roles: COORDINATORS },
  },
  feedback: {
    instruct,
    close: { to: 'closed', roles: COORDINATORS },
    reopen: { to: 'payload', roles: COORDINATORS },
  },
  closed: {
    reopen: { to: 'payload', roles: ['admin', 'leader'] },
  },
  merged: {},
};

/** The rule for `action` in `status`, if the action exists there at all. */
export function transitionRule(status: CaseStatus, action: CaseActionType): TransitionRule | undefined {
  return TRANSITIONS[status][action];
}
