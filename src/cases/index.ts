/**
 * Public API of the case ledger domain (台账): pure functions and zod schemas; the services wire them to the
 * store and routes.
 */
export * from './case-model.ts';
export * from './case-actions.ts';
export { TRANSITIONS, transitionRule, type TransitionRule, type LiaisonScope } from './case-permissions.ts';
export {
  decide,
  allowedActions,
  registerCase,
  REGISTER_ROLES,
  type DecideOptions,
  type DecideResult,
  type CaseTransition,
} from './state-machine.ts';
export * from './calendar.ts';
export * from './deadlines.ts';
export * from './numbering.ts';
export * from './stats.ts';
export * from './follow-up.ts';
export {
  DEFAULT_TIME_ZONE,
  localDate,
  localTime,
  localParts,
  atLocalTime,
  zonedInstant,
  addDays,
  isLocalDate,
  isLocalTime,
} from './zoned-time.ts';
