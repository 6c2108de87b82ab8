/**
 * Alert rules (预警规则) and their pure evaluation. A rule says what fires it (a post matching a plan with a
 * sentiment in a place, an event's warning level change, a burst, a source outage), the alert level, who is told
 * (duty roster, roles, units, users), over which channels, quiet hours for low levels, the merge window and the
 * escalation policy (escalation.ts).
 *
 * `evaluate(rules, trigger, state, now)` returns the alerts to create, each with a dedupe key, and the existing
 * alerts to merge into. Throttling/merging: one alert per rule per event (post matches inside an event merge into
 * one), per event per level (level changes), per outage; a trigger whose key was alerted within `throttleMinutes`
 * merges into that alert (the store bumps its count) instead of making a new one. Quiet hours defer (never drop)
 * low-level alerts to the end of the quiet period. Heightened mode (敏感期/重要时段) sends every level at once:
 * no quiet hours, and event-level rules fire on any level change.
 */
import { z } from 'zod';
import { RoleSchema } from '../cases/case-model.ts';
import { addDays, DEFAULT_TIME_ZONE, isLocalTime, localDate, localParts, minutesOfDay, zonedInstant } from '../cases/zoned-time.ts';

const id = z.string().min(1).max(100);
const Level = z.number().int().min(1).max(4);
const hhmm = z.string().refine(isLocalTime, 'must be HH:mm');
export const SentimentSchema = z.enum(['negative', 'neutral', 'positive']);

export const RecipientsSchema = z.object({
  /** Whoever is on duty at the time (值班表). */
  dutyRoster: z.boolean().default(true),
  roles: z.array(RoleSchema).max(5).default([]),
  /** The liaisons of these units. */
  unitIds: z.array(id).max(200).default([]),
  userIds: z.array(id).max(200).default([]),
});
export type Recipients = z.infer<typeof RecipientsSchema>;

export const RuleTriggerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('post_match'),
    /** Empty = any plan. */
    planIds: z.array(id).max(200).default([]),
    sentiments: z.array(SentimentSchema).min(1).default(['negative']),
    /** Empty = anywhere. */
    places: z.array(z.string().min(1).max(100)).max(500).default([]),
  }),
  z.object({
    kind: z.literal('event_level'),
    /** Fires when the event's level becomes this or more severe (1 = Ⅰ red). */
    minLevel: Level.default(3),
    /** Only when the level rises (becomes more severe); false = any change. */
    onRaiseOnly: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('burst'),
    planIds: z.array(id).max(200).default([]),
    minScore: z.number().min(0).default(0),
  }),
  z.object({
    kind: z.literal('source_outage'),
    sourceIds: z.array(id).max(500).default([]),
    minDownMinutes: z.number().int().min(1).max(10_080).default(60),
  }),
]);
export type RuleTrigger = z.infer<typeof RuleTriggerSchema>;

export const DoubleReportSchema = z.object({
  enabled: z.boolean().default(false),
  /** The upper-level office (上级网信办/应急办): its users and channels. */
  upperOfficeUserIds: z.array(id).max(50).default([]),
  upperOfficeChannelIds: z.array(id).max(20).default([]),
  /** true: report to the own leader and the upper office at once; false: when escalation reaches the leader. */
  immediate: z.boolean().default(false),
});

/** Minutes to wait for an acknowledgement before escalating, per level when not set. */
export const DEFAULT_ACK_MINUTES: Record<1 | 2 | 3 | 4, number> = { 1: 5, 2: 10, 3: 30, 4: 60 };

export const EscalationPolicySchema = z.object({
  enabled: z.boolean().default(true),
  ackTimeoutMinutes: z.number().int().min(1).max(1440).optional(),
  doubleReport: DoubleReportSchema.default({ enabled: false, upperOfficeUserIds: [], upperOfficeChannelIds: [], immediate: false }),
});

