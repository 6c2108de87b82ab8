/**
 * Feishu (飞书) custom bot. With "签名校验" the JSON body carries `timestamp` (seconds, as a string) and
 * `sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = ""))` — note the key/message order is
 * the reverse of DingTalk's. Messages are `msg_type: "post"` (rich text, no markup parsing, so hostile titles stay
 * inert) or `"text"`. Success is `{"code":0,"msg":"success"}` (older bots answer `StatusCode: 0`); 19021 (bad
 * signature or timestamp), 19024 (keyword) and others fail, 9499 and 11232 (rate limits) are retried.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { AlertMessage, Channel, DeliveryResult, SendOptions } from './channel.ts';
import { displayTime, oneLine, renderPlainText, safeUrl, subjectLine } from './format.ts';
import { HttpUrlSchema, postJson, vendorOutcome } from './http.ts';
import { withRetries } from './retry.ts';

export const FeishuConfigSchema = z.object({
  webhookUrl: HttpUrlSchema,
  secret: z.string().min(1).max(200).optional(),
  msgType: z.enum(['post', 'text']).default('post'),
});
export type FeishuConfig = z.infer<typeof FeishuConfigSchema>;

const RETRYABLE = new Set([9499, 11232]);

export function feishuSign(timestampSeconds: string, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

type PostElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string };

export function feishuContent(message: AlertMessage, config: FeishuConfig): Record<string, unknown> {
  if (config.msgType === 'text') return { msg_type: 'text', content: { text: renderPlainText(message) } };
  const rows: PostElement[][] = message.text
    .trim()
    .split(/\r?\n/)
    .map((line) => [{ tag: 'text', text: line }]);
  for (const f of message.fields ?? []) rows.push([{ tag: 'text', text: `${oneLine(f.label, 40)}：${oneLine(f.value, 500)}` }]);
  rows.push([{ tag: 'text', text: `时间：${displayTime(message)}` }]);
  const url = safeUrl(message.url);
  if (url) rows.push([{ tag: 'a', text: '查看详情', href: url }]);
  return { msg_type: 'post', content: { post: { zh_cn: { title: subjectLine(message), content: rows } } } };
}

export const feishuChannel: Channel<FeishuConfig> = {
  kind: 'feishu',
  configSchema: FeishuConfigSchema,
  secretFields: ['webhookUrl', 'secret'],
  async send(message: AlertMessage, config: FeishuConfig, options?: SendOptions): Promise<DeliveryResult> {
    const content = feishuContent(message, config);
    const now = options?.now ?? (() => new Date());
    return withRetries('feishu', options, async () => {
      const at = now();
      const timestamp = String(Math.floor(at.getTime() / 1000));
      const signed = config.secret ? { timestamp, sign: feishuSign(timestamp, config.secret) } : {};
      const answer = await postJson(config.webhookUrl, JSON.stringify({ ...signed, ...content }), {}, options?.timeoutMs);
      return vendorOutcome(answer, ['code', 'StatusCode'], ['msg', 'StatusMessage'], RETRYABLE, at);
    });
  },
};
