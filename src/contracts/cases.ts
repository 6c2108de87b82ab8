import { z } from 'zod';

export const CaseStatus = z.enum(['registered', 'assessed', 'instructed', 'assigned', 'in_progress', 'returned', 'replied', 'feedback', 'closed', 'merged']);

export const Case = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  summary: z.string(),
  status: CaseStatus,
  level: z.number().nullable(),
  category: z.string().nullable(),
  places: z.array(z.string()),
  leadUnitId: z.string().nullable(),
  coUnitIds: z.array(z.string()),
  postIds: z.array(z.string()),
  eventId: z.string().nullable(),
  alertId: z.string().nullable(),
  origin: z.string(),
  firstResponseDueAt: z.string().nullable(),
  replyDueAt: z.string().nullable(),
  firstResponseAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  satisfaction: z.string().nullable(),
  mergedInto: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  marks: z.object({ firstResponse: z.string(), reply: z.string(), overdueMinutes: z.number() }),
});
export type Case = z.infer<typeof Case>;

export const CaseTransition = z.object({
  seq: z.number(),
  from: z.string().nullable(),
  to: z.string(),
  action: z.string(),
  actorId: z.string(),
  /** The person's display name as it is now (null for the system). */
  actorName: z.string().nullable(),
  actorRole: z.string(),
  at: z.string(),
  payload: z.unknown(),
});
export const CaseTask = z.object({
  id: z.string(), step: z.number(), title: z.string(), role: z.string().nullable(), unitId: z.string().nullable(),
  dueAt: z.string().nullable(), doneAt: z.string().nullable(), doneBy: z.string().nullable(),
});
export const CaseDetail = Case.extend({
  transitions: z.array(CaseTransition),
  tasks: z.array(CaseTask),
  allowedActions: z.array(z.string()),
});

export const CreateCaseBody = z.object({
  title: z.string().min(1).max(300),
  summary: z.string().max(10_000).default(''),
  postIds: z.array(z.string()).max(500).default([]),
  eventId: z.string().optional(),
  alertId: z.string().optional(),
  places: z.array(z.string()).max(50).default([]),
  origin: z.enum(['post', 'event', 'alert', 'hotline', 'manual']).default('manual'),
});

export const CaseQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter(Boolean) : undefined)),
  q: z.string().max(100).optional(),
  unitId: z.string().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** `{ action: 'assess', payload: {...} }` or the payload with `type` directly. */
export const CaseActionBody = z.object({ type: z.string().min(1) }).passthrough();

export const CaseStatsQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  unitId: z.string().optional(),
});
export const CaseStats = z.object({
  itemsCollected: z.number().nullable(),
  casesOpened: z.number(),
  handled: z.number(),
  handlingRate: z.number().nullable(),
  onTimeDecided: z.number(),
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  avgFirstResponseMinutes: z.number().nullable(),
  avgReplyMinutes: z.number().nullable(),
  feedback: z.object({ count: z.number(), satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number() }),
  satisfactionRate: z.number().nullable(),
  overdue: z.array(z.object({ caseId: z.string(), number: z.string(), deadline: z.string(), dueAt: z.string(), doneAt: z.string().nullable(), minutesLate: z.number() })),
});
