/**
 * The notifier: sends the deliveries that are due. In-app ones go to the person's dashboards over the live hub
 * (and stay listed in GET /api/notifications); channel ones through the vendor senders with their secrets opened
 * by the secret box. Each outcome is recorded on the delivery (status, attempts, last error without secrets). A
 * retryable failure is tried again later (1 min, then 5 min); a final failure is reported to the alert's
 * recipients and the admins as an in-app notice, in the audit log and the log — never silently dropped.
 */
import { sendAlert, type SendOptions } from '../alerts/channels/index.ts';
import type { SecretBox } from '../alerts/secret-box.ts';
import type { Notification } from '../contracts/alerts.ts';
import type { Store } from '../store/store.ts';
import type { AlertDeliveriesTable, AlertsTable, ChannelsTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { insertAlert } from './alert-raise.ts';
import {
  alertMessage,
  isVendorKind,
  openChannelConfig,
  redact,
  secretValues,
  type MessageContext,
} from './channel-config.ts';
import type { LiveHub } from './live.ts';

export interface DeliveryDeps {
  store: Store;
  live: LiveHub;
  box: SecretBox;
  message: MessageContext;
  /** Retry policy and timeouts for the channel senders. */
  send?: SendOptions;
  logger?: { warn(obj: object, msg: string): void };
}

export interface DeliveryTally {
  sent: number;
  failed: number;
  retried: number;
}

/** Total attempts (over all rounds) before a retryable failure is final. */
const MAX_ATTEMPTS = 9;

export function notificationKind(a: Pick<AlertsTable, 'rule_id' | 'dedupe_key'>): NonNullable<Notification['kind']> {
  if (a.rule_id) return 'alert';
  return a.dedupe_key.startsWith('delivery-failed|') ? 'delivery_failed' : 'notice';
}

export function toNotification(d: Pick<AlertDeliveriesTable, 'id'>, a: AlertsTable): Notification {
  return {
    id: d.id,
    alertId: a.id,
    title: a.title,
    level: a.level,
    createdAt: new Date(Number(a.created_at)).toISOString(),
    acknowledged: a.status === 'acknowledged',
    kind: notificationKind(a),
    body: a.body,
  };
}

type Outcome = { ok: true; attempts: number } | { ok: false; attempts: number; error: string; retryable: boolean };

async function sendToChannel(deps: DeliveryDeps, a: AlertsTable, ch: ChannelsTable | undefined): Promise<Outcome> {
  if (!ch) return { ok: false, attempts: 0, error: 'TF_ERR_CHANNEL_CONFIG: the channel was deleted', retryable: false };
  if (ch.enabled !== 1)
    return {
      ok: false,
      attempts: 0,
      error: `TF_ERR_CHANNEL_CONFIG: channel ${ch.name} is switched off`,
      retryable: false,
    };
  if (!isVendorKind(ch.kind))
    return {
      ok: false,
      attempts: 0,
      error: `TF_ERR_CHANNEL_CONFIG: unknown channel kind ${ch.kind}`,
      retryable: false,
    };
  let config: Record<string, unknown>;
  try {
    config = openChannelConfig(ch, deps.box);
  } catch {
    return {
      ok: false,
      attempts: 0,
      error: 'TF_ERR_SECRET_BOX: cannot open the channel secrets (was the secret key changed?); re-enter them',
      retryable: false,
    };
  }
  const res = await sendAlert(ch.kind, alertMessage(a, deps.message), config, deps.send);
  if (res.ok) return { ok: true, attempts: res.attempts };
  const secrets = secretValues(ch.kind, config);
  const detail = [
    res.error?.message ?? 'failed',
    res.httpStatus ? `HTTP ${res.httpStatus}` : '',
    res.response ? `answer: ${res.response}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    ok: false,
    attempts: res.attempts,
    error: redact(`${res.error?.code ?? 'TF_ERR_CHANNEL'}: ${detail}`, secrets).slice(0, 1000),
    retryable: res.error?.retryable ?? false,
  };
}

async function reportFailure(
  deps: DeliveryDeps,
  a: AlertsTable,
  d: AlertDeliveriesTable,
  ch: ChannelsTable | undefined,
  error: string,
  now: Date,
) {
  const name = ch?.name ?? d.channel_id ?? d.channel_kind;
  deps.logger?.warn(
    { alertId: a.id, deliveryId: d.id, channel: name, kind: d.channel_kind },
    `alert delivery failed: ${error}`,
  );
  await deps.store.tx(async (r) => {
    const admins = (await r.users.list()).filter((u) => u.role === 'admin' && u.disabled === 0).map((u) => u.id);
    await insertAlert(
      r,
      {
        ruleId: null,
        dedupeKey: `delivery-failed|${d.id}`,
        level: Math.min(4, Math.max(1, a.level)) as 1 | 2 | 3 | 4,
        title: `通知渠道发送失败：${name}`.slice(0, 200),
        body: `预警「${a.title}」经 ${name}（${d.channel_kind}）发送失败：${error}`,
        eventId: a.event_id,
        postId: null,
        userIds: [...parseJson<string[]>(a.recipients, []), ...admins],
        channelIds: [],
        inApp: true,
        deliverAt: now.getTime(),
        nextEscalationAt: null,
        reasons: ['a channel could not deliver an alert'],
      },
      now,
    );
    await r.audit.append({
      at: now.getTime(),
      actorType: 'system',
      actorId: null,
      action: 'alert.delivery_failed',
      entity: 'alert',
      entityId: a.id,
      after: { deliveryId: d.id, channelId: d.channel_id, kind: d.channel_kind, attempts: d.attempts, error },
    });
  });
}

/** The alert's status from its deliveries (acknowledged and escalated stay). */
async function refreshStatus(store: Store, alertId: string, now: Date): Promise<void> {
  const a = await store.repos.alerts.byId(alertId);
  if (!a || a.status === 'acknowledged' || a.status === 'escalated') return;
  const ds = await store.repos.alerts.deliveries(alertId);
  const status = ds.some((d) => d.status === 'sent')
    ? 'delivered'
    : ds.some((d) => d.status === 'pending')
      ? 'sent'
      : 'failed';
  if (status !== a.status) await store.repos.alerts.update(alertId, { status, updated_at: now.getTime() });
}

export async function deliverDue(deps: DeliveryDeps, now: Date, limit = 100): Promise<DeliveryTally> {
  const tally: DeliveryTally = { sent: 0, failed: 0, retried: 0 };
  const due = await deps.store.repos.alerts.dueDeliveries(now.getTime(), limit);
  const alerts = new Map<string, AlertsTable | undefined>();
  const channels = new Map<string, ChannelsTable | undefined>();
  const t = now.getTime();
  for (const d of due) {
    if (!alerts.has(d.alert_id)) alerts.set(d.alert_id, await deps.store.repos.alerts.byId(d.alert_id));
    const a = alerts.get(d.alert_id);
    if (!a) {
      await deps.store.repos.alerts.updateDelivery(d.id, {
        status: 'failed',
        last_error: 'the alert no longer exists',
      });
      continue;
    }
    if (d.channel_kind === 'in_app') {
      deps.live.publish({ event: 'alert', data: toNotification(d, a), userIds: [d.recipient ?? ''] });
      await deps.store.repos.alerts.updateDelivery(d.id, {
        status: 'sent',
        attempts: d.attempts + 1,
        sent_at: t,
        last_error: null,
      });
      tally.sent++;
      continue;
    }
    const channelId = d.channel_id ?? '';
    if (!channels.has(channelId)) channels.set(channelId, await deps.store.repos.alerts.channel(channelId));
    const ch = channels.get(channelId);
    const out = await sendToChannel(deps, a, ch);
    const attempts = d.attempts + out.attempts;
    if (out.ok) {
      await deps.store.repos.alerts.updateDelivery(d.id, { status: 'sent', attempts, sent_at: t, last_error: null });
      tally.sent++;
    } else if (out.retryable && attempts < MAX_ATTEMPTS) {
      const delay = attempts < 4 ? 60_000 : 300_000;
      await deps.store.repos.alerts.updateDelivery(d.id, {
        status: 'pending',
        attempts,
        last_error: out.error,
        created_at: t + delay,
      });
      tally.retried++;
    } else {
      await deps.store.repos.alerts.updateDelivery(d.id, { status: 'failed', attempts, last_error: out.error });
      await reportFailure(deps, a, { ...d, attempts }, ch, out.error, now);
      tally.failed++;
    }
  }
  for (const id of alerts.keys()) await refreshStatus(deps.store, id, now);
  return tally;
}
