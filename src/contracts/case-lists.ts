/**
 * The case ledger's statuses and action types as plain lists (no zod), shared by the server (case-model.ts,
 * case-actions.ts build their schemas from them) and the web app (filters, action panel): one place for each list.
 *
 * registered 登记 → assessed 研判 → instructed 领导批示 → assigned 交办 → in_progress 办理 → replied 答复 →
 * feedback 回访 → closed 办结; returned 退回 (by the unit, waits to be reassigned); merged 已合并 (terminal).
 */
export const CASE_STATUSES = ['registered', 'assessed', 'instructed', 'assigned', 'in_progress', 'returned', 'replied', 'feedback', 'closed', 'merged'] as const;

/** Every action on a case, in the order the desk offers them. */
export const CASE_ACTION_TYPES = ['assess', 'instruct', 'assign', 'reassign', 'progress', 'reply', 'feedback', 'close', 'return', 'reopen', 'merge'] as const;
