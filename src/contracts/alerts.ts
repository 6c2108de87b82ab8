import { z } from 'zod';

/** pending: not sent yet (quiet hours); failed: no delivery succeeded (see the deliveries for why). */
export const AlertStatus = z.enum(['pending', 'sent', 'delivered', 'acknowledged', 'escalated', 'failed']);

export const Delivery = z.object({
  id: z.string(), channelKind: z.string(), channelId: z.string().nullable(), recipient: z.string().nullable(), status: z.string(),
  attempts: z.number(), lastError: z.string().nullable(), createdAt: z.string(), sentAt: z.string().nullable(),
});

export const Alert = z.object({
  id: z.string(),
  ruleId: z.string().nullable(),
  level: z.number(),
  title: z.string(),
  body: z.string(),
  eventId: z.string().nullable(),
  postId: z.string().nullable(),
  status: AlertStatus,
  recipients: z.array(z.string()),
  escalationStep: z.number(),
  nextEscalationAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof Alert>;
export const AlertDetail = Alert.extend({ deliveries: z.array(Delivery) });

export const AlertQuery = z.object({
  open: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const AlertList = z.object({ alerts: z.array(Alert), total: z.number().optional(), page: z.number(), pageSize: z.number() });

/** 24 小时值守: heightened monitoring until an end time (more frequent polling, every alert level sent at once). */
export const HeightenedMode = z.object({
  active: z.boolean(),
  until: z.string().nullable(),
  intervalSeconds: z.number(),
  sourceIds: z.union([z.literal('all'), z.array(z.string())]),
  reason: z.string().nullable(),
  setBy: z.string().nullable(),
});
export const SetHeightenedBody = z.object({
  active: z.boolean(),
  until: z.iso.datetime({ offset: true }).optional(),
  intervalSeconds: z.number().int().min(60).max(3600).default(300),
  sourceIds: z.union([z.literal('all'), z.array(z.string())]).default('all'),
  reason: z.string().max(500).optional(),
});

export const AlertRule = z.object({ id: z.string(), name: z.string(), enabled: z.boolean(), config: z.record(z.string(), z.unknown()) });
export const AlertRuleBody = z.object({ name: z.string().min(1).max(100), enabled: z.boolean().default(true), config: z.record(z.string(), z.unknown()) });

export const Channel = z.object({ id: z.string(), name: z.string(), kind: z.string(), enabled: z.boolean(), config: z.record(z.string(), z.unknown()), hasSecret: z.boolean() });
export const ChannelBody = z.object({
  name: z.string().min(1).max(100),
  kind: z.enum(['wecom', 'dingtalk', 'feishu', 'email', 'webhook', 'in_app']),
  enabled: z.boolean().default(true),
  config: z.record(z.string(), z.unknown()),
});

/**
 * One person's place in a duty shift (值班表). chainOrder: 0 = on duty (值班员), 1–19 = the escalation chain (备班) in
 * that order, 20 = the shift's leader (带班领导). Rows with the same start and end form one shift.
 */
export const LEADER_CHAIN_ORDER = 20;
export const Shift = z.object({ id: z.string(), userId: z.string(), startsAt: z.string(), endsAt: z.string(), chainOrder: z.number(), note: z.string().nullable() });
export const ShiftBody = z.object({ userId: z.string(), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), chainOrder: z.number().int().min(0).max(20).default(0), note: z.string().max(200).optional() });

export const Notification = z.object({
  id: z.string(), alertId: z.string(), title: z.string(), level: z.number(), createdAt: z.string(), acknowledged: z.boolean(),
  /** alert: a rule fired or it was escalated to you; notice: a reminder (催办), overdue or follow-up notice; delivery_failed: a channel could not deliver. */
  kind: z.enum(['alert', 'notice', 'delivery_failed']).optional(),
  body: z.string().optional(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationList = z.object({ notifications: z.array(Notification) });

export const RosterQuery = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() });
export const RosterView = z.object({
  shifts: z.array(Shift),
  /** Who is on duty now, the escalation chain and the leaders who receive escalations. */
  now: z.object({ onDuty: z.array(z.string()), escalationChain: z.array(z.string()), leaderIds: z.array(z.string()) }),
  /** Periods in [from, to) when nobody is on duty. */
  gaps: z.array(z.object({ from: z.string(), to: z.string() })),
});
const RosterCell = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
export const RosterImportBody = z.object({
  /** Spreadsheet rows, the first one the headers (日期, 开始时间, 结束时间, 值班人员, 备班人员, 带班领导, 备注). */
  rows: z.array(z.array(RosterCell).max(50)).min(2).max(5000),
  defaultStart: z.string().max(10).optional(),
  defaultEnd: z.string().max(10).optional(),
});
export const RosterImportResult = z.object({ imported: z.number(), shifts: z.number() });

export const ChannelTestResult = z.object({
  ok: z.boolean(), attempts: z.number(), httpStatus: z.number().optional(), error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export const AckBody = z.object({ note: z.string().max(500).optional() }).default({});
