import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertMessage, SendOptions } from './channel.ts';
import { dingtalkChannel, DingtalkConfigSchema } from './dingtalk.ts';
import { feishuChannel, FeishuConfigSchema } from './feishu.ts';
import { sendAlert } from './index.ts';
import { startLocalServer, type LocalServer, type RecordedRequest } from './local-server.test-helper.ts';
import { wecomChannel, WecomConfigSchema } from './wecom.ts';

const HOSTILE = '[点我领奖](http://evil.example/x) <font color="info">已处理</font> @all **紧急** `rm`';
const message: AlertMessage = {
  alertId: 'al-1',
  level: 2,
  title: `网民反映：${HOSTILE}\n第二行`,
  text: '某镇某路段积水严重，负面评论快速增加。\n涉及：某镇',
  url: 'https://desk.example.gov.cn/alerts/al-1',
  at: '2026-02-17T01:30:00.000Z',
  fields: [{ label: '来源', value: '县论坛' }],
};

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function vendor(handler: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
  const s = await startLocalServer(handler);
  servers.push(s);
  return s;
}

const delays: number[] = [];
const fast: SendOptions = {
  retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
  sleep: async (ms) => {
    delays.push(ms);
  },
};
const json = (r: RecordedRequest): Record<string, unknown> => JSON.parse(r.raw.toString('utf8')) as Record<string, unknown>;

/** DingTalk's check, as the vendor documents it: HMAC-SHA256(secret, ts+"\n"+secret), base64, within an hour. */
function dingtalkVerifies(req: RecordedRequest, secret: string): boolean {
  const ts = req.url.searchParams.get('timestamp');
  const sign = req.url.searchParams.get('sign'); // URLSearchParams has already URL-decoded it
  if (!ts || !sign || Math.abs(Date.now() - Number(ts)) > 3_600_000) return false;
  const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
  return sign === expected;
}

/** Feishu's check: HMAC-SHA256 keyed with ts+"\n"+secret over an empty message, base64; ts in seconds. */
function feishuVerifies(body: Record<string, unknown>, secret: string): boolean {
  const ts = body.timestamp;
  if (typeof ts !== 'string' || !/^\d{10}$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > 3600) return false;
  return body.sign === createHmac('sha256', `${ts}\n${secret}`).update(Buffer.alloc(0)).digest('base64');
}

