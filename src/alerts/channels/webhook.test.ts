import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from './channel.ts';
import { startLocalServer, type LocalServer, type RecordedRequest } from './local-server.test-helper.ts';
import { verifyWebhookSignature, webhookChannel, WebhookConfigSchema } from './webhook.ts';

const secret = 'whsec-0123456789abcdef';
const message: AlertMessage = {
  alertId: 'al-9',
  level: 1,
  title: '"}\u0000<script>alert(1)</script>',
  text: '某地发生险情，网民讨论量激增。',
  at: '2026-10-02T03:00:00.000Z',
};

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The receiver's check, done independently: HMAC-SHA256 over the exact raw bytes, constant-time compare. */
function receiverAccepts(req: RecordedRequest): boolean {
  const header = String(req.headers['x-tingfeng-signature'] ?? '');
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(req.raw).digest('hex')}`);
  const body = JSON.parse(req.raw.toString('utf8')) as { timestamp: number };
  const fresh = Math.abs(Date.now() / 1000 - body.timestamp) < 300 && String(body.timestamp) === req.headers['x-tingfeng-timestamp'];
  return fresh && header.length === expected.length && timingSafeEqual(Buffer.from(header), expected);
}

describe('generic webhook', () => {
  it('signs the raw body and the receiver verifies it', async () => {
    server = await startLocalServer((req) => (receiverAccepts(req) ? { status: 204, body: '' } : { status: 401, body: 'bad signature' }));
    const config = WebhookConfigSchema.parse({ url: `${server.url}/hooks/tingfeng`, secret, headers: { 'X-Env': 'county' } });
    const r = await webhookChannel.send(message, config, { retry: { maxAttempts: 1 } });
    expect(r).toMatchObject({ ok: true, channel: 'webhook', attempts: 1, httpStatus: 204 });
    const req = server.requests[0]!;
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.headers['x-env']).toBe('county');
    expect(req.headers['x-tingfeng-alert-id']).toBe('al-9');
    const body = JSON.parse(req.raw.toString('utf8')) as { type: string; alert: { title: string; level: number } };
    expect(body).toMatchObject({ type: 'tingfeng.alert', alert: { title: message.title, level: 1 } });
    expect(verifyWebhookSignature(req.raw, String(req.headers['x-tingfeng-signature']), secret)).toBe(true);
    const tampered = Buffer.from(req.raw.toString('utf8').replace('"level":1', '"level":4'));
    expect(verifyWebhookSignature(tampered, String(req.headers['x-tingfeng-signature']), secret)).toBe(false);
    expect(verifyWebhookSignature(req.raw, undefined, secret)).toBe(false);
  });

  it('a receiver with another secret refuses, and the failure is reported', async () => {
    server = await startLocalServer((req) => (receiverAccepts(req) ? { status: 200, body: 'ok' } : { status: 401, body: 'bad signature' }));
    const r = await webhookChannel.send(message, WebhookConfigSchema.parse({ url: server.url, secret: 'another-secret-123456' }), {
      retry: { maxAttempts: 3 },
      sleep: async () => {},
    });
    expect(r).toMatchObject({ ok: false, attempts: 1, httpStatus: 401, response: 'bad signature', error: { retryable: false } });
  });

  it('refuses short secrets and header overrides', () => {
    expect(WebhookConfigSchema.safeParse({ url: 'https://x.example', secret: 'short' }).success).toBe(false);
    expect(WebhookConfigSchema.safeParse({ url: 'https://x.example', secret, headers: { 'X-Tingfeng-Signature': 'x' } }).success).toBe(false);
    expect(WebhookConfigSchema.safeParse({ url: 'https://x.example', secret, headers: { 'X-A': 'a\r\nB: c' } }).success).toBe(false);
  });
});
