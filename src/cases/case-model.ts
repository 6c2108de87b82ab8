/**
 * The case (台账事项) as the state machine sees it: status, assessment, units, deadlines and the facts the
 * statistics need. Times are UTC ISO-8601 strings. Texts (instructions, replies, notes) live in the transition
 * payloads, which the store keeps append-only.
 */
import { z } from 'zod';
import { CASE_STATUSES } from '../contracts/case-lists.ts';

export const ROLES = ['admin', 'analyst', 'duty_officer', 'leader', 'unit_liaison'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ActorSchema = z.object({
  userId: z.string().min(1),
  role: RoleSchema,
  /** Required for a unit_liaison: the one unit they act for. */
  unitId: z.string().min(1).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

// (the statuses and their order: src/contracts/case-lists.ts, shared with the web app)
export { CASE_STATUSES };
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const CASE_STATUS_LABELS_ZH: Record<CaseStatus, string> = {
  registered: '登记',
  assessed: '研判',
  instructed: '领导批示',
  assigned: '交办',
  in_progress: '办理',
  returned: '退回',
  replied: '答复',
  feedback: '回访',
  closed: '办结',
  merged: '已合并',
};

export const SatisfactionSchema = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export type Satisfaction = z.infer<typeof SatisfactionSchema>;

export const LevelSchema = z.number().int().min(1).max(4);
export const IsoInstantSchema = z.iso.datetime({ offset: true });

export const CaseStateSchema = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  status: CaseStatusSchema,
  verified: z.boolean().nullable(),
  /** Warning level: 1 = Ⅰ red (most severe) … 4 = Ⅳ blue. */
  level: LevelSchema.nullable(),
  category: z.string().nullable(),
  leadUnitId: z.string().nullable(),
  coUnitIds: z.array(z.string()),
  firstResponseDueAt: IsoInstantSchema.nullable(),
  replyDueAt: IsoInstantSchema.nullable(),
  /** First progress note or reply (the first sign that the case is being handled). */
  firstResponseAt: IsoInstantSchema.nullable(),
  /** First official reply (on-time is judged on it); `lastRepliedAt` is the latest one. */
  repliedAt: IsoInstantSchema.nullable(),
  lastRepliedAt: IsoInstantSchema.nullable(),
  closedAt: IsoInstantSchema.nullable(),
  /** Latest feedback result (an unsatisfied result reopens the case); cleared by an explicit reopen. */
  satisfaction: SatisfactionSchema.nullable(),
  mergedIntoId: z.string().nullable(),
  instructionCount: z.number().int().min(0),
  returnCount: z.number().int().min(0),
  reopenCount: z.number().int().min(0),
  createdAt: IsoInstantSchema,
  createdBy: z.string().min(1),
  updatedAt: IsoInstantSchema,
});
export type CaseState = z.infer<typeof CaseStateSchema>;

export type CaseErrorCode = 'TF_ERR_FORBIDDEN' | 'TF_ERR_INVALID_TRANSITION' | 'TF_ERR_VALIDATION';

export interface CaseError {
  ok: false;
  code: CaseErrorCode;
  message: string;
}

export function caseError(code: CaseErrorCode, message: string): CaseError {
  return { ok: false, code, message };
}

/** A fresh case in status `registered`. */
export function newCaseState(input: { id: string; number: string; createdBy: string; at: Date }): CaseState {
  const at = input.at.toISOString();
  return {
    id: input.id,
    number: input.number,
    status: 'registered',
    verified: null,
    level: null,
    category: null,
    leadUnitId: null,
    coUnitIds: [],
    firstResponseDueAt: null,
    replyDueAt: null,
    firstResponseAt: null,
    repliedAt: null,
    lastRepliedAt: null,
    closedAt: null,
    satisfaction: null,
    mergedIntoId: null,
    instructionCount: 0,
    returnCount: 0,
    reopenCount: 0,
    createdAt: at,
    createdBy: input.createdBy,
    updatedAt: at,
  };
}
