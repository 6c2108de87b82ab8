/**
 * Alert latency (issue 9): from a pushed item (POST /api/ingest/:source, signed) to the alert's delivery at a
 * webhook channel (a local HTTP receiver), through the real pipeline, alert rules and alert worker.
 *
 *   node bin/run-ts.mjs bench/alerts.ts [--alerts 100] [--json FILE]
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { openStore } from '../src/store/store.ts';
import { loadConfig } from '../src/config/config.ts';
import { createServices } from '../src/services/index.ts';
import { SYSTEM_ACTOR } from '../src/services/actor.ts';
import { buildApp } from '../src/api/app.ts';
import { EmbeddedRunner } from '../src/pipeline/runner-embedded.ts';
import { createAlertHooks } from '../src/services/alert.service.ts';
import { startAlertWorker } from '../src/services/alert-worker.ts';
import { loadOrCreateSecretKey } from '../src/services/secret-key.ts';
import { webhookTokenHash } from '../src/sources/webhook/webhook.connector.ts';

const { values } = parseArgs({ options: { alerts: { type: 'string' }, json: { type: 'string' } } });
const N = Number(values.alerts ?? 100);
const TOKEN = 'bench-token-0123456789';
const SECRET = 'bench-hmac-0123456789';

const received = new Map<string, number>();
const hook = createServer((req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    const m = /BENCH-(\d+)/.exec(body);
    if (m && !received.has(m[1]!)) received.set(m[1]!, performance.now());
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
});
await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;

const dir = mkdtempSync(join(tmpdir(), 'tf-bench-alerts-'));
const store = await openStore({ dataDir: dir });
const config = loadConfig({ overrides: { dataDir: dir, logLevel: 'silent', demo: false } });
const logger = pino({ level: 'silent' });
let runner: EmbeddedRunner | null = null;
const services = createServices(store, config, { runner: () => runner, ingest: () => (s, items, now) => runner!.ingest(s, items, now) });
await services.users.create(SYSTEM_ACTOR, { username: 'duty', role: 'duty_officer', password: 'bench-password-1' }, Date.now());
const channel = await services.channels.create(SYSTEM_ACTOR, { name: '值班群', kind: 'webhook', enabled: true, config: { url: hookUrl, secret: 'channel-secret-0123456789' } }, new Date());
const plan = await services.plans.create(SYSTEM_ACTOR, { name: '基准方案', expression: 'BENCH', places: [], units: [], enabled: true }, Date.now());
await services.alerts.rules.create(SYSTEM_ACTOR, { name: '命中即报', enabled: true, config: { trigger: { kind: 'post_match', planIds: [plan.id], sentiments: ['negative', 'neutral', 'positive'] }, level: 3, recipients: { dutyRoster: false, roles: ['duty_officer'] }, channelIds: [channel.id], inApp: true, throttleMinutes: 0 } }, new Date());
const src = await services.sources.create(SYSTEM_ACTOR, { name: '推送', kind: 'webhook', config: { token_sha256: webhookTokenHash(TOKEN), hmac_secret: SECRET }, enabled: true, intervalSeconds: 86400, weight: 1 }, new Date());
const alertHooks = createAlertHooks(store, { timezone: config.timezone, logger });
let worker: ReturnType<typeof startAlertWorker> | null = null;
runner = new EmbeddedRunner(store, { dataDir: dir, userAgent: config.userAgent, logger, changes: services.changes, collect: false, hooks: { afterTrack: (r, o, p, n) => alertHooks.afterTrack(r, o, p, n) }, onBatch: () => worker?.kick() });
await runner.start();
worker = startAlertWorker(store, { live: services.live, secretKey: loadOrCreateSecretKey(dir), logger, timezone: config.timezone, officeName: config.officeName });
const app = await buildApp({ config, store, services, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const topics = ['自来水停水', '道路塌陷', '学校食堂', '噪音扰民', '垃圾堆积', '路灯不亮', '公交停运', '物业收费'];
const sent = new Map<string, number>();
for (let i = 0; i < N; i++) {
  const body = JSON.stringify({ id: `b${i}`, title: `BENCH-${i} ${topics[i % topics.length]}`, text: `BENCH-${i} 第${i}号反映：${topics[i % topics.length]}问题持续${i % 9 + 1}天，编号${i * 7919}，请相关部门处理。` });
  const ts = Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', SECRET).update(`${ts}.`).update(body).digest('hex');
  sent.set(String(i), performance.now());
  const r = await fetch(`${base}/api/ingest/${src.id}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'x-tingfeng-timestamp': String(ts), 'x-tingfeng-signature': `sha256=${sig}` }, body });
  if (r.status !== 200) throw new Error(`push ${i}: ${r.status} ${await r.text()}`);
  await new Promise((res) => setTimeout(res, 50));
}
const deadline = Date.now() + 60_000;
while (received.size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
const lat = [...received.entries()].map(([k, t]) => t - sent.get(k)!).sort((a, b) => a - b);
const pct = (p: number) => Math.round(lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN);
const result = { alerts: N, delivered: lat.length, p50ms: pct(50), p99ms: pct(99), maxMs: Math.round(lat[lat.length - 1] ?? NaN) };
console.log(`alert latency, push → webhook channel: ${result.delivered}/${N} delivered; p50 ${result.p50ms} ms, p99 ${result.p99ms} ms, max ${result.maxMs} ms`);
await app.close();
await worker.stop();
await runner.stop();
await store.close();
hook.close();
rmSync(dir, { recursive: true, force: true });
if (values.json) writeFileSync(values.json, JSON.stringify({ bench: 'alerts', ...result }, null, 2));
process.exit(result.delivered === N ? 0 : 1);