describe('DingTalk robot', () => {
  const secret = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';

  it('signs the request the way DingTalk verifies it and sends neutralised markdown', async () => {
    const s = await vendor((req) =>
      dingtalkVerifies(req, secret) ? { body: { errcode: 0, errmsg: 'ok' } } : { body: { errcode: 310000, errmsg: 'sign not match' } },
    );
    const config = DingtalkConfigSchema.parse({ webhookUrl: `${s.url}/robot/send?access_token=tok123`, secret, atMobiles: ['13800000000'] });
    const r = await dingtalkChannel.send(message, config, fast);
    expect(r).toMatchObject({ ok: true, channel: 'dingtalk', attempts: 1, vendorCode: 0 });
    const req = s.requests[0]!;
    expect(req.url.pathname).toBe('/robot/send');
    expect(req.url.searchParams.get('access_token')).toBe('tok123');
    // the raw query carries the URL-encoded base64 (no bare + / =)
    expect(req.url.search).toMatch(/sign=[A-Za-z0-9%]+(&|$)/);
    const body = json(req) as { msgtype: string; markdown: { title: string; text: string }; at: { atMobiles: string[] } };
    expect(body.msgtype).toBe('markdown');
    expect(body.at.atMobiles).toEqual(['13800000000']);
    expect(body.markdown.text).toContain('Ⅱ级（橙色）');
    expect(body.markdown.text).toContain('@13800000000');
    expect(body.markdown.text).not.toContain('](http://evil');
    expect(body.markdown.text).not.toContain('<font');
    expect(body.markdown.text).not.toContain('@all');
    expect(body.markdown.text).toContain('[查看详情](https://desk.example.gov.cn/alerts/al-1)');
  });

  it('reports a wrong secret as a vendor failure without retrying', async () => {
    const s = await vendor((req) =>
      dingtalkVerifies(req, secret) ? { body: { errcode: 0, errmsg: 'ok' } } : { body: { errcode: 310000, errmsg: 'sign not match' } },
    );
    const r = await dingtalkChannel.send(message, DingtalkConfigSchema.parse({ webhookUrl: `${s.url}/robot/send?access_token=t`, secret: 'SECwrong' }), fast);
    expect(r).toMatchObject({ ok: false, attempts: 1, vendorCode: 310000, error: { code: 'TF_ERR_CHANNEL_VENDOR', retryable: false } });
    expect(r.error?.message).toContain('310000');
  });

  it('retries when sending too fast, re-signing each attempt', async () => {
    delays.length = 0;
    const s = await vendor((req, i) => {
      if (!dingtalkVerifies(req, secret)) return { body: { errcode: 310000, errmsg: 'sign not match' } };
      return i < 2 ? { body: { errcode: 130101, errmsg: 'send too fast' } } : { body: { errcode: 0, errmsg: 'ok' } };
    });
    const r = await dingtalkChannel.send(message, DingtalkConfigSchema.parse({ webhookUrl: `${s.url}/robot/send?access_token=t`, secret, msgtype: 'text' }), fast);
    expect(r).toMatchObject({ ok: true, attempts: 3 });
    expect(delays).toHaveLength(2);
    expect(delays[0]!).toBeGreaterThanOrEqual(75);
    expect(delays[1]!).toBeGreaterThanOrEqual(150);
    expect((json(s.requests[2]!) as { text: { content: string } }).text.content).toContain('某镇某路段积水严重');
  });
});

describe('Feishu bot', () => {
  const secret = 'fs-secret-abcdef';

  it('puts timestamp and sign in the body the way Feishu verifies them', async () => {
    const s = await vendor((req) =>
      feishuVerifies(json(req), secret)
        ? { body: { code: 0, msg: 'success', data: {}, StatusCode: 0, StatusMessage: 'success' } }
        : { body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} } },
    );
    const r = await feishuChannel.send(message, FeishuConfigSchema.parse({ webhookUrl: `${s.url}/open-apis/bot/v2/hook/abc`, secret }), fast);
    expect(r).toMatchObject({ ok: true, attempts: 1, vendorCode: 0 });
    const body = json(s.requests[0]!) as { msg_type: string; content: { post: { zh_cn: { title: string; content: unknown[][] } } } };
    expect(body.msg_type).toBe('post');
    expect(body.content.post.zh_cn.title).toMatch(/^【Ⅱ级（橙色）预警】网民反映：/);
    expect(body.content.post.zh_cn.title).not.toContain('\n');
    expect(body.content.post.zh_cn.content).toContainEqual([{ tag: 'a', text: '查看详情', href: 'https://desk.example.gov.cn/alerts/al-1' }]);
  });

  it('fails on a wrong secret (code 19021) and on a non-JSON answer', async () => {
    const s = await vendor((req) =>
      feishuVerifies(json(req), secret) ? { body: { code: 0, msg: 'success' } } : { body: { code: 19021, msg: 'sign match fail' } },
    );
    const r = await feishuChannel.send(message, FeishuConfigSchema.parse({ webhookUrl: `${s.url}/hook`, secret: 'other-secret' }), fast);
    expect(r).toMatchObject({ ok: false, attempts: 1, vendorCode: 19021 });
    const html = await vendor(() => ({ body: '<html>gateway</html>' }));
    const r2 = await feishuChannel.send(message, FeishuConfigSchema.parse({ webhookUrl: `${html.url}/hook`, secret }), fast);
    expect(r2).toMatchObject({ ok: false, error: { code: 'TF_ERR_CHANNEL_VENDOR', retryable: false } });
  });
});

