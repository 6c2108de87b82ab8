/**
 * The pure case state machine. `decide(state, action, actor, now)` says whether `actor` may apply `action` to the
 * case now and, if so, returns the next state and the transition record to append; it never reads a clock or a
 * database. `allowedActions` lists what an actor may do now (for the UI's buttons).
 *
 * Checks, in order: the actor's unit scope (a liaison outside the case's units → TF_ERR_FORBIDDEN, revealing
 * nothing about the case), the payload (TF_ERR_VALIDATION), whether the action exists in this status
 * (TF_ERR_INVALID_TRANSITION), the role table (TF_ERR_FORBIDDEN), then state guards (TF_ERR_INVALID_TRANSITION).
 */
import { CaseActionSchema, CASE_ACTION_TYPES, type CaseAction, type CaseActionInput, type CaseActionType } from './case-actions.ts';
import { ActorSchema, caseError, newCaseState, type Actor, type CaseError, type CaseState, type CaseStatus } from './case-model.ts';
import { transitionRule, type TransitionRule } from './case-permissions.ts';
import type { CaseDeadlines, DeadlineSubject } from './deadlines.ts';
import { applyAction } from './case-effects.ts';

export interface DecideOptions {
  /** Cases of this level or more severe need a leader's instruction (批示) before assignment. Default 2 (Ⅰ, Ⅱ); 0 = never. */
  instructionRequiredUpToLevel?: number;
  /** Deadline calculator (e.g. `computeDeadlines` bound to the policy and calendar); without it deadlines stay as they are. */
  deadlinesFor?: (subject: DeadlineSubject & { registeredAt: Date }) => CaseDeadlines;
}

export interface CaseTransition {
  from: CaseStatus | null;
  to: CaseStatus;
  action: CaseActionType | 'register';
  actor: Actor;
  at: string;
  payload: CaseAction | { type: 'register' };
}

export type DecideResult = { ok: true; next: CaseState; transition: CaseTransition } | CaseError;

const LEVEL_NAMES = ['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'];

function isMember(state: CaseState, unitId: string): boolean {
  return state.leadUnitId === unitId || state.coUnitIds.includes(unitId);
}

function scopeError(state: CaseState, actor: Actor): CaseError | null {
  if (actor.role !== 'unit_liaison') return null;
  if (!actor.unitId) return caseError('TF_ERR_FORBIDDEN', 'a unit liaison account must be bound to a unit');
  if (!isMember(state, actor.unitId)) {
    return caseError('TF_ERR_FORBIDDEN', 'this case is not assigned to your unit');
  }
  return null;
}

function stateGuard(state: CaseState, type: CaseActionType, options: DecideOptions): CaseError | null {
  if (state.status === 'assessed' && type === 'close' && state.verified !== false) {
    return caseError('TF_ERR_INVALID_TRANSITION', 'only a case assessed as not verified can be closed before assignment');
  }
  const upTo = options.instructionRequiredUpToLevel ?? 2;
  if (state.status === 'assessed' && type === 'assign' && state.level !== null && state.level <= upTo) {
    return caseError(
      'TF_ERR_INVALID_TRANSITION',
      `a level ${LEVEL_NAMES[state.level]} case needs a leader's instruction (批示) before it is assigned`,
    );
  }
  return null;
}

function accessCheck(
  state: CaseState,
  type: CaseActionType,
  actor: Actor,
  options: DecideOptions,
): { ok: true; rule: TransitionRule } | CaseError {
  const rule = transitionRule(state.status, type);
  if (!rule) {
    return caseError('TF_ERR_INVALID_TRANSITION', `cannot ${type} a case in status ${state.status}`);
  }
  if (!rule.roles.includes(actor.role)) {
    return caseError('TF_ERR_FORBIDDEN', `role ${actor.role} may not ${type} a case in status ${state.status}`);
  }
  if (actor.role === 'unit_liaison' && rule.liaisonScope === 'lead' && state.leadUnitId !== actor.unitId) {
    return caseError('TF_ERR_FORBIDDEN', `only the lead unit may ${type} this case`);
  }
  return stateGuard(state, type, options) ?? { ok: true, rule };
}

