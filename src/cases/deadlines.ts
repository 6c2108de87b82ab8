/**
 * Case deadlines: a first-response deadline (首次响应) and a final-reply deadline (答复办结), both counted from
 * registration, per warning level (1 = Ⅰ red … 4 = Ⅳ blue) and category, in hours, calendar days or working days.
 *
 * Semantics (documented for the office):
 * - `hours`: elapsed clock hours, day and night, holidays included (a duty officer answers at any time).
 * - `days`: the same local wall time N calendar days later.
 * - `working_days`: as in administrative time limits, the registration day itself is not counted; the deadline is
 *   `dayEndsAt` (default 18:00, office time zone) on the N-th working day after it, on the Chinese working-day
 *   calendar (holidays skipped, 调休 weekend working days counted).
 * - A rule matching level and category beats a category-only rule, which beats a level-only rule; among equals,
 *   the later rule in the list wins, so an admin appends overrides. An unassessed case (no level yet) uses
 *   `unassessed`.
 * - Reminders (催办) fire `reminderLeadMinutes` before a deadline that is not yet met; an overdue mark fires once
 *   the deadline passes unmet.
 */
import { z } from 'zod';
import type { WorkCalendar } from './calendar.ts';
import { DEFAULT_TIME_ZONE, isLocalTime, localDate, localParts, minutesOfDay, zonedInstant, addDays } from './zoned-time.ts';

export const DurationSchema = z.object({
  amount: z.number().int().min(1).max(10_000),
  unit: z.enum(['hours', 'days', 'working_days']),
});
export type Duration = z.infer<typeof DurationSchema>;

const LevelSchema = z.number().int().min(1).max(4);

export const DeadlineRuleSchema = z.object({
  level: LevelSchema.optional(),
  category: z.string().min(1).max(100).optional(),
  firstResponse: DurationSchema.optional(),
  reply: DurationSchema.optional(),
  reminderLeadMinutes: z.array(z.number().int().min(1).max(43_200)).max(10).optional(),
});
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

const h = (amount: number): Duration => ({ amount, unit: 'hours' });
const wd = (amount: number): Duration => ({ amount, unit: 'working_days' });

/** Defaults: Ⅰ 1 h / 1 wd, Ⅱ 2 h / 3 wd, Ⅲ 1 wd / 5 wd, Ⅳ 2 wd / 10 wd. */
export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [
  { level: 1, firstResponse: h(1), reply: wd(1), reminderLeadMinutes: [30, 10] },
  { level: 2, firstResponse: h(2), reply: wd(3), reminderLeadMinutes: [60] },
  { level: 3, firstResponse: wd(1), reply: wd(5), reminderLeadMinutes: [240] },
  { level: 4, firstResponse: wd(2), reply: wd(10), reminderLeadMinutes: [1440] },
];

export const DeadlinePolicySchema = z.object({
  dayEndsAt: z.string().refine(isLocalTime, 'must be HH:mm').default('18:00'),
  rules: z.array(DeadlineRuleSchema).max(500).default(() => DEFAULT_DEADLINE_RULES.map((r) => ({ ...r }))),
  unassessed: z
    .object({ firstResponse: DurationSchema, reply: DurationSchema })
    .default({ firstResponse: h(24), reply: wd(5) }),
  defaultReminderLeadMinutes: z.array(z.number().int().min(1).max(43_200)).max(10).default([60]),
});
export type DeadlinePolicy = z.infer<typeof DeadlinePolicySchema>;
export type DeadlinePolicyInput = z.input<typeof DeadlinePolicySchema>;

export const defaultDeadlinePolicy = (): DeadlinePolicy => DeadlinePolicySchema.parse({});

export interface DeadlineSubject {
  level: number | null;
  category: string | null;
}

export interface ResolvedDeadlineRule {
  firstResponse: Duration;
  reply: Duration;
  reminderLeadMinutes: number[];
}

