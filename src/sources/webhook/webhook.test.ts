import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseWebhookPayload, verifyWebhook, webhookConfigSchema, webhookTokenHash } from './webhook.connector.ts';

const now = new Date('2026-11-25T03:00:00Z');
const ts = String(Math.floor(now.getTime() / 1000));
const config = webhookConfigSchema.parse({
  token_sha256: webhookTokenHash('s3cret-token'),
  hmac_secret: 'a-very-long-hmac-secret',
});
const body = JSON.stringify({
  items: [
    {
      id: 'T-1',
      title: '路灯不亮',
      text: '<p>城南路路灯坏了</p>',
      published_at: '2026-11-25 10:00',
      author: '市民',
      engagement: { views: 3 },
    },
  ],
});
const sign = (b: string, t = ts) =>
  `sha256=${createHmac('sha256', 'a-very-long-hmac-secret').update(`${t}.${b}`).digest('hex')}`;

describe('webhook', () => {
  it('accepts the right token and signature', () => {
    expect(
      verifyWebhook(
        {
          headers: {
            Authorization: 'Bearer s3cret-token',
            'X-Tingfeng-Timestamp': ts,
            'X-Tingfeng-Signature': sign(body),
          },
          rawBody: body,
        },
        config,
        now,
      ),
    ).toEqual({ ok: true });
  });

  it('refuses a wrong or missing token', () => {
    expect(verifyWebhook({ headers: { authorization: 'Bearer nope' }, rawBody: body }, config, now)).toMatchObject({
      ok: false,
      code: 'TF_ERR_WEBHOOK_AUTH',
    });
    expect(verifyWebhook({ headers: {}, rawBody: body }, config, now)).toMatchObject({
      ok: false,
      code: 'TF_ERR_WEBHOOK_AUTH',
    });
  });

  it('refuses a tampered body, a missing signature and a stale timestamp', () => {
    const h = { authorization: 'Bearer s3cret-token', 'x-tingfeng-timestamp': ts };
    expect(
      verifyWebhook(
        { headers: { ...h, 'x-tingfeng-signature': sign(body) }, rawBody: body.replace('路灯', '路面') },
        config,
        now,
      ),
    ).toMatchObject({ ok: false, code: 'TF_ERR_WEBHOOK_SIGNATURE' });
    expect(verifyWebhook({ headers: h, rawBody: body }, config, now)).toMatchObject({
      ok: false,
      code: 'TF_ERR_WEBHOOK_SIGNATURE',
    });
    const old = String(Number(ts) - 3600);
    expect(
      verifyWebhook(
        { headers: { ...h, 'x-tingfeng-timestamp': old, 'x-tingfeng-signature': sign(body, old) }, rawBody: body },
        config,
        now,
      ),
    ).toMatchObject({ ok: false, code: 'TF_ERR_WEBHOOK_SIGNATURE' });
  });

  it('parses pushed JSON into items', () => {
    const items = parseWebhookPayload(body, config, { now, timeZone: 'Asia/Shanghai' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      url: 'urn:tingfeng:json:T-1',
      title: '路灯不亮',
      text: '城南路路灯坏了',
      published_at: '2026-11-25T10:00:00+08:00',
      author: '市民',
      engagement: { views: 3 },
    });
    expect(() => parseWebhookPayload('not json', config, { now, timeZone: 'Asia/Shanghai' })).toThrow(/not JSON/);
    expect(() => parseWebhookPayload('[{"title":""}]', config, { now, timeZone: 'Asia/Shanghai' })).toThrow(/no text/);
  });
});
