import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.ts';
import { buildApp } from '../src/api/app.ts';
import { createServices } from '../src/services/index.ts';
import { SYSTEM_ACTOR } from '../src/services/actor.ts';
import { buildPipeline } from '../src/pipeline/runtime.ts';
import { webhookTokenHash } from '../src/sources/webhook/webhook.connector.ts';
import type { App } from '../src/api/types.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';
import { PASSWORD } from './helpers/app.ts';

let t: TestStore;
let app: App;
let sourceId: string;
const TOKEN = 'push-token-0123456789';
const SECRET = 'hmac-secret-0123456789';

beforeAll(async () => {
  t = await openTestStore();
  const config = loadConfig({ overrides: { dataDir: t.dataDir, logLevel: 'silent', databaseUrl: t.databaseUrl } });
  const pipeline = await buildPipeline(t.store, { dataDir: t.dataDir });
  const services = createServices(t.store, config, { ingest: () => (s, items, now) => pipeline.ingestor.ingest(s, items, now) });
  app = await buildApp({ config, store: t.store, services, logger: false });
  await app.ready();
  const src = await services.sources.create(
    SYSTEM_ACTOR,
    { name: '12345 推送', kind: 'webhook', config: { token_sha256: webhookTokenHash(TOKEN), hmac_secret: SECRET }, enabled: true, intervalSeconds: 86400, weight: 1 },
    new Date(),
  );
  sourceId = src.id;
  await services.users.create(SYSTEM_ACTOR, { username: 'duty', role: 'duty_officer', password: PASSWORD }, Date.now());
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

function signed(body: string, secret = SECRET, ts = Math.floor(Date.now() / 1000)) {
  const sig = createHmac('sha256', secret).update(`${ts}.`).update(body).digest('hex');
  return { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'x-tingfeng-timestamp': String(ts), 'x-tingfeng-signature': `sha256=${sig}` };
}

describe('push and manual ingest', () => {
  it('accepts a signed webhook push once, refuses bad tokens and signatures', async () => {
    const body = JSON.stringify({ items: [{ id: 'T1', title: '工单T1', text: '城关镇供水管道爆裂，多个小区停水，请尽快处理', published_at: '2026-11-25 09:30' }] });
    const ok = await app.inject({ method: 'POST', url: `/api/ingest/${sourceId}`, headers: signed(body), payload: body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ accepted: 1, stored: 1 });
    const again = await app.inject({ method: 'POST', url: `/api/ingest/${sourceId}`, headers: signed(body), payload: body });
    expect(again.json()).toMatchObject({ accepted: 1, stored: 0, duplicates: 1 });
    const badSig = await app.inject({ method: 'POST', url: `/api/ingest/${sourceId}`, headers: signed(body, 'wrong-secret-0123456789'), payload: body });
    expect(badSig.statusCode).toBe(401);
    const badToken = await app.inject({ method: 'POST', url: `/api/ingest/${sourceId}`, headers: { ...signed(body), authorization: 'Bearer nope' }, payload: body });
    expect(badToken.statusCode).toBe(401);
    const tampered = await app.inject({ method: 'POST', url: `/api/ingest/${sourceId}`, headers: signed(body), payload: body.replace('停水', '停电') });
    expect(tampered.statusCode).toBe(401);
    const malformed = '{"items": [';
    const bad = await app.inject({ method: 'POST', url: `/api/ingest/${sourceId}`, headers: signed(malformed), payload: malformed });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('JSON');
    expect(await t.store.repos.posts.count({})).toBe(1);
  });

  it('lets an officer register an item seen elsewhere, with clear errors', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'duty', password: PASSWORD } });
    const cookies = login.cookies as { name: string; value: string }[];
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = cookies.find((c) => c.name === 'tf_csrf')!.value;
    const headers = { cookie, 'x-csrf-token': csrf };
    const ok = await app.inject({ method: 'POST', url: '/api/posts/manual', headers, payload: { title: '来电反映', text: '市民来电反映白马镇垃圾无人清运', channel: '电话', published_at: '2026-11-25 08:00' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ stored: 1 });
    const bad = await app.inject({ method: 'POST', url: '/api/posts/manual', headers, payload: { text: '   ' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('text');
  });
});