function specificity(rule: DeadlineRule, s: DeadlineSubject): number {
  if (rule.level !== undefined && rule.level !== s.level) return -1;
  if (rule.category !== undefined && rule.category !== s.category) return -1;
  return (rule.category !== undefined ? 2 : 0) + (rule.level !== undefined ? 1 : 0);
}

function pick<K extends 'firstResponse' | 'reply' | 'reminderLeadMinutes'>(
  rules: readonly DeadlineRule[],
  s: DeadlineSubject,
  key: K,
): DeadlineRule[K] | undefined {
  let best: DeadlineRule[K] | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    const score = specificity(rule, s);
    if (score >= 0 && rule[key] !== undefined && score >= bestScore) {
      best = rule[key];
      bestScore = score;
    }
  }
  return best;
}

/** The durations and reminder leads that apply to a case of this level and category. */
export function resolveDeadlineRule(policy: DeadlinePolicy, subject: DeadlineSubject): ResolvedDeadlineRule {
  if (subject.level === null) {
    return { ...policy.unassessed, reminderLeadMinutes: [...policy.defaultReminderLeadMinutes] };
  }
  return {
    firstResponse: pick(policy.rules, subject, 'firstResponse') ?? policy.unassessed.firstResponse,
    reply: pick(policy.rules, subject, 'reply') ?? policy.unassessed.reply,
    reminderLeadMinutes: [...(pick(policy.rules, subject, 'reminderLeadMinutes') ?? policy.defaultReminderLeadMinutes)],
  };
}

export interface TimeContext {
  calendar: WorkCalendar;
  timeZone?: string;
  dayEndsAt?: string;
}

/** `start` plus a duration, on the calendar and in the office time zone (see the module comment). */
export function addDuration(start: Date, duration: Duration, ctx: TimeContext): Date {
  const tz = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  switch (duration.unit) {
    case 'hours':
      return new Date(start.getTime() + duration.amount * 3_600_000);
    case 'days': {
      const p = localParts(start, tz);
      const date = addDays(localDate(start, tz), duration.amount);
      return new Date(zonedInstant(date, p.hour * 60 + p.minute, tz).getTime() + p.second * 1000 + (start.getTime() % 1000));
    }
    case 'working_days': {
      const day = ctx.calendar.addWorkingDays(localDate(start, tz), duration.amount);
      return zonedInstant(day, minutesOfDay(ctx.dayEndsAt ?? '18:00'), tz);
    }
  }
}

export interface CaseDeadlines {
  firstResponseDueAt: string;
  replyDueAt: string;
}

/** First-response and reply deadlines (UTC ISO strings) for a case registered at `registeredAt`. */
export function computeDeadlines(
  subject: DeadlineSubject & { registeredAt: Date },
  policy: DeadlinePolicy,
  calendar: WorkCalendar,
  timeZone: string = DEFAULT_TIME_ZONE,
): CaseDeadlines {
  const rule = resolveDeadlineRule(policy, subject);
  const ctx: TimeContext = { calendar, timeZone, dayEndsAt: policy.dayEndsAt };
  const firstResponse = addDuration(subject.registeredAt, rule.firstResponse, ctx);
  let reply = addDuration(subject.registeredAt, rule.reply, ctx);
  if (reply < firstResponse) reply = firstResponse;
  return { firstResponseDueAt: firstResponse.toISOString(), replyDueAt: reply.toISOString() };
}

export type DeadlineStatus = 'none' | 'pending' | 'due_soon' | 'met' | 'met_late' | 'overdue';

/**
 * Where one deadline stands at `now`: `met`/`met_late` once done; `overdue` when due has passed unmet;
 * `due_soon` within `soonMinutes` of it; `none` without a deadline.
 */
