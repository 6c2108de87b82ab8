/**
 * Generic webhook: POST a JSON document to the receiver's URL, signed GitHub-style:
 * `X-Tingfeng-Signature: sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`. The body contains
 * `timestamp` (Unix seconds, also sent as `X-Tingfeng-Timestamp`), so the signature covers it and a receiver can
 * refuse replays older than a few minutes. `X-Tingfeng-Alert-Id` is stable across retries for idempotency.
 * Any 2xx is success. `verifyWebhookSignature` is what a receiver runs.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AlertMessage, Channel, DeliveryResult, SendOptions } from './channel.ts';
import { httpFailure, HttpUrlSchema, postJson, truncate } from './http.ts';
import { withRetries } from './retry.ts';

const RESERVED = /^(content-type|content-length|host|x-tingfeng-.*)$/i;

export const WebhookConfigSchema = z.object({
  url: HttpUrlSchema,
  secret: z.string().min(16, 'use a secret of at least 16 characters').max(500),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/), z.string().max(1000).regex(/^[^\r\n]*$/))
    .default({})
    .refine((h) => Object.keys(h).every((k) => !RESERVED.test(k)), 'may not set Content-Type, Host or X-Tingfeng-* headers'),
});
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;

export function webhookSignature(rawBody: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Receiver side: constant-time check of the header against the raw body. */
export function verifyWebhookSignature(rawBody: string | Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(webhookSignature(rawBody, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function webhookBody(message: AlertMessage, timestampSeconds: number): string {
  return JSON.stringify({
    type: 'tingfeng.alert',
    timestamp: timestampSeconds,
    alert: {
      id: message.alertId,
      level: message.level,
      title: message.title,
      text: message.text,
      url: message.url ?? null,
      at: message.at,
      fields: message.fields ?? [],
    },
  });
}

export const webhookChannel: Channel<WebhookConfig> = {
  kind: 'webhook',
  configSchema: WebhookConfigSchema,
  secretFields: ['secret'],
  async send(message: AlertMessage, config: WebhookConfig, options?: SendOptions): Promise<DeliveryResult> {
    const now = options?.now ?? (() => new Date());
    return withRetries('webhook', options, async () => {
      const at = now();
      const ts = Math.floor(at.getTime() / 1000);
      const body = webhookBody(message, ts);
      const answer = await postJson(
        config.url,
        body,
        {
          ...config.headers,
          'x-tingfeng-timestamp': String(ts),
          'x-tingfeng-signature': webhookSignature(body, config.secret),
          'x-tingfeng-alert-id': message.alertId,
        },
        options?.timeoutMs,
      );
      return httpFailure(answer) ?? { ok: true, httpStatus: answer.status, response: truncate(answer.text), deliveredAt: at.toISOString() };
    });
  },
};
