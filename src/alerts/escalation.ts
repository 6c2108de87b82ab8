/**
 * Alert lifecycle and escalation, pure. An alert goes pending → sent → delivered → acknowledged; when nobody
 * acknowledges within the rule's time (DEFAULT_ACK_MINUTES per level unless set) it is escalated: to the next
 * person in the duty shift's escalation chain (备班), one at a time, then to the shift's leaders (带班领导). With
 * double reporting (双重报告) the step that reaches the leader also goes to the upper-level office; with
 * `immediate`, both are told at the first send. Each step is returned with its reason for the log.
 */
import type { Role } from '../cases/case-model.ts';
import { onDuty, type Roster } from './roster.ts';
import { DEFAULT_ACK_MINUTES, type AlertRule, type Recipients } from './rules.ts';

export type AlertStatus = 'pending' | 'sent' | 'delivered' | 'acknowledged' | 'escalated' | 'failed';

export interface AlertLifecycle {
  id: string;
  level: 1 | 2 | 3 | 4;
  status: AlertStatus;
  createdAt: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  /** 0 = initial recipients; each escalation adds one. */
  escalationStep: number;
  lastNotifiedAt: string | null;
  notifiedUserIds: string[];
  /** Set once the upper office has been told. */
  doubleReported: boolean;
}

export interface DirectoryUser {
  userId: string;
  role: Role;
  unitId?: string | null;
  disabled?: boolean;
}

const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)];

export function newAlertLifecycle(id: string, level: 1 | 2 | 3 | 4, createdAt: Date): AlertLifecycle {
  return {
    id,
    level,
    status: 'pending',
    createdAt: createdAt.toISOString(),
    sentAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    escalationStep: 0,
    lastNotifiedAt: null,
    notifiedUserIds: [],
    doubleReported: false,
  };
}

export interface InitialRecipients {
  userIds: string[];
  /** Extra channels (upper office) when double reporting is immediate. */
  channelIds: string[];
  doubleReported: boolean;
  /** Why each group is included, for the log. */
  reasons: string[];
}

/** Resolves a rule's recipients at `now`: on-duty people, roles, unit liaisons, named users, and immediate 双重报告. */
export function initialRecipients(
  rule: AlertRule,
  recipients: Recipients,
  roster: Roster,
  directory: readonly DirectoryUser[],
  now: Date,
): InitialRecipients {
  const active = directory.filter((u) => !u.disabled);
  const ids: string[] = [];
  const reasons: string[] = [];
  const duty = onDuty(roster, now);
  if (recipients.dutyRoster) {
    ids.push(...duty.onDuty);
    reasons.push(duty.onDuty.length ? `on duty: ${duty.onDuty.join(', ')}` : 'nobody on duty at this time');
  }
  for (const role of recipients.roles) ids.push(...active.filter((u) => u.role === role).map((u) => u.userId));
  if (recipients.roles.length) reasons.push(`roles: ${recipients.roles.join(', ')}`);
  const liaisons = active.filter((u) => u.role === 'unit_liaison' && u.unitId && recipients.unitIds.includes(u.unitId));
  ids.push(...liaisons.map((u) => u.userId));
  if (recipients.unitIds.length) reasons.push(`units: ${recipients.unitIds.join(', ')}`);
  ids.push(...recipients.userIds);
  const dr = rule.escalation.doubleReport;
  const immediate = dr.enabled && dr.immediate;
  if (immediate) {
    ids.push(...duty.leaderIds, ...dr.upperOfficeUserIds);
    reasons.push('双重报告: own leader and upper-level office told at once');
  }
  const disabled = new Set(directory.filter((u) => u.disabled).map((u) => u.userId));
  return {
    userIds: uniq(ids).filter((u) => !disabled.has(u)),
    channelIds: immediate ? [...dr.upperOfficeChannelIds] : [],
    doubleReported: immediate,
    reasons,
  };
}

export type EscalationDecision =
  | { kind: 'none'; reason: 'acknowledged' | 'not_sent' | 'disabled' | 'exhausted' }
  | { kind: 'wait'; until: string }
  | {
      kind: 'escalate';
      step: number;
      userIds: string[];
      channelIds: string[];
      doubleReport: boolean;
      reason: string;
    };

