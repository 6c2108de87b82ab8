/**
 * Escalation (升级) of alerts nobody acknowledged in time: the pure `nextEscalationStep` decides (next person in the
 * duty chain, then the leaders; 双重报告 to the upper-level office when the rule says); this writes the step — new
 * in-app deliveries for the people, deliveries for the rule's channels and the upper office's, the alert's new
 * step and next deadline, and the audit entry — in one transaction.
 */
import { ackTimeoutMinutes, nextEscalationStep, type AlertLifecycle, type AlertStatus } from '../alerts/escalation.ts';
import type { AlertRule } from '../alerts/rules.ts';
import type { Store } from '../store/store.ts';
import type { AlertDeliveriesTable, AlertsTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { loadDirectory, ruleFromRow } from './alert-context.ts';
import { deliveryRows } from './alert-raise.ts';

const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)];

export function lifecycleOf(
  a: AlertsTable,
  rule: AlertRule,
  deliveries: readonly AlertDeliveriesTable[],
): AlertLifecycle {
  const level = Math.min(4, Math.max(1, a.level)) as 1 | 2 | 3 | 4;
  const notified = parseJson<string[]>(a.recipients, []);
  const dr = rule.escalation.doubleReport;
  const doubleReported =
    dr.enabled &&
    (dr.immediate ||
      (dr.upperOfficeUserIds.length > 0 && dr.upperOfficeUserIds.every((u) => notified.includes(u))) ||
      deliveries.some((d) => d.channel_id !== null && dr.upperOfficeChannelIds.includes(d.channel_id)));
  const due = a.next_escalation_at === null ? null : Number(a.next_escalation_at);
  return {
    id: a.id,
    level,
    status: (a.status === 'pending' ? 'sent' : a.status) as AlertStatus,
    createdAt: new Date(Number(a.created_at)).toISOString(),
    sentAt: null,
    acknowledgedAt: a.acknowledged_at === null ? null : new Date(Number(a.acknowledged_at)).toISOString(),
    acknowledgedBy: a.acknowledged_by,
    escalationStep: a.escalation_step,
    // The deadline is kept as next_escalation_at = last notified + the rule's time.
    lastNotifiedAt: due === null ? null : new Date(due - ackTimeoutMinutes(rule, level) * 60_000).toISOString(),
    notifiedUserIds: notified,
    doubleReported,
  };
}

export async function escalateDue(
  deps: { store: Store; logger?: { info(obj: object, msg: string): void } },
  now: Date,
): Promise<number> {
  const t = now.getTime();
  let escalated = 0;
  for (const due of await deps.store.repos.alerts.dueForEscalation(t)) {
    const done = await deps.store.tx(async (r) => {
      const a = await r.alerts.byId(due.id);
      if (!a || a.status === 'acknowledged' || a.next_escalation_at === null || Number(a.next_escalation_at) > t)
        return false;
      const ruleRow = a.rule_id ? await r.alerts.rule(a.rule_id) : undefined;
      const parsed = ruleRow ? ruleFromRow(ruleRow) : null;
      if (!parsed || !('rule' in parsed)) {
        await r.alerts.update(a.id, { next_escalation_at: null, updated_at: t });
        return false;
      }
      const rule = parsed.rule;
      const lifecycle = lifecycleOf(a, rule, await r.alerts.deliveries(a.id));
      const dir = await loadDirectory(r, new Date(Number(a.created_at)));
      const decision = nextEscalationStep(lifecycle, rule, dir.roster, now);
      if (decision.kind === 'wait') {
        await r.alerts.update(a.id, { next_escalation_at: Date.parse(decision.until) });
        return false;
      }
      if (decision.kind === 'none') {
        await r.alerts.update(a.id, { next_escalation_at: null, updated_at: t });
        if (decision.reason === 'exhausted') {
          await r.audit.append({
            at: t,
            actorType: 'system',
            actorId: null,
            action: 'alert.escalation_exhausted',
            entity: 'alert',
            entityId: a.id,
            after: { step: a.escalation_step, reason: 'nobody left to escalate to (no chain, no leaders)' },
          });
        }
        return false;
      }
      const rows = await deliveryRows(r, a.id, decision.userIds, [...rule.channelIds, ...decision.channelIds], true, t);
      for (const d of rows) await r.alerts.insertDelivery(d);
      const recipients = uniq([...lifecycle.notifiedUserIds, ...decision.userIds]);
      await r.alerts.update(a.id, {
        status: 'escalated',
        escalation_step: decision.step,
        recipients: JSON.stringify(recipients),
        next_escalation_at: t + ackTimeoutMinutes(rule, lifecycle.level) * 60_000,
        updated_at: t,
      });
      await r.audit.append({
        at: t,
        actorType: 'system',
        actorId: null,
        action: 'alert.escalate',
        entity: 'alert',
        entityId: a.id,
        before: { step: a.escalation_step, status: a.status },
        after: {
          step: decision.step,
          userIds: decision.userIds,
          channelIds: [...rule.channelIds, ...decision.channelIds],
          doubleReport: decision.doubleReport,
          reason: decision.reason,
        },
      });
      deps.logger?.info({ alertId: a.id, step: decision.step, users: decision.userIds.length }, decision.reason);
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}
