/**
 * Public API of alerts: rules and their pure evaluation, duty roster, escalation, secret box; channels are in
 * ./channels/index.ts (they do I/O).
 */
export * from './rules.ts';
export * from './roster.ts';
export * from './roster-import.ts';
export * from './escalation.ts';
export * from './secret-box.ts';