export function ackTimeoutMinutes(rule: AlertRule, level: 1 | 2 | 3 | 4): number {
  return rule.escalation.ackTimeoutMinutes ?? DEFAULT_ACK_MINUTES[level];
}

/**
 * What to do now about an unacknowledged alert. The escalation chain comes from the shift on duty when the alert
 * was raised: the chain's people in order (skipping anyone already told), then the leaders (shift leaders, else
 * the roster's default leaders) together — with the upper office when the rule asks for double reporting.
 */
export function nextEscalationStep(alert: AlertLifecycle, rule: AlertRule, roster: Roster, now: Date): EscalationDecision {
  if (alert.acknowledgedAt || alert.status === 'acknowledged') return { kind: 'none', reason: 'acknowledged' };
  if (!rule.escalation.enabled) return { kind: 'none', reason: 'disabled' };
  if (!alert.lastNotifiedAt) return { kind: 'none', reason: 'not_sent' };
  const due = Date.parse(alert.lastNotifiedAt) + ackTimeoutMinutes(rule, alert.level) * 60_000;
  if (now.getTime() < due) return { kind: 'wait', until: new Date(due).toISOString() };

  const duty = onDuty(roster, new Date(alert.createdAt));
  const told = new Set(alert.notifiedUserIds);
  const nextPerson = duty.escalationChain.find((u) => !told.has(u));
  const minutes = ackTimeoutMinutes(rule, alert.level);
  if (nextPerson) {
    return {
      kind: 'escalate',
      step: alert.escalationStep + 1,
      userIds: [nextPerson],
      channelIds: [],
      doubleReport: false,
      reason: `not acknowledged within ${minutes} min: next in the duty chain`,
    };
  }
  const leaders = duty.leaderIds.filter((u) => !told.has(u));
  const dr = rule.escalation.doubleReport;
  const upper = dr.enabled && !alert.doubleReported ? dr.upperOfficeUserIds.filter((u) => !told.has(u)) : [];
  const upperChannels = dr.enabled && !alert.doubleReported ? dr.upperOfficeChannelIds : [];
  if (leaders.length === 0 && upper.length === 0 && upperChannels.length === 0) return { kind: 'none', reason: 'exhausted' };
  const withUpper = upper.length > 0 || upperChannels.length > 0;
  return {
    kind: 'escalate',
    step: alert.escalationStep + 1,
    userIds: uniq([...leaders, ...upper]),
    channelIds: [...upperChannels],
    doubleReport: withUpper,
    reason: withUpper
      ? `not acknowledged within ${minutes} min: leader and upper-level office (双重报告)`
      : `not acknowledged within ${minutes} min: the leader`,
  };
}

export type AlertLifecycleEvent =
  | { type: 'sent'; userIds: string[]; doubleReported?: boolean }
  | { type: 'delivered' }
  | { type: 'failed' }
  | { type: 'acknowledged'; userId: string }
  | { type: 'escalated'; step: number; userIds: string[]; doubleReport: boolean };

/** Applies a lifecycle event; acknowledgement is final. Returns the alert unchanged for a late, stray event. */
export function applyAlertEvent(alert: AlertLifecycle, event: AlertLifecycleEvent, now: Date): AlertLifecycle {
  const at = now.toISOString();
  if (alert.status === 'acknowledged') return alert;
  switch (event.type) {
    case 'sent':
      return {
        ...alert,
        status: 'sent',
        sentAt: alert.sentAt ?? at,
        lastNotifiedAt: at,
        notifiedUserIds: uniq([...alert.notifiedUserIds, ...event.userIds]),
        doubleReported: alert.doubleReported || (event.doubleReported ?? false),
      };
    case 'delivered':
      return alert.status === 'sent' || alert.status === 'failed' ? { ...alert, status: 'delivered' } : alert;
    case 'failed':
      return alert.status === 'sent' ? { ...alert, status: 'failed' } : alert;
    case 'acknowledged':
      return { ...alert, status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: event.userId };
    case 'escalated':
      return {
        ...alert,
        status: 'escalated',
        escalationStep: event.step,
        lastNotifiedAt: at,
        notifiedUserIds: uniq([...alert.notifiedUserIds, ...event.userIds]),
        doubleReported: alert.doubleReported || event.doubleReport,
      };
  }
}