describe('WeCom group robot', () => {
  it('posts markdown to the key URL and checks errcode', async () => {
    const s = await vendor((req) =>
      req.url.searchParams.get('key') === 'k-123' ? { body: { errcode: 0, errmsg: 'ok' } } : { body: { errcode: 93000, errmsg: 'invalid webhook url' } },
    );
    const config = WecomConfigSchema.parse({ webhookUrl: `${s.url}/cgi-bin/webhook/send?key=k-123` });
    const r = await wecomChannel.send(message, config, fast);
    expect(r).toMatchObject({ ok: true, attempts: 1 });
    const body = json(s.requests[0]!) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('<font color="warning">Ⅱ级（橙色）预警</font>');
    expect(body.markdown.content.match(/<font/g)).toHaveLength(1); // the title's tag is neutralised
    expect(body.markdown.content).toContain('［点我领奖］（http://evil.example/x）');
    const bad = await wecomChannel.send(message, WecomConfigSchema.parse({ webhookUrl: `${s.url}/cgi-bin/webhook/send?key=nope` }), fast);
    expect(bad).toMatchObject({ ok: false, attempts: 1, vendorCode: 93000 });
  });

  it('clips text messages to 2048 bytes and mentions mobiles', async () => {
    const s = await vendor(() => ({ body: { errcode: 0, errmsg: 'ok' } }));
    const long = { ...message, text: '长'.repeat(3000) };
    const r = await wecomChannel.send(long, WecomConfigSchema.parse({ webhookUrl: `${s.url}/send?key=k`, msgtype: 'text', mentionedMobiles: ['@all'] }), fast);
    expect(r.ok).toBe(true);
    const body = json(s.requests[0]!) as { text: { content: string; mentioned_mobile_list: string[] } };
    expect(Buffer.byteLength(body.text.content)).toBeLessThanOrEqual(2048);
    expect(body.text.mentioned_mobile_list).toEqual(['@all']);
  });
});

describe('failures are reported, with bounded retries', () => {
  it('retries HTTP 5xx, honours Retry-After within the cap, and stops', async () => {
    delays.length = 0;
    const s = await vendor(() => ({ status: 503, body: 'busy', headers: { 'retry-after': '120' } }));
    const r = await wecomChannel.send(message, WecomConfigSchema.parse({ webhookUrl: `${s.url}/send?key=k` }), fast);
    expect(r).toMatchObject({ ok: false, attempts: 3, httpStatus: 503, error: { code: 'TF_ERR_CHANNEL_HTTP', retryable: true } });
    expect(delays).toEqual([1000, 1000]);
    expect(s.requests).toHaveLength(3);
  });

  it('does not retry a 404', async () => {
    const s = await vendor(() => ({ status: 404, body: 'no' }));
    const r = await wecomChannel.send(message, WecomConfigSchema.parse({ webhookUrl: `${s.url}/send?key=k` }), fast);
    expect(r).toMatchObject({ ok: false, attempts: 1, httpStatus: 404 });
  });

  it('reports a refused connection as a network failure after all attempts', async () => {
    const s = await vendor(() => ({ body: {} }));
    const url = s.url;
    await s.close();
    servers.length = 0;
    const r = await sendAlert('dingtalk', message, { webhookUrl: `${url}/robot/send?access_token=t` }, fast);
    expect(r).toMatchObject({ ok: false, attempts: 3, error: { code: 'TF_ERR_CHANNEL_NETWORK', retryable: true } });
  });

  it('returns a bad configuration as a failure naming the field', async () => {
    const r = await sendAlert('feishu', message, { webhookUrl: 'ftp://x' });
    expect(r).toMatchObject({ ok: false, attempts: 0, error: { code: 'TF_ERR_CHANNEL_CONFIG' } });
    expect(r.error?.message).toContain('webhookUrl');
  });
});
