/**
 * Channel registry: look a channel up by kind, validate its settings, and send. Settings listed in a channel's
 * `secretFields` are stored encrypted (see ../secret-box.ts: `splitSecrets` / `joinSecrets`).
 */
import type { AlertMessage, Channel, ChannelKind, DeliveryResult, SendOptions } from './channel.ts';
import { dingtalkChannel } from './dingtalk.ts';
import { emailChannel } from './email.ts';
import { feishuChannel } from './feishu.ts';
import { webhookChannel } from './webhook.ts';
import { wecomChannel } from './wecom.ts';

export * from './channel.ts';
export { WecomConfigSchema, type WecomConfig } from './wecom.ts';
export { DingtalkConfigSchema, dingtalkSign, type DingtalkConfig } from './dingtalk.ts';
export { FeishuConfigSchema, feishuSign, type FeishuConfig } from './feishu.ts';
export { EmailConfigSchema, type EmailConfig } from './email.ts';
export { WebhookConfigSchema, verifyWebhookSignature, webhookSignature, type WebhookConfig } from './webhook.ts';

export const CHANNELS = {
  wecom: wecomChannel,
  dingtalk: dingtalkChannel,
  feishu: feishuChannel,
  email: emailChannel,
  webhook: webhookChannel,
} as const satisfies Record<ChannelKind, { kind: ChannelKind }>;

export function channelFor(kind: ChannelKind): Channel<unknown> {
  return CHANNELS[kind] as unknown as Channel<unknown>;
}

/**
 * Validates `config` for `kind` and sends. A bad configuration is returned as a failed delivery
 * (TF_ERR_CHANNEL_CONFIG, naming the field), not thrown.
 */
export async function sendAlert(
  kind: ChannelKind,
  message: AlertMessage,
  config: unknown,
  options?: SendOptions,
): Promise<DeliveryResult> {
  const channel = channelFor(kind);
  const parsed = channel.configSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      channel: kind,
      attempts: 0,
      error: {
        code: 'TF_ERR_CHANNEL_CONFIG',
        message: `${kind} channel setting ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
        retryable: false,
      },
    };
  }
  return channel.send(message, parsed.data, options);
}
