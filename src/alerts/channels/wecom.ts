/**
 * WeCom (企业微信) group robot. POST the webhook URL (`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`;
 * the key in the URL is the secret, so the whole URL is stored encrypted) with
 * `{"msgtype":"markdown","markdown":{"content":…}}` (≤ 4096 bytes) or `{"msgtype":"text","text":{"content":…,
 * "mentioned_mobile_list":[…]}}` (≤ 2048 bytes). Success is `{"errcode":0,"errmsg":"ok"}`; any other errcode is a
 * failure (−1 busy and 45009 rate limit are retried).
 */
import { z } from 'zod';
import type { AlertMessage, Channel, DeliveryResult, SendOptions } from './channel.ts';
import { clipBytes, LEVEL_LABELS, renderMarkdown, renderPlainText } from './format.ts';
import { HttpUrlSchema, postJson, vendorOutcome } from './http.ts';
import { withRetries } from './retry.ts';

export const WecomConfigSchema = z.object({
  webhookUrl: HttpUrlSchema,
  msgtype: z.enum(['markdown', 'text']).default('markdown'),
  /** Text messages only: mobiles to @-mention, or "@all". */
  mentionedMobiles: z.array(z.string().regex(/^(\+?\d{5,20}|@all)$/)).max(50).default([]),
});
export type WecomConfig = z.infer<typeof WecomConfigSchema>;

const RETRYABLE = new Set([-1, 45009]);

export function wecomBody(message: AlertMessage, config: WecomConfig): Record<string, unknown> {
  if (config.msgtype === 'text') {
    return {
      msgtype: 'text',
      text: { content: clipBytes(renderPlainText(message), 2048), mentioned_mobile_list: config.mentionedMobiles },
    };
  }
  const color = message.level <= 2 ? 'warning' : 'comment';
  const levelLine = `<font color="${color}">${LEVEL_LABELS[message.level]}预警</font>`;
  return { msgtype: 'markdown', markdown: { content: clipBytes(renderMarkdown(message, levelLine), 4096) } };
}

export const wecomChannel: Channel<WecomConfig> = {
  kind: 'wecom',
  configSchema: WecomConfigSchema,
  secretFields: ['webhookUrl'],
  async send(message: AlertMessage, config: WecomConfig, options?: SendOptions): Promise<DeliveryResult> {
    const body = JSON.stringify(wecomBody(message, config));
    const now = options?.now ?? (() => new Date());
    return withRetries('wecom', options, async () => {
      const answer = await postJson(config.webhookUrl, body, {}, options?.timeoutMs);
      return vendorOutcome(answer, ['errcode'], ['errmsg'], RETRYABLE, now());
    });
  },
};