export const AlertRuleSchema = z.object({
  id,
  name: z.string().min(1).max(100),
  enabled: z.boolean().default(true),
  trigger: RuleTriggerSchema,
  /** Alert level for post/burst/outage rules; event-level rules use the event's level. */
  level: Level,
  recipients: RecipientsSchema.default({ dutyRoster: true, roles: [], unitIds: [], userIds: [] }),
  channelIds: z.array(id).max(20).default([]),
  inApp: z.boolean().default(true),
  quietHours: z
    .object({ start: hhmm, end: hhmm, levels: z.array(Level).min(1).default([3, 4]) })
    .refine((q) => q.start !== q.end, 'quiet hours must not start and end at the same time')
    .optional(),
  throttleMinutes: z.number().int().min(0).max(10_080).default(60),
  escalation: EscalationPolicySchema.default({
    enabled: true,
    doubleReport: { enabled: false, upperOfficeUserIds: [], upperOfficeChannelIds: [], immediate: false },
  }),
});
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export type AlertRuleInput = z.input<typeof AlertRuleSchema>;

export const AlertTriggerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('post_match'),
    postId: id,
    title: z.string().max(1000),
    planIds: z.array(id),
    sentiment: SentimentSchema,
    places: z.array(z.string()),
    eventId: id.nullable().default(null),
    url: z.string().optional(),
  }),
  z.object({
    kind: z.literal('event_level'),
    eventId: id,
    title: z.string().max(1000),
    previousLevel: Level.nullable(),
    level: Level,
    reasons: z.array(z.string()).default([]),
  }),
  z.object({
    kind: z.literal('burst'),
    title: z.string().max(1000),
    score: z.number(),
    eventId: id.nullable().default(null),
    planId: id.nullable().default(null),
  }),
  z.object({
    kind: z.literal('source_outage'),
    sourceId: id,
    sourceName: z.string().max(200),
    downSince: z.iso.datetime({ offset: true }),
    lastError: z.string().max(1000).optional(),
  }),
]);
export type AlertTrigger = z.infer<typeof AlertTriggerSchema>;
export type AlertTriggerInput = z.input<typeof AlertTriggerSchema>;

export interface AlertEvalState {
  heightened: boolean;
  /** Alerts created recently (at least within the longest throttle window). */
  recent: ReadonlyArray<{ alertId: string; dedupeKey: string; createdAt: string }>;
  timeZone?: string;
}

export interface AlertDraft {
  ruleId: string;
  dedupeKey: string;
  level: 1 | 2 | 3 | 4;
  title: string;
  body: string;
  trigger: AlertTrigger;
  recipients: Recipients;
  channelIds: string[];
  inApp: boolean;
  eventId: string | null;
  postId: string | null;
  createdAt: string;
  /** When to send: now, or the end of quiet hours. */
  deliverAt: string;
  deferred: boolean;
}

export interface AlertMerge {
  ruleId: string;
  dedupeKey: string;
  alertId: string;
}

export interface EvaluateResult {
  create: AlertDraft[];
  merge: AlertMerge[];
}

const LEVEL_ZH = ['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'];
const intersects = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

function matches(rule: AlertRule, t: AlertTrigger, heightened: boolean, now: Date): boolean {
  const spec = rule.trigger;
  if (spec.kind === 'post_match' && t.kind === 'post_match') {
    return (
      (spec.planIds.length === 0 || intersects(spec.planIds, t.planIds)) &&
      spec.sentiments.includes(t.sentiment) &&
      (spec.places.length === 0 || intersects(spec.places, t.places))
    );
  }
  if (spec.kind === 'event_level' && t.kind === 'event_level') {
    if (t.previousLevel === t.level) return false;
    if (heightened) return true;
    const raised = t.previousLevel === null || t.level < t.previousLevel;
    return t.level <= spec.minLevel && (raised || !spec.onRaiseOnly);
  }
  if (spec.kind === 'burst' && t.kind === 'burst') {
    return t.score >= spec.minScore && (spec.planIds.length === 0 || (t.planId !== null && spec.planIds.includes(t.planId)));
  }
  if (spec.kind === 'source_outage' && t.kind === 'source_outage') {
    const downMinutes = (now.getTime() - Date.parse(t.downSince)) / 60_000;
    return (spec.sourceIds.length === 0 || spec.sourceIds.includes(t.sourceId)) && downMinutes >= spec.minDownMinutes;
  }
  return false;
}

