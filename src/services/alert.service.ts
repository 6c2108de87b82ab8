/**
 * Alerts for the desk: list and read them with their deliveries, acknowledge (who, when; audited), heightened
 * mode (24 小时值守), the signed-in user's in-app notifications, and the alert rules (validated with the rules
 * schema). The pipeline hook that raises alerts is `createAlertHooks` (alert-hooks.ts); sending and escalation
 * are the worker's (alert-worker.ts).
 */
import type { z } from 'zod';
import type { Alert, AlertRuleBody, SetHeightenedBody } from '../contracts/alerts.ts';
import { AlertRuleSchema } from '../alerts/rules.ts';
import type { HeightenedMode as ScheduleHeightened } from '../sources/schedule.ts';
import type { Store } from '../store/store.ts';
import type { AlertDeliveriesTable, AlertRulesTable, AlertsTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { auditActor, type Actor } from './actor.ts';
import { HEIGHTENED_KEY, heightenedState, isHeightenedOn, type HeightenedState } from './alert-context.ts';
import { toNotification } from './alert-delivery.ts';
import type { LiveHub } from './live.ts';

export { createAlertHooks, type AlertHooks, type AlertHookDeps } from './alert-hooks.ts';

const iso = (t: number | null) => (t === null ? null : new Date(Number(t)).toISOString());

export function toAlert(a: AlertsTable): Alert {
  return {
    id: a.id,
    ruleId: a.rule_id,
    level: a.level,
    title: a.title,
    body: a.body,
    eventId: a.event_id,
    postId: a.post_id,
    status: a.status as Alert['status'],
    recipients: parseJson<string[]>(a.recipients, []),
    escalationStep: a.escalation_step,
    nextEscalationAt: iso(a.next_escalation_at),
    acknowledgedBy: a.acknowledged_by,
    acknowledgedAt: iso(a.acknowledged_at),
    createdAt: iso(a.created_at)!,
  };
}

const toDelivery = (d: AlertDeliveriesTable) => ({
  id: d.id,
  channelKind: d.channel_kind,
  channelId: d.channel_id,
  recipient: d.recipient,
  status: d.status,
  attempts: d.attempts,
  lastError: d.last_error,
  createdAt: iso(d.created_at)!,
  sentAt: iso(d.sent_at),
});

const toRule = (r: AlertRulesTable) => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled === 1,
  config: parseJson<Record<string, unknown>>(r.config, {}),
});

type RuleBody = z.infer<typeof AlertRuleBody>;

