/**
 * Notification channels (WeCom, DingTalk, Feishu, email, webhook, in-app): settings validated with the channel's
 * own schema, secret fields sealed at rest (never returned: `hasSecret` only), and a test send. Editing a channel
 * without re-entering its secrets keeps the stored ones.
 */
import type { z } from 'zod';
import { channelFor, sendAlert, type SendOptions } from '../alerts/channels/index.ts';
import type { SecretBox } from '../alerts/secret-box.ts';
import type { ChannelBody } from '../contracts/alerts.ts';
import type { Store } from '../store/store.ts';
import type { ChannelsTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { auditActor, type Actor } from './actor.ts';
import {
  alertMessage,
  isVendorKind,
  openChannelConfig,
  redact,
  sealChannelConfig,
  secretFieldsOf,
  secretValues,
  type MessageContext,
} from './channel-config.ts';

type Body = z.infer<typeof ChannelBody>;

export const toChannel = (c: ChannelsTable) => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  enabled: c.enabled === 1,
  config: parseJson<Record<string, unknown>>(c.config, {}),
  hasSecret: c.secret_enc !== null,
});

/** Validates the full settings for the kind; returns them normalised (defaults applied). */
function validated(kind: Body['kind'], config: Record<string, unknown>): Record<string, unknown> {
  if (kind === 'in_app') return {};
  const parsed = channelFor(kind).configSchema.safeParse(config);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = parsed.error.issues[0]!;
  const path = ['config', ...issue.path.map(String)];
  throw new AppError('TF_ERR_VALIDATION', `${path.join('.')}: ${issue.message}`, { path });
}

export function createChannelService(
  store: Store,
  deps: { box: SecretBox; message: MessageContext; send?: SendOptions },
) {
  const audited = (c: ChannelsTable) => ({ ...toChannel(c), secret: c.secret_enc ? 'sealed' : null });

  return {
    async list() {
      return { channels: (await store.repos.alerts.channels()).map(toChannel) };
    },

    async create(actor: Actor, body: Body, now: Date) {
      const id = newId('chn', now.getTime());
      const sealed = sealChannelConfig(id, body.kind, validated(body.kind, body.config), deps.box);
      const row: ChannelsTable = {
        id,
        name: body.name,
        kind: body.kind,
        enabled: body.enabled ? 1 : 0,
        created_at: now.getTime(),
        ...sealed,
      };
      await store.tx(async (r) => {
        if ((await r.alerts.channels()).some((c) => c.name === body.name))
          throw new AppError('TF_ERR_CONFLICT', `a channel named ${body.name} exists`);
        await r.alerts.insertChannel(row);
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'channel.create',
          entity: 'channel',
          entityId: id,
          after: audited(row),
        });
      });
      return toChannel(row);
    },

    async update(actor: Actor, id: string, body: Body, now: Date) {
      const before = await store.repos.alerts.channel(id);
      if (!before) throw new AppError('TF_ERR_NOT_FOUND', `channel ${id} not found`);
      let config = body.config;
      if (before.kind === body.kind) {
        // Secret fields left out keep their stored values.
        const stored = openChannelConfig(before, deps.box);
        const kept = Object.fromEntries(
          secretFieldsOf(body.kind)
            .filter((f) => config[f] === undefined && stored[f] !== undefined)
            .map((f) => [f, stored[f]]),
        );
        config = { ...config, ...kept };
      }
      const sealed = sealChannelConfig(id, body.kind, validated(body.kind, config), deps.box);
      const after: ChannelsTable = {
        ...before,
        name: body.name,
        kind: body.kind,
        enabled: body.enabled ? 1 : 0,
        ...sealed,
      };
      await store.tx(async (r) => {
        if ((await r.alerts.channels()).some((c) => c.name === body.name && c.id !== id))
          throw new AppError('TF_ERR_CONFLICT', `a channel named ${body.name} exists`);
        await r.alerts.updateChannel(id, {
          name: after.name,
          kind: after.kind,
          enabled: after.enabled,
          config: after.config,
          secret_enc: after.secret_enc,
        });
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'channel.update',
          entity: 'channel',
          entityId: id,
          before: audited(before),
          after: audited(after),
        });
      });
      return toChannel(after);
    },

    /** Sends a test message through the channel now (one attempt) and says what happened. */
    async test(actor: Actor, id: string, now: Date) {
      const ch = await store.repos.alerts.channel(id);
      if (!ch) throw new AppError('TF_ERR_NOT_FOUND', `channel ${id} not found`);
      let result: { ok: boolean; attempts: number; httpStatus?: number; error?: { code: string; message: string } };
      if (!isVendorKind(ch.kind)) {
        result = { ok: true, attempts: 0 };
      } else {
        const config = openChannelConfig(ch, deps.box);
        const msg = alertMessage(
          {
            id: `test-${id}`,
            level: 4,
            title: '听风通知渠道测试',
            body: `这是来自听风的测试消息，用于确认渠道「${ch.name}」可以送达。`,
            created_at: now.getTime(),
            escalation_step: 0,
            event_id: null,
          },
          deps.message,
          true,
        );
        const res = await sendAlert(ch.kind, msg, config, { ...deps.send, retry: { maxAttempts: 1 } });
        const secrets = secretValues(ch.kind, config);
        result = {
          ok: res.ok,
          attempts: res.attempts,
          ...(res.httpStatus ? { httpStatus: res.httpStatus } : {}),
          ...(res.error ? { error: { code: res.error.code, message: redact(res.error.message, secrets) } } : {}),
        };
      }
      await store.tx((r) =>
        r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'channel.test',
          entity: 'channel',
          entityId: id,
          after: { ok: result.ok, error: result.error ?? null },
        }),
      );
      return result;
    },
  };
}
export type ChannelService = ReturnType<typeof createChannelService>;
