/**
 * DingTalk (钉钉) custom robot. With "加签" security the request carries `timestamp` (ms) and
 * `sign = urlencode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)))` as query parameters
 * on the webhook URL (`https://oapi.dingtalk.com/robot/send?access_token=…`); DingTalk rejects a timestamp more
 * than an hour off. Body `{"msgtype":"markdown","markdown":{"title","text"}}` or `{"msgtype":"text","text":
 * {"content"}}`, with `at: {atMobiles, isAtAll}`. Success is `{"errcode":0,"errmsg":"ok"}`; 130101 (sending
 * too fast) and −1 are retried, anything else (310000 bad signature, 300001 bad token …) fails.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { AlertMessage, Channel, DeliveryResult, SendOptions } from './channel.ts';
import { LEVEL_LABELS, oneLine, renderMarkdown, renderPlainText, neutralizeMarkdown, subjectLine } from './format.ts';
import { HttpUrlSchema, postJson, vendorOutcome } from './http.ts';
import { withRetries } from './retry.ts';

export const DingtalkConfigSchema = z.object({
  webhookUrl: HttpUrlSchema,
  /** The robot's signing secret (starts with SEC); omit only for keyword/IP-secured robots. */
  secret: z.string().min(1).max(200).optional(),
  msgtype: z.enum(['markdown', 'text']).default('markdown'),
  atMobiles: z.array(z.string().regex(/^\+?\d{5,20}$/)).max(50).default([]),
  isAtAll: z.boolean().default(false),
});
export type DingtalkConfig = z.infer<typeof DingtalkConfigSchema>;

const RETRYABLE = new Set([-1, 130101]);

/** The `sign` value before URL encoding. */
export function dingtalkSign(timestampMs: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function dingtalkUrl(webhookUrl: string, secret: string | undefined, now: Date): string {
  if (!secret) return webhookUrl;
  const timestamp = String(now.getTime());
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('sign', dingtalkSign(timestamp, secret));
  return url.toString();
}

export function dingtalkBody(message: AlertMessage, config: DingtalkConfig): Record<string, unknown> {
  const at = { atMobiles: config.atMobiles, isAtAll: config.isAtAll };
  // DingTalk only notifies mentioned mobiles that also appear in the text
  const mentions = config.atMobiles.map((m) => `@${m}`).join(' ');
  if (config.msgtype === 'text') {
    return { msgtype: 'text', text: { content: [renderPlainText(message), mentions].filter(Boolean).join('\n') }, at };
  }
  const levelLine = `**${LEVEL_LABELS[message.level]}预警**`;
  const text = [renderMarkdown(message, levelLine), mentions].filter(Boolean).join('\n\n');
  return { msgtype: 'markdown', markdown: { title: neutralizeMarkdown(oneLine(subjectLine(message), 60)), text }, at };
}

export const dingtalkChannel: Channel<DingtalkConfig> = {
  kind: 'dingtalk',
  configSchema: DingtalkConfigSchema,
  secretFields: ['webhookUrl', 'secret'],
  async send(message: AlertMessage, config: DingtalkConfig, options?: SendOptions): Promise<DeliveryResult> {
    const body = JSON.stringify(dingtalkBody(message, config));
    const now = options?.now ?? (() => new Date());
    return withRetries('dingtalk', options, async () => {
      const at = now(); // sign every attempt afresh
      const answer = await postJson(dingtalkUrl(config.webhookUrl, config.secret, at), body, {}, options?.timeoutMs);
      return vendorOutcome(answer, ['errcode'], ['errmsg'], RETRYABLE, at);
    });
  },
};
