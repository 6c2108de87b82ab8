/**
 * Live messages in cluster mode, against the machine's NATS (and PostgreSQL for the serve process): what a worker
 * publishes (posts stored, in-app alerts) reaches the dashboards connected to every API process, once each, and
 * only the users it is for; junk on the subject is ignored.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { NatsLiveHub } from '../src/cluster/live-relay.ts';
import { clusterNames } from '../src/cluster/names.ts';
import type { LiveMessage } from '../src/services/live.ts';
import { freshPgSchema } from './helpers/store.ts';
import { clusterEnv, isCi, spawnTf, uniquePrefix, type ClusterEnv, type Proc } from './helpers/cluster.ts';

const found = await clusterEnv();
const env: ClusterEnv | null = 'skip' in found ? null : found;
if (!env) {
  if (isCi() && 'skip' in found && found.unreachable) throw new Error(`cluster tests cannot run: ${'skip' in found ? found.skip : ''}`);
  console.warn(`[cluster-live] skipped: ${'skip' in found ? found.skip : ''}`);
}

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!env)('cluster: live messages', () => {
  const conns: NatsConnection[] = [];
  const procs: Proc[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const nats = async () => {
    const nc = await connect({ servers: env!.natsUrl });
    conns.push(nc);
    return nc;
  };
  afterAll(async () => {
    for (const p of procs) await p.kill9();
    for (const nc of conns) await nc.close();
    for (const c of cleanups) await c();
  }, 30_000);

  it('reach the listeners of every API process once each, for the users they are for; junk is ignored', async () => {
    const subject = clusterNames(uniquePrefix()).liveSubject;
    const a = new NatsLiveHub(await nats(), subject);
    const b = new NatsLiveHub(await nats(), subject);
    const wc = await nats();
    const worker = new NatsLiveHub(wc, subject);
    a.listen();
    b.listen();
    const got = { a: [] as LiveMessage[], b: [] as LiveMessage[], bUser: [] as LiveMessage[] };
    a.subscribe(null, (m) => got.a.push(m));
    b.subscribe(null, (m) => got.b.push(m));
    b.subscribe('u1', (m) => got.bUser.push(m));
    await Promise.all(conns.map((c) => c.flush()));

    worker.publish({ event: 'ingest', data: { source: '接口0', stored: 3, at: '2026-11-25T08:00:00.000Z' } });
    a.publish({ event: 'case', data: { id: 'c1' } });
    worker.publish({ event: 'alert', data: { id: 'a1' }, userIds: ['u1'] });
    wc.publish(subject, 'not json');
    wc.publish(subject, JSON.stringify({ event: 'drop-everything', data: 1 }));
    wc.publish(subject, JSON.stringify({ event: 'alert', data: 1, userIds: 'u1' }));
    await Promise.all(conns.map((c) => c.flush()));
    await until('the three messages', () => got.bUser.length >= 3 && got.a.length >= 2 && got.b.length >= 2);
    await new Promise((r) => setTimeout(r, 300));

    const events = (ms: LiveMessage[]) => ms.map((m) => m.event).sort();
    // a listener without a user gets what is for everyone, once, including what its own process published
    expect(events(got.a)).toEqual(['case', 'ingest']);
    expect(events(got.b)).toEqual(['case', 'ingest']);
    expect(events(got.bUser)).toEqual(['alert', 'case', 'ingest']);
    expect(got.a.find((m) => m.event === 'ingest')?.data).toEqual({ source: '接口0', stored: 3, at: '2026-11-25T08:00:00.000Z' });
    a.close();
    b.close();
  });

  it('stream a worker\'s message to a dashboard on a serve process in cluster mode', async () => {
    const schema = await freshPgSchema(env!.databaseUrl);
    cleanups.push(() => schema.drop());
    const prefix = uniquePrefix();
    const serve = spawnTf(['serve', '--port', '0', '--host', '127.0.0.1', '--no-demo', '--prefix', prefix], {
      DATABASE_URL: schema.url,
      NATS_URL: env!.natsUrl,
      TINGFENG_DATA_DIR: '/tmp/tf-cluster-live-test',
      TINGFENG_SECRET_KEY: 'cluster-live-secret-key-0123456789',
      TINGFENG_DEMO: 'false',
    });
    procs.push(serve);
    const pw = (await serve.waitFor(/created user "admin" with password:\s+(\S+)/, 60_000))[1]!;
    const url = (await serve.waitFor(/running at (http:\/\/\S+?)\/\s/))[1]!;
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const ac = new AbortController();
    const res = await fetch(`${url}/api/stream`, { headers: { cookie }, signal: ac.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += Buffer.from(value).toString('utf8');
      }
    })().catch(() => undefined);
    await until('the stream to open', () => text.includes(': connected'));

    // what a track worker publishes after storing a batch
    const worker = new NatsLiveHub(await nats(), clusterNames(prefix).liveSubject);
    worker.publish({ event: 'ingest', data: { source: '接口3', stored: 42, at: '2026-11-25T08:00:00.000Z' } });
    await until('the ingest event on the stream', () => text.includes('event: ingest'));
    const line = text.split('\n').find((l) => l.startsWith('data: {"source"'))!;
    expect(JSON.parse(line.slice(6))).toEqual({ source: '接口3', stored: 42, at: '2026-11-25T08:00:00.000Z' });
    ac.abort();
    await reading;
    expect(await serve.term()).toBe(0);
  }, 90_000);
});