function payloadGuard(state: CaseState, action: CaseAction, actor: Actor): CaseError | null {
  if (action.type === 'reply' && actor.role === 'unit_liaison' && action.replierUnitId !== actor.unitId) {
    return caseError('TF_ERR_FORBIDDEN', 'a unit liaison may only reply in the name of their own unit');
  }
  if (action.type === 'merge' && action.targetCaseId === state.id) {
    return caseError('TF_ERR_VALIDATION', 'a case cannot be merged into itself');
  }
  if (action.type === 'assign' || action.type === 'reassign') {
    const fr = action.firstResponseDueAt ? Date.parse(action.firstResponseDueAt) : null;
    const rp = action.replyDueAt ? Date.parse(action.replyDueAt) : null;
    const created = Date.parse(state.createdAt);
    if ((fr !== null && fr <= created) || (rp !== null && rp <= created)) {
      return caseError('TF_ERR_VALIDATION', 'deadline overrides must be after the case was registered');
    }
    if (fr !== null && rp !== null && rp < fr) {
      return caseError('TF_ERR_VALIDATION', 'replyDueAt must not be before firstResponseDueAt');
    }
  }
  return null;
}

/** Decides one action. Pure: same inputs, same answer. */
export function decide(
  state: CaseState,
  action: CaseActionInput,
  actor: Actor,
  now: Date,
  options: DecideOptions = {},
): DecideResult {
  const actorParsed = ActorSchema.safeParse(actor);
  if (!actorParsed.success) return caseError('TF_ERR_FORBIDDEN', 'unknown actor or role');
  const who = actorParsed.data;
  const scope = scopeError(state, who);
  if (scope) return scope;
  const parsed = CaseActionSchema.safeParse(action);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return caseError('TF_ERR_VALIDATION', `${issue?.path.join('.') || 'action'}: ${issue?.message ?? 'invalid'}`);
  }
  const act = parsed.data;
  const access = accessCheck(state, act.type, who, options);
  if (!access.ok) return access;
  const payloadError = payloadGuard(state, act, who);
  if (payloadError) return payloadError;
  const at = now.toISOString();
  const next = applyAction(state, act, access.rule, at, options.deadlinesFor);
  return { ok: true, next, transition: { from: state.status, to: next.status, action: act.type, actor: who, at, payload: act } };
}

/** The actions `actor` may take on the case now (payload not considered). */
export function allowedActions(state: CaseState, actor: Actor, options: DecideOptions = {}): CaseActionType[] {
  const parsed = ActorSchema.safeParse(actor);
  if (!parsed.success || scopeError(state, parsed.data)) return [];
  return CASE_ACTION_TYPES.filter((type) => accessCheck(state, type, parsed.data, options).ok);
}

/** Roles that may register (登记) a case. */
export const REGISTER_ROLES = ['admin', 'analyst', 'duty_officer', 'leader'] as const;

/** Registers a new case (status `registered`), with fallback deadlines when a calculator is given. */
export function registerCase(
  input: { id: string; number: string },
  actor: Actor,
  now: Date,
  options: DecideOptions = {},
): DecideResult {
  if (!(REGISTER_ROLES as readonly string[]).includes(actor.role)) {
    return caseError('TF_ERR_FORBIDDEN', `role ${actor.role} may not register cases`);
  }
  let state = newCaseState({ id: input.id, number: input.number, createdBy: actor.userId, at: now });
  if (options.deadlinesFor) {
    state = { ...state, ...options.deadlinesFor({ level: null, category: null, registeredAt: now }) };
  }
  return {
    ok: true,
    next: state,
    transition: { from: null, to: 'registered', action: 'register', actor, at: state.createdAt, payload: { type: 'register' } },
  };
}