/** The merge key: per rule and event (or post, burst subject, outage). */
export function dedupeKey(rule: AlertRule, t: AlertTrigger): string {
  switch (t.kind) {
    case 'post_match':
      return t.eventId ? `${rule.id}|event:${t.eventId}` : `${rule.id}|post:${t.postId}`;
    case 'event_level':
      return `${rule.id}|event:${t.eventId}|level:${t.level}`;
    case 'burst':
      return `${rule.id}|burst:${t.eventId ? `event:${t.eventId}` : t.planId ? `plan:${t.planId}` : 'all'}`;
    case 'source_outage':
      return `${rule.id}|source:${t.sourceId}|since:${t.downSince}`;
  }
}

const SENTIMENT_ZH: Record<string, string> = { negative: '负面', neutral: '中性', positive: '正面' };

function describe(t: AlertTrigger): { title: string; body: string } {
  switch (t.kind) {
    case 'post_match':
      return { title: t.title, body: `监测方案命中，情感倾向：${SENTIMENT_ZH[t.sentiment] ?? t.sentiment}${t.places.length ? `；涉及地区：${t.places.join('、')}` : ''}` };
    case 'event_level':
      return {
        title: `事件预警${t.previousLevel === null ? '' : `由${LEVEL_ZH[t.previousLevel]}级`}调整为${LEVEL_ZH[t.level]}级：${t.title}`,
        body: t.reasons.length ? `研判依据：${t.reasons.join('；')}` : '事件预警级别变化',
      };
    case 'burst':
      return { title: `信息量突增：${t.title}`, body: `突增评分 ${Math.round(t.score * 100) / 100}` };
    case 'source_outage':
      return { title: `信息源中断：${t.sourceName}`, body: `自 ${t.downSince} 起无法采集${t.lastError ? `：${t.lastError}` : ''}` };
  }
}

/** End of the quiet period containing `now`, or null when `now` is not in quiet hours. */
export function quietUntil(q: { start: string; end: string }, now: Date, timeZone: string): Date | null {
  const p = localParts(now, timeZone);
  const m = p.hour * 60 + p.minute;
  const start = minutesOfDay(q.start);
  const end = minutesOfDay(q.end);
  const today = localDate(now, timeZone);
  if (start < end) return m >= start && m < end ? zonedInstant(today, end, timeZone) : null;
  if (m >= start) return zonedInstant(addDays(today, 1), end, timeZone);
  if (m < end) return zonedInstant(today, end, timeZone);
  return null;
}

/** Pure: which alerts the trigger creates, and which existing alerts it merges into. */
export function evaluate(rules: readonly AlertRule[], triggerInput: AlertTriggerInput, state: AlertEvalState, now: Date): EvaluateResult {
  const trigger = AlertTriggerSchema.parse(triggerInput);
  const tz = state.timeZone ?? DEFAULT_TIME_ZONE;
  const result: EvaluateResult = { create: [], merge: [] };
  for (const rule of rules) {
    if (!rule.enabled || !matches(rule, trigger, state.heightened, now)) continue;
    const key = dedupeKey(rule, trigger);
    const windowStart = now.getTime() - rule.throttleMinutes * 60_000;
    const recent = state.recent
      .filter((r) => r.dedupeKey === key && Date.parse(r.createdAt) > windowStart)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    const already = result.create.some((d) => d.dedupeKey === key);
    if (recent || already) {
      if (recent) result.merge.push({ ruleId: rule.id, dedupeKey: key, alertId: recent.alertId });
      continue;
    }
    const level = (trigger.kind === 'event_level' ? trigger.level : rule.level) as 1 | 2 | 3 | 4;
    const quiet =
      !state.heightened && rule.quietHours && rule.quietHours.levels.includes(level) ? quietUntil(rule.quietHours, now, tz) : null;
    const text = describe(trigger);
    result.create.push({
      ruleId: rule.id,
      dedupeKey: key,
      level,
      title: text.title,
      body: text.body,
      trigger,
      recipients: rule.recipients,
      channelIds: rule.channelIds,
      inApp: rule.inApp,
      eventId: 'eventId' in trigger ? trigger.eventId : null,
      postId: trigger.kind === 'post_match' ? trigger.postId : null,
      createdAt: now.toISOString(),
      deliverAt: (quiet ?? now).toISOString(),
      deferred: quiet !== null,
    });
  }
  return result;
}
