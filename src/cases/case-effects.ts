/**
 * What an allowed action does to the case state. Called by `decide` after every check passed; pure.
 */
import type { CaseAction } from './case-actions.ts';
import type { CaseState, CaseStatus } from './case-model.ts';
import type { TransitionRule } from './case-permissions.ts';
import type { CaseDeadlines, DeadlineSubject } from './deadlines.ts';

type DeadlinesFor = (subject: DeadlineSubject & { registeredAt: Date }) => CaseDeadlines;

function unitsOf(leadUnitId: string, coUnitIds: readonly string[]): { leadUnitId: string; coUnitIds: string[] } {
  return { leadUnitId, coUnitIds: [...new Set(coUnitIds)].filter((u) => u !== leadUnitId) };
}

function withDeadlines(
  s: CaseState,
  overrides: { firstResponseDueAt?: string; replyDueAt?: string },
  deadlinesFor: DeadlinesFor | undefined,
): CaseState {
  let next = s;
  if (deadlinesFor && (next.firstResponseDueAt === null || next.replyDueAt === null)) {
    next = { ...next, ...deadlinesFor({ level: s.level, category: s.category, registeredAt: new Date(s.createdAt) }) };
  }
  const iso = (v: string | undefined): string | undefined => (v === undefined ? undefined : new Date(v).toISOString());
  return {
    ...next,
    firstResponseDueAt: iso(overrides.firstResponseDueAt) ?? next.firstResponseDueAt,
    replyDueAt: iso(overrides.replyDueAt) ?? next.replyDueAt,
  };
}

export function applyAction(
  state: CaseState,
  action: CaseAction,
  rule: TransitionRule,
  at: string,
  deadlinesFor: DeadlinesFor | undefined,
): CaseState {
  const base: CaseState = { ...state, updatedAt: at };
  const to: CaseStatus = rule.to === null || rule.to === 'payload' ? state.status : rule.to;
  switch (action.type) {
    case 'assess': {
      const assessed = { ...base, status: to, verified: action.verified, level: action.level, category: action.category };
      // the level decides the deadlines: recompute from registration
      return deadlinesFor
        ? { ...assessed, ...deadlinesFor({ level: action.level, category: action.category, registeredAt: new Date(state.createdAt) }) }
        : assessed;
    }
    case 'instruct':
      return { ...base, status: to, instructionCount: state.instructionCount + 1 };
    case 'assign':
    case 'reassign':
      return withDeadlines({ ...base, status: to, ...unitsOf(action.leadUnitId, action.coUnitIds) }, action, deadlinesFor);
    case 'progress':
      return { ...base, status: to, firstResponseAt: state.firstResponseAt ?? at };
    case 'reply':
      return {
        ...base,
        status: to,
        firstResponseAt: state.firstResponseAt ?? at,
        repliedAt: state.repliedAt ?? at,
        lastRepliedAt: at,
      };
    case 'feedback':
      return action.result === 'unsatisfied'
        ? { ...base, status: action.reopenTo, satisfaction: 'unsatisfied', reopenCount: state.reopenCount + 1 }
        : { ...base, status: 'feedback', satisfaction: action.result };
    case 'close':
      return { ...base, status: 'closed', closedAt: at };
    case 'return':
      return { ...base, status: 'returned', leadUnitId: null, coUnitIds: [], returnCount: state.returnCount + 1 };
    case 'reopen':
      return { ...base, status: action.to, closedAt: null, satisfaction: null, reopenCount: state.reopenCount + 1 };
    case 'merge':
      return { ...base, status: 'merged', mergedIntoId: action.targetCaseId };
  }
}
