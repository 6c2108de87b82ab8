/**
 * Raising an alert or notice in the caller's transaction: the alert row (unique dedupe key), one pending in-app
 * delivery per person and one per channel, and the audit entry. A channel that is missing or switched off still
 * gets a delivery, which the notifier fails and reports — never silently dropped.
 */
import type { Repos } from '../store/store.ts';
import type { AlertDeliveriesTable, AlertsTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';

export interface NewAlert {
  /** null for notices (reminders 催办, overdue, follow-up, delivery failures). */
  ruleId: string | null;
  dedupeKey: string;
  level: 1 | 2 | 3 | 4;
  title: string;
  body: string;
  eventId: string | null;
  postId: string | null;
  userIds: string[];
  channelIds: string[];
  inApp: boolean;
  /** When the deliveries are due (end of quiet hours, or now). */
  deliverAt: number;
  nextEscalationAt: number | null;
  /** Why these people, for the audit log. */
  reasons: string[];
}

const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)];

export async function deliveryRows(
  r: Repos,
  alertId: string,
  userIds: readonly string[],
  channelIds: readonly string[],
  inApp: boolean,
  dueAt: number,
): Promise<AlertDeliveriesTable[]> {
  const rows: AlertDeliveriesTable[] = [];
  const base = { alert_id: alertId, attempts: 0, last_error: null, created_at: dueAt, sent_at: null };
  let wantInApp = inApp;
  for (const channelId of uniq(channelIds)) {
    const ch = await r.alerts.channel(channelId);
    if (ch?.kind === 'in_app' && ch.enabled === 1) {
      wantInApp = true;
      continue;
    }
    // A missing or switched-off channel still gets a delivery: the notifier fails it and reports why.
    rows.push({
      ...base,
      id: newId('dlv', dueAt),
      channel_id: channelId,
      channel_kind: ch?.kind ?? 'unknown',
      recipient: null,
      status: 'pending',
    });
  }
  if (wantInApp) {
    for (const userId of uniq(userIds))
      rows.push({
        ...base,
        id: newId('dlv', dueAt),
        channel_id: null,
        channel_kind: 'in_app',
        recipient: userId,
        status: 'pending',
      });
  }
  return rows;
}

/** Inserts the alert with its deliveries; returns its id, or null when a notice with this key exists already. */
export async function insertAlert(r: Repos, a: NewAlert, now: Date): Promise<string | null> {
  const t = now.getTime();
  const id = newId('alr', t);
  const row: AlertsTable = {
    id,
    rule_id: a.ruleId,
    dedupe_key: a.dedupeKey,
    level: a.level,
    title: a.title.slice(0, 500),
    body: a.body.slice(0, 4000),
    event_id: a.eventId,
    post_id: a.postId,
    status: 'pending',
    recipients: JSON.stringify(uniq(a.userIds)),
    escalation_step: 0,
    next_escalation_at: a.nextEscalationAt,
    acknowledged_by: null,
    acknowledged_at: null,
    created_at: t,
    updated_at: t,
  };
  let inserted = await r.alerts.insertIfNew(row);
  // A rule's key seen before the throttle window: a new alert, its key made unique by the time.
  if (!inserted && a.ruleId) inserted = await r.alerts.insertIfNew({ ...row, dedupe_key: `${a.dedupeKey}#${t}` });
  if (!inserted) return null;
  const deliveries = await deliveryRows(r, id, a.userIds, a.channelIds, a.inApp, a.deliverAt);
  for (const d of deliveries) await r.alerts.insertDelivery(d);
  if (deliveries.length === 0) await r.alerts.update(id, { status: 'failed' });
  await r.audit.append({
    at: t,
    actorType: 'system',
    actorId: null,
    action: a.ruleId ? 'alert.raise' : 'notice.raise',
    entity: 'alert',
    entityId: id,
    after: {
      ruleId: a.ruleId,
      dedupeKey: a.dedupeKey,
      level: a.level,
      title: row.title,
      recipients: uniq(a.userIds),
      channels: a.channelIds,
      deliverAt: new Date(a.deliverAt).toISOString(),
      reasons: a.reasons,
      ...(deliveries.length === 0 ? { problem: 'nobody to notify: no recipients and no channels' } : {}),
    },
  });
  return id;
}