export function createAlertService(store: Store, deps: { live: LiveHub }) {
  let heightenedCache: HeightenedState | null = null;
  let heightenedLoadedAt = Number.NEGATIVE_INFINITY;

  async function validRule(id: string, body: RuleBody): Promise<string> {
    const parsed = AlertRuleSchema.safeParse({ ...body.config, id, name: body.name, enabled: body.enabled });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = ['config', ...issue.path.map(String)];
      throw new AppError('TF_ERR_VALIDATION', `${path.join('.')}: ${issue.message}`, { path });
    }
    for (const channelId of [...parsed.data.channelIds, ...parsed.data.escalation.doubleReport.upperOfficeChannelIds]) {
      if (!(await store.repos.alerts.channel(channelId)))
        throw new AppError('TF_ERR_VALIDATION', `config.channelIds: no channel ${channelId}`, {
          path: ['config', 'channelIds'],
        });
    }
    const { id: _id, name: _name, enabled: _enabled, ...config } = parsed.data;
    return JSON.stringify(config);
  }

  return {
    async list(q: { open?: 'true' | 'false'; page: number; pageSize: number }) {
      const open = q.open === undefined ? undefined : q.open === 'true';
      const [rows, total] = await Promise.all([
        store.repos.alerts.list({
          ...(open === undefined ? {} : { open }),
          limit: q.pageSize,
          offset: (q.page - 1) * q.pageSize,
        }),
        store.repos.alerts.count({ ...(open === undefined ? {} : { open }) }),
      ]);
      return { alerts: rows.map(toAlert), total, page: q.page, pageSize: q.pageSize };
    },

    async get(id: string) {
      const a = await store.repos.alerts.byId(id);
      if (!a) throw new AppError('TF_ERR_NOT_FOUND', `alert ${id} not found`);
      return { ...toAlert(a), deliveries: (await store.repos.alerts.deliveries(id)).map(toDelivery) };
    },

    /** Acknowledge (确认): stops escalation. Acknowledging twice changes nothing. */
    async ack(actor: Actor, id: string, note: string | undefined, now: Date) {
      const updated = await store.tx(async (r) => {
        const a = await r.alerts.byId(id);
        if (!a) throw new AppError('TF_ERR_NOT_FOUND', `alert ${id} not found`);
        if (a.status === 'acknowledged') return null;
        const patch = {
          status: 'acknowledged',
          acknowledged_by: actor.userId ?? actor.tokenId ?? 'system',
          acknowledged_at: now.getTime(),
          next_escalation_at: null,
          updated_at: now.getTime(),
        };
        await r.alerts.update(id, patch);
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'alert.ack',
          entity: 'alert',
          entityId: id,
          before: { status: a.status, escalationStep: a.escalation_step },
          after: { status: 'acknowledged', ...(note ? { note } : {}) },
        });
        return { ...a, ...patch };
      });
      if (updated) {
        const recipients = parseJson<string[]>(updated.recipients, []);
        deps.live.publish({ event: 'alert', data: toNotification({ id: `ack-${id}` }, updated), userIds: recipients });
      }
      return toAlert(updated ?? (await store.repos.alerts.byId(id))!);
    },

    async notifications(actor: Actor, limit = 100) {
      if (!actor.userId) return { notifications: [] };
      const rows = await store.repos.alerts.notificationsFor(actor.userId, limit);
      return {
        notifications: rows.map((d) => ({ ...toNotification(d, d.alert), createdAt: iso(d.sent_at ?? d.created_at)! })),
      };
    },

    async heightened(now: Date) {
      const h = await heightenedState(store.repos);
      heightenedCache = h;
      return { ...h, active: isHeightenedOn(h, now) };
    },

    async setHeightened(actor: Actor, body: z.infer<typeof SetHeightenedBody>, now: Date) {
      if (body.active && body.until && Date.parse(body.until) <= now.getTime()) {
        throw new AppError('TF_ERR_VALIDATION', 'until: must be in the future', { path: ['until'] });
      }
      const next: HeightenedState = body.active
        ? {
            active: true,
            until: body.until ? new Date(body.until).toISOString() : new Date(now.getTime() + 86_400_000).toISOString(),
            intervalSeconds: body.intervalSeconds,
            sourceIds: body.sourceIds,
            reason: body.reason ?? null,
            setBy: actor.userId,
          }
        : {
            active: false,
            until: null,
            intervalSeconds: body.intervalSeconds,
            sourceIds: 'all',
            reason: body.reason ?? null,
            setBy: actor.userId,
          };
      await store.tx(async (r) => {
        const before = await heightenedState(r);
        await r.settings.set(HEIGHTENED_KEY, next, now.getTime());
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'alerts.heightened',
          entity: 'settings',
          entityId: HEIGHTENED_KEY,
          before,
          after: next,
        });
      });
      heightenedCache = next;
      return next;
    },

    /** For the collector (sync): heightened polling as the scheduler wants it, from the last read or write. */
    heightenedForCollector(now: Date = new Date()): ScheduleHeightened | null {
      // Refreshed in the background at most once a minute (another process may have changed it).
      if (Date.now() - heightenedLoadedAt > 60_000) {
        heightenedLoadedAt = Date.now();
        void heightenedState(store.repos)
          .then((h) => (heightenedCache = h))
          .catch(() => undefined);
      }
      const h = heightenedCache;
      if (!h || !isHeightenedOn(h, now) || !h.until) return null;
      return { until: new Date(h.until), interval_seconds: h.intervalSeconds, source_ids: h.sourceIds };
    },

    rules: {
      async list() {
        return { rules: (await store.repos.alerts.rules()).map(toRule) };
      },
      async create(actor: Actor, body: RuleBody, now: Date) {
        const id = newId('rule', now.getTime());
        const config = await validRule(id, body);
        const row: AlertRulesTable = {
          id,
          name: body.name,
          config,
          enabled: body.enabled ? 1 : 0,
          created_at: now.getTime(),
        };
        await store.tx(async (r) => {
          if ((await r.alerts.rules()).some((x) => x.name === body.name))
            throw new AppError('TF_ERR_CONFLICT', `an alert rule named ${body.name} exists`);
          await r.alerts.insertRule(row);
          await r.audit.append({
            at: now.getTime(),
            ...auditActor(actor),
            action: 'alert_rule.create',
            entity: 'alert_rule',
            entityId: id,
            after: toRule(row),
          });
        });
        return toRule(row);
      },
      async update(actor: Actor, id: string, body: RuleBody, now: Date) {
        const before = await store.repos.alerts.rule(id);
        if (!before) throw new AppError('TF_ERR_NOT_FOUND', `alert rule ${id} not found`);
        const config = await validRule(id, body);
        const patch = { name: body.name, config, enabled: body.enabled ? 1 : 0 };
        await store.tx(async (r) => {
          if ((await r.alerts.rules()).some((x) => x.name === body.name && x.id !== id))
            throw new AppError('TF_ERR_CONFLICT', `an alert rule named ${body.name} exists`);
          await r.alerts.updateRule(id, patch);
          await r.audit.append({
            at: now.getTime(),
            ...auditActor(actor),
            action: 'alert_rule.update',
            entity: 'alert_rule',
            entityId: id,
            before: toRule(before),
            after: toRule({ ...before, ...patch }),
          });
        });
        return toRule({ ...before, ...patch });
      },
      async remove(actor: Actor, id: string, now: Date) {
        const before = await store.repos.alerts.rule(id);
        if (!before) throw new AppError('TF_ERR_NOT_FOUND', `alert rule ${id} not found`);
        await store.tx(async (r) => {
          await r.alerts.deleteRule(id);
          await r.audit.append({
            at: now.getTime(),
            ...auditActor(actor),
            action: 'alert_rule.delete',
            entity: 'alert_rule',
            entityId: id,
            before: toRule(before),
          });
        });
        return { ok: true as const };
      },
    },
  };
}
export type AlertService = ReturnType<typeof createAlertService>;
