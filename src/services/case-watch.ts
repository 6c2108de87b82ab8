/**
 * The ledger's watchers, run by the alert worker: reminders (催办) before a case's first-response and reply
 * deadlines, overdue notices once they pass, and the follow-up watch (回头看) of closed cases whose event flares
 * again. Each notice is an alert without a rule, keyed so it is sent once (`remindersDue` / `flareUps` keys); it
 * goes in-app to the case's unit liaisons and whoever is on duty (overdue and flare-ups also to the leaders).
 */
import {
  resolveDeadlineRule,
  remindersDue,
  DeadlinePolicySchema,
  defaultDeadlinePolicy,
  type DeadlinePolicy,
  type ReminderNotice,
} from '../cases/deadlines.ts';
import { flareUps, FollowUpPolicySchema, type EventFlare } from '../cases/follow-up.ts';
import { CaseStateSchema } from '../cases/case-model.ts';
import { localTime, localDate } from '../cases/zoned-time.ts';
import { onDuty } from '../alerts/roster.ts';
import type { Store } from '../store/store.ts';
import type { CasesTable } from '../store/schema.ts';
import { loadDirectory, unitLiaisons, type AlertDirectory } from './alert-context.ts';
import { insertAlert } from './alert-raise.ts';

export const FOLLOW_UP_KEY = 'cases.followUp';
const DEADLINE_ZH = { first_response: '首次响应', reply: '答复' } as const;

function toLevel(n: number | null): 1 | 2 | 3 | 4 {
  return n && n >= 1 && n <= 4 ? (n as 1 | 2 | 3 | 4) : 3;
}

function caseRecipients(dir: AlertDirectory, c: CasesTable, withLeaders: boolean, now: Date): string[] {
  const s = CaseStateSchema.parse(JSON.parse(c.state));
  const units = [s.leadUnitId, ...s.coUnitIds].filter((u): u is string => !!u);
  const duty = onDuty(dir.roster, now);
  return [...new Set([...unitLiaisons(dir.users, units), ...duty.onDuty, ...(withLeaders ? duty.leaderIds : [])])];
}

function noticeText(c: CasesTable, n: ReminderNotice, tz: string): { title: string; body: string } {
  const due = new Date(n.dueAt);
  const when = `${localDate(due, tz)} ${localTime(due, tz)}`;
  const what = DEADLINE_ZH[n.deadline];
  return n.kind === 'overdue'
    ? {
        title: `逾期（${what}）：${c.number} ${c.title}`,
        body: `${what}期限 ${when} 已过，尚未${what}，请尽快办理并说明原因。`,
      }
    : { title: `催办（${what}）：${c.number} ${c.title}`, body: `${what}期限为 ${when}，请抓紧办理。` };
}

/** Sends the reminders and overdue notices that are due; returns how many. */
export async function caseReminders(store: Store, opts: { timezone: string }, now: Date): Promise<number> {
  const open = await store.repos.alerts.openCases();
  if (open.length === 0) return 0;
  const raw = await store.repos.settings.get<unknown>('deadlines.policy');
  const policy: DeadlinePolicy = raw ? DeadlinePolicySchema.parse(raw) : defaultDeadlinePolicy();
  const due: Array<{ c: CasesTable; n: ReminderNotice }> = [];
  for (const c of open) {
    const s = CaseStateSchema.parse(JSON.parse(c.state));
    const leads = resolveDeadlineRule(policy, { level: s.level, category: s.category }).reminderLeadMinutes;
    const facts = {
      caseId: c.id,
      firstResponseDueAt: s.firstResponseDueAt,
      firstResponseAt: s.firstResponseAt,
      replyDueAt: s.replyDueAt,
      repliedAt: s.repliedAt,
    };
    for (const n of remindersDue(facts, leads, now, new Set())) due.push({ c, n });
  }
  const sent = await store.repos.alerts.existingKeys(due.map((x) => `case-notice|${x.n.key}`));
  const todo = due.filter((x) => !sent.has(`case-notice|${x.n.key}`));
  if (todo.length === 0) return 0;
  return store.tx(async (r) => {
    const dir = await loadDirectory(r, now);
    let n = 0;
    for (const { c, n: notice } of todo) {
      const text = noticeText(c, notice, opts.timezone);
      const id = await insertAlert(
        r,
        {
          ruleId: null,
          dedupeKey: `case-notice|${notice.key}`,
          level: toLevel(c.level),
          ...text,
          eventId: c.event_id,
          postId: null,
          userIds: caseRecipients(dir, c, notice.kind === 'overdue', now),
          channelIds: [],
          inApp: true,
          deliverAt: now.getTime(),
          nextEscalationAt: null,
          reasons: [`case ${c.number} ${notice.kind} (${notice.deadline})`],
        },
        now,
      );
      if (id) n++;
    }
    return n;
  });
}

/** Flare-ups of the events of recently closed cases; returns how many notices were raised. */
export async function followUpWatch(store: Store, now: Date): Promise<number> {
  const policy = FollowUpPolicySchema.parse((await store.repos.settings.get<unknown>(FOLLOW_UP_KEY)) ?? {});
  if (policy.days === 0) return 0;
  const closed = await store.repos.alerts.closedCasesSince(now.getTime() - policy.days * 86_400_000);
  const found: Array<{ c: CasesTable; f: ReturnType<typeof flareUps>[number] }> = [];
  for (const c of closed) {
    if (!c.event_id || c.closed_at === null) continue;
    const ref = { caseId: c.id, eventId: c.event_id, closedAt: new Date(Number(c.closed_at)).toISOString() };
    const flares: EventFlare[] = [];
    const raised = (await store.repos.events.levelHistory(c.event_id))
      .filter(
        (l) =>
          Number(l.at) > Number(c.closed_at) &&
          l.to_level !== null &&
          (l.from_level === null || l.to_level < l.from_level),
      )
      .pop();
    if (raised)
      flares.push({
        kind: 'level_raised',
        eventId: c.event_id,
        previousLevel: raised.from_level,
        level: raised.to_level!,
      });
    const newPosts = await store.repos.posts.count({ eventId: c.event_id, from: Number(c.closed_at) });
    flares.push({ kind: 'new_posts', eventId: c.event_id, countSinceClose: newPosts });
    for (const flare of flares) for (const f of flareUps([ref], flare, policy, now)) found.push({ c, f });
  }
  const sent = await store.repos.alerts.existingKeys(found.map((x) => x.f.dedupeKey));
  const todo = found.filter((x) => !sent.has(x.f.dedupeKey));
  if (todo.length === 0) return 0;
  return store.tx(async (r) => {
    const dir = await loadDirectory(r, now);
    let n = 0;
    for (const { c, f } of todo) {
      const id = await insertAlert(
        r,
        {
          ruleId: null,
          dedupeKey: f.dedupeKey,
          level: toLevel(c.level),
          title: `回头看：${c.number} ${c.title}`,
          body: f.reason,
          eventId: f.eventId,
          postId: null,
          userIds: caseRecipients(dir, c, true, now),
          channelIds: [],
          inApp: true,
          deliverAt: now.getTime(),
          nextEscalationAt: null,
          reasons: [`follow-up watch of case ${c.number}`],
        },
        now,
      );
      if (id) n++;
    }
    return n;
  });
}
