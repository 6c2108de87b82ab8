import { z } from 'zod';

export const AlertStatus = z.enum(['sent', 'delivered', 'acknowledged', 'escalated', 'failed']);

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

export const Shift = z.object({ id: z.string(), userId: z.string(), startsAt: z.string(), endsAt: z.string(), chainOrder: z.number(), note: z.string().nullable() });
export const ShiftBody = z.object({ userId: z.string(), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), chainOrder: z.number().int().min(0).max(20).default(0), note: z.string().max(200).optional() });

export const Notification = z.object({ id: z.string(), alertId: z.string(), title: z.string(), level: z.number(), createdAt: z.string(), acknowledged: z.boolean() });
