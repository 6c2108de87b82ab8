/**
 * Cluster benchmark (issue 10) against the machine's PostgreSQL and NATS JetStream, with the real `tingfeng`
 * worker processes:
 *  1. analysis throughput with 1 and with 2 `worker analyze` processes (items queued first, timed from the
 *     workers' "ready" to the items consumer drained);
 *  2. end-to-end posts/s into PostgreSQL: items published while 2 analyze + 1 track worker run, timed until
 *     every post is stored;
 *  3. consumer lag recovery: a steady load at ~10 % of the measured end-to-end rate, then a burst of 10× that
 *     rate's per-second volume at once; timed from the burst until every post is stored and no stage lags.
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.mjs bench/cluster.ts [ITEMS]
 */
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { clusterNames, type ClusterNames } from '../src/cluster/names.ts';
import { encodeItem } from '../src/cluster/codec.ts';
import { deleteTopology } from '../src/cluster/topology.ts';
import { prepareItem } from '../src/pipeline/prepare.ts';
import type { SourceRef } from '../src/pipeline/types.ts';
import { openStore } from '../src/store/store.ts';
import { freshPgSchema } from '../test/helpers/store.ts';
import { clusterEnv, spawnTf, syntheticPosts, uniquePrefix, type Proc } from '../test/helpers/cluster.ts';

const ITEMS = Number(process.argv[2] ?? 4000);
const found = await clusterEnv();
if ('skip' in found) {
  console.error(`bench/cluster: ${found.skip}`);
  process.exit(2);
}
const schema = await freshPgSchema(found.databaseUrl);
const prefix = uniquePrefix();
const names = clusterNames(prefix);
const nc = await connect({ servers: found.natsUrl });
const js = jetstream(nc);
const jsm = await jetstreamManager(nc);
const env = { DATABASE_URL: schema.url, NATS_URL: found.natsUrl, TINGFENG_DATA_DIR: '/tmp/tf-cluster-bench', TINGFENG_DEMO: 'false' };
const procs: Proc[] = [];
const role = async (args: string[]) => {
  const p = spawnTf([...args, '--prefix', prefix], env);
  procs.push(p);
  await p.waitFor(/ready/, 120_000);
  return p;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function publish(js: JetStreamClient, sourceNo: number, n: number, t0: number): Promise<void> {
  const source: SourceRef = { id: `bench${sourceNo}`, name: `bench${sourceNo}`, weight: 1, demo: false };
  const posts = syntheticPosts(sourceNo, n, t0);
  for (let i = 0; i < posts.length; i += 500) {
    await Promise.all(
      posts.slice(i, i + 500).map((p) => {
        const item = { url: `http://bench.local/${sourceNo}/${p.id}`, title: p.title, text: p.text, published_at: p.time, author: p.author };
        return js.publish(names.itemsSubject, encodeItem(source, item, t0), { msgID: prepareItem(item, source, t0).row.id });
      }),
    );
  }
}

async function drained(jsm: JetStreamManager, n: ClusterNames, consumers: [string, string][]): Promise<boolean> {
  for (const [s, c] of consumers) {
    const ci = await jsm.consumers.info(s, c);
    if (ci.num_pending + ci.num_ack_pending > 0) return false;
  }
  return true;
}

async function stored(): Promise<number> {
  const c = new pg.Client({ connectionString: schema.url });
  await c.connect();
  const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM posts');
  await c.end();
  return Number(r.rows[0]!.n);
}

const analyzeOnly: [string, string][] = [[names.itemsStream, names.analyzeConsumer]];
const results: string[] = [];
try {
  await (await openStore({ databaseUrl: schema.url, dataDir: '/tmp' })).close();
  const init = spawnTf(['cluster', 'init', '--partitions', '1', '--prefix', prefix], env);
  await init.waitFor(/cluster ready/, 60_000);
  const t0 = Date.now() - 86_400_000;

  // 1. analysis throughput, 1 vs 2 workers
  const rates: number[] = [];
  for (const workers of [1, 2]) {
    await publish(js, workers, ITEMS, t0);
    const ws = await Promise.all([...Array(workers)].map(() => role(['worker', 'analyze'])));
    const start = Date.now();
    while (!(await drained(jsm, names, analyzeOnly))) await sleep(100);
    const s = (Date.now() - start) / 1000;
    rates.push(ITEMS / s);
    console.log(`analyze ×${workers}: ${ITEMS} items in ${s.toFixed(1)} s = ${(ITEMS / s).toFixed(0)} posts/s`);
    for (const w of ws) await w.term();
    await jsm.streams.purge(names.analysedStream);
  }
  results.push(`| analysis, 1 × worker analyze | ${rates[0]!.toFixed(0)} posts/s |`, `| analysis, 2 × worker analyze | ${rates[1]!.toFixed(0)} posts/s (×${(rates[1]! / rates[0]!).toFixed(2)}) |`);

  // 2. end to end into PostgreSQL
  await Promise.all([role(['worker', 'analyze']), role(['worker', 'analyze']), role(['worker', 'track', '--batch', '500'])]);
  const base = await stored();
  let start = Date.now();
  await publish(js, 10, ITEMS, t0);
  while ((await stored()) < base + ITEMS) await sleep(200);
  const e2e = ITEMS / ((Date.now() - start) / 1000);
  console.log(`end to end: ${e2e.toFixed(0)} posts/s into PostgreSQL`);
  results.push(`| end to end (2 analyze + 1 track) into PostgreSQL | ${e2e.toFixed(0)} posts/s |`);

  // 3. lag recovery after a 10× burst
  const rate = Math.max(10, Math.round(e2e / 10));
  const before = await stored();
  let sent = 0;
  for (let s = 0; s < 5; s++) {
    const tick = Date.now();
    await publish(js, 100 + s, rate, t0);
    sent += rate;
    await sleep(Math.max(0, 1000 - (Date.now() - tick)));
  }
  await publish(js, 200, rate * 10, t0);
  sent += rate * 10;
  start = Date.now();
  const all: [string, string][] = [...analyzeOnly, [names.analysedStream, names.trackConsumer(0)]];
  while ((await stored()) < before + sent || !(await drained(jsm, names, all))) await sleep(100);
  const rec = (Date.now() - start) / 1000;
  console.log(`lag recovery: steady ${rate}/s, burst ${rate * 10} at once, caught up in ${rec.toFixed(1)} s`);
  results.push(`| lag recovery after a 10× burst (${rate * 10} posts at once on ${rate}/s steady) | ${rec.toFixed(1)} s |`);
  console.log(['', '| measure | result |', '|---|---|', ...results].join('\n'));
} finally {
  for (const p of procs) await p.term().catch(() => undefined);
  await deleteTopology(jsm, names);
  await nc.close();
  await schema.drop();
}
