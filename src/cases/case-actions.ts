/**
 * Case actions and their payload schemas (zod). `CaseActionSchema` is a discriminated union on `type`; the API
 * validates a request body with it and hands the parsed action to `decide`.
 */
import { z } from 'zod';
import { IsoInstantSchema, LevelSchema, SatisfactionSchema } from './case-model.ts';
import { CASE_ACTION_TYPES as ACTION_TYPE_LIST } from '../contracts/case-lists.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const unitId = z.string().min(1).max(100);
const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

export const AttachmentMetaSchema = z.object({
  name: text(255),
  size: z.number().int().min(0).max(1024 ** 3),
  mimeType: z.string().min(1).max(255),
  /** Where the store keeps the bytes; opaque here. */
  storageKey: z.string().min(1).max(500),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMetaSchema>;

/** Deadline overrides given when assigning (交办); otherwise the deadline table applies. */
const deadlineOverrides = {
  firstResponseDueAt: IsoInstantSchema.optional(),
  replyDueAt: IsoInstantSchema.optional(),
};

export const REPLY_CHANNELS = [
  'website', // 政府网站 / 留言板回复
  'message_board', // 人民网领导留言板等
  'weibo',
  'wechat',
  'douyin',
  'news_release', // 新闻发布 / 通报
  'hotline', // 12345 回复
  'phone',
  'in_person',
  'other',
] as const;

export const AssessActionSchema = z.object({
  type: z.literal('assess'),
  verified: z.boolean(),
  level: LevelSchema,
  category: text(50),
  note: text(2000).optional(),
});
export const InstructActionSchema = z.object({ type: z.literal('instruct'), text: text(4000) });
export const AssignActionSchema = z.object({
  type: z.literal('assign'),
  leadUnitId: unitId,
  coUnitIds: z.array(unitId).max(50).default([]),
  note: text(2000).optional(),
  ...deadlineOverrides,
});
export const ReassignActionSchema = z.object({
  type: z.literal('reassign'),
  leadUnitId: unitId,
  coUnitIds: z.array(unitId).max(50).default([]),
  reason: text(2000),
  ...deadlineOverrides,
});
export const ProgressActionSchema = z.object({
  type: z.literal('progress'),
  note: text(4000),
  attachments: z.array(AttachmentMetaSchema).max(20).default([]),
});
export const ReplyActionSchema = z.object({
  type: z.literal('reply'),
  channel: z.enum(REPLY_CHANNELS),
  text: text(10_000),
  /** When the reply was published (may be before it is recorded here). */
  publishedAt: IsoInstantSchema,
  url: httpUrl.optional(),
  /** The unit the reply is attributed to (a liaison may only reply for their own unit). */
  replierUnitId: unitId,
});
export const FeedbackActionSchema = z.object({
  type: z.literal('feedback'),
  result: SatisfactionSchema,
  method: z.enum(['phone', 'online', 'visit', 'sms', 'other']).default('phone'),
  note: text(2000).optional(),
  /** Where an unsatisfied result sends the case: back to the same unit, or to be assigned anew. */
  reopenTo: z.enum(['in_progress', 'assigned']).default('in_progress'),
});
export const CloseActionSchema = z.object({ type: z.literal('close'), note: text(2000).optional() });
export const ReturnActionSchema = z.object({ type: z.literal('return'), reason: text(2000) });
export const ReopenActionSchema = z.object({
  type: z.literal('reopen'),
  reason: text(2000),
  to: z.enum(['in_progress', 'assigned']).default('in_progress'),
});
export const MergeActionSchema = z.object({
  type: z.literal('merge'),
  targetCaseId: z.string().min(1),
  note: text(2000).optional(),
});

export const CaseActionSchema = z.discriminatedUnion('type', [
  AssessActionSchema,
  InstructActionSchema,
  AssignActionSchema,
  ReassignActionSchema,
  ProgressActionSchema,
  ReplyActionSchema,
  FeedbackActionSchema,
  CloseActionSchema,
  ReturnActionSchema,
  ReopenActionSchema,
  MergeActionSchema,
]);
export type CaseAction = z.infer<typeof CaseActionSchema>;
export type CaseActionInput = z.input<typeof CaseActionSchema>;
export type CaseActionType = CaseAction['type'];

/** Every action type, in the desk's order (the list: src/contracts/case-lists.ts, shared with the web app). */
export const CASE_ACTION_TYPES: readonly CaseActionType[] = ACTION_TYPE_LIST;
/** The list and the schemas name the same actions: this type is an error when an action has no place in the list. */
export type EveryActionListed = AssertNever<Exclude<CaseActionType, (typeof ACTION_TYPE_LIST)[number]>>;
type AssertNever<T extends never> = T;