export function deadlineStatus(
  dueAt: string | null,
  doneAt: string | null,
  now: Date,
  soonMinutes = 60,
): DeadlineStatus {
  if (!dueAt) return doneAt ? 'met' : 'none';
  const due = Date.parse(dueAt);
  if (doneAt) return Date.parse(doneAt) <= due ? 'met' : 'met_late';
  if (now.getTime() > due) return 'overdue';
  return due - now.getTime() <= soonMinutes * 60_000 ? 'due_soon' : 'pending';
}

export interface DeadlineFacts {
  caseId: string;
  firstResponseDueAt: string | null;
  firstResponseAt: string | null;
  replyDueAt: string | null;
  repliedAt: string | null;
}

export interface DeadlineMarks {
  firstResponse: DeadlineStatus;
  reply: DeadlineStatus;
  /** True when any deadline is overdue now or was met late. */
  overdue: boolean;
  /** Minutes past the reply (or, if none, first-response) deadline while unmet, else 0. */
  overdueMinutes: number;
}

export function deadlineMarks(c: DeadlineFacts, now: Date, soonMinutes = 60): DeadlineMarks {
  const firstResponse = deadlineStatus(c.firstResponseDueAt, c.firstResponseAt, now, soonMinutes);
  const reply = deadlineStatus(c.replyDueAt, c.repliedAt, now, soonMinutes);
  const late = (s: DeadlineStatus): boolean => s === 'overdue' || s === 'met_late';
  const overdueSince =
    reply === 'overdue' ? c.replyDueAt : firstResponse === 'overdue' ? c.firstResponseDueAt : null;
  return {
    firstResponse,
    reply,
    overdue: late(firstResponse) || late(reply),
    overdueMinutes: overdueSince ? Math.floor((now.getTime() - Date.parse(overdueSince)) / 60_000) : 0,
  };
}

export interface ReminderNotice {
  /** Stable key: send each notice once (`caseId:kind:lead:N` or `caseId:kind:overdue`). */
  key: string;
  caseId: string;
  deadline: 'first_response' | 'reply';
  kind: 'reminder' | 'overdue';
  dueAt: string;
  /** When this notice became due. */
  at: string;
  leadMinutes?: number;
}

/**
 * Reminders (催办) and overdue notices due at `now` that were not sent yet (`sentKeys`). Only the latest due
 * reminder per deadline is returned, so a scheduler that was down does not send a burst of stale ones.
 */
export function remindersDue(
  c: DeadlineFacts,
  leadMinutes: readonly number[],
  now: Date,
  sentKeys: ReadonlySet<string>,
): ReminderNotice[] {
  const out: ReminderNotice[] = [];
  const specs = [
    { deadline: 'first_response' as const, dueAt: c.firstResponseDueAt, doneAt: c.firstResponseAt },
    { deadline: 'reply' as const, dueAt: c.replyDueAt, doneAt: c.repliedAt },
  ];
  for (const s of specs) {
    if (!s.dueAt || s.doneAt) continue;
    const due = Date.parse(s.dueAt);
    if (now.getTime() > due) {
      const key = `${c.caseId}:${s.deadline}:overdue`;
      if (!sentKeys.has(key)) out.push({ key, caseId: c.caseId, deadline: s.deadline, kind: 'overdue', dueAt: s.dueAt, at: s.dueAt });
      continue;
    }
    const candidates = [...leadMinutes]
      .map((lead) => ({ lead, at: due - lead * 60_000 }))
      .filter((r) => r.at <= now.getTime())
      .sort((a, b) => b.at - a.at);
    const latest = candidates[0];
    if (!latest) continue;
    const key = `${c.caseId}:${s.deadline}:lead:${latest.lead}`;
    if (sentKeys.has(key)) continue;
    out.push({
      key,
      caseId: c.caseId,
      deadline: s.deadline,
      kind: 'reminder',
      dueAt: s.dueAt,
      at: new Date(latest.at).toISOString(),
      leadMinutes: latest.lead,
    });
  }
  return out;
}
