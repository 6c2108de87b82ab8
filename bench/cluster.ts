/**
 * Cluster benchmark (issue 10) against the machine's PostgreSQL and NATS JetStream, with real `tingfeng worker`
 * processes and the demo county's units (gazetteer) and monitoring plans in a fresh PostgreSQL schema:
 *  1. analysis throughput, 1 vs 2 `worker analyze`: a backlog of realistic posts (long ~1 KB and short ~100 chars,
 *     see lib/cluster-posts.ts) is queued BEFORE the workers start, so no producer competes with them; the
 *     workers drain it. Timed from the first to the last analysed message after a warm-up (JetStream's own store
 *     times of the published results), repeated, 1 and 2 workers alternating; the median is reported;
 *  2. end-to-end posts/s into PostgreSQL: the same with 2 analyze + 1 track worker, timed on the stored posts;
 *  3. lag recovery: a steady load at 10 % of the measured end-to-end rate, then a burst of 10× its per-second
 *     volume at once; timed from the burst until every burst post is stored (the steady load continues).
 * CPU per process group (workers, nats-server, postgres, everything else) is sampled from /proc in every window.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node bin/run-ts.mjs bench/cluster.ts \
 *     [--quick] [--long N] [--short N] [--repeat R] [--e2e N] [--batch B] [--sizes long,short]
 *     [--workers 1,2] [--only analysis|e2e] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { clusterNames } from '../src/cluster/names.ts';
import { encodeItem } from '../src/cluster/codec.ts';
import { PARTITIONS_SETTING } from '../src/cluster/context.ts';
import { deleteTopology, ensureTopology } from '../src/cluster/topology.ts';
import { deskPlans, deskUnits } from '../src/demo/desk-config.ts';
import { prepareItem } from '../src/pipeline/prepare.ts';
import type { CollectedItem, SourceRef } from '../src/pipeline/types.ts';
import { openStore } from '../src/store/store.ts';
import { freshPgSchema } from '../test/helpers/store.ts';
import { clusterEnv, spawnTf, uniquePrefix, type Proc } from '../test/helpers/cluster.ts';
import { postSupply, type PostSize, type PostSupply } from './lib/cluster-posts.ts';
import { CpuProbe, coresText, type CpuSplit } from './lib/cpu-probe.ts';

const { values } = parseArgs({
  allowPositionals: true,
  options: { quick: { type: 'boolean' }, only: { type: 'string' }, workers: { type: 'string' }, sizes: { type: 'string' }, long: { type: 'string' }, short: { type: 'string' }, repeat: { type: 'string' }, e2e: { type: 'string' }, batch: { type: 'string' }, json: { type: 'string' } },
});
const quick = !!values.quick;
const N: Record<PostSize, number> = { long: Number(values.long ?? (quick ? 1500 : 12_000)), short: Number(values.short ?? (quick ? 3000 : 30_000)) };
const WARM: Record<PostSize, number> = { long: quick ? 300 : 600, short: quick ? 600 : 1500 };
const REPEAT = Number(values.repeat ?? (quick ? 1 : 3));
const E2E = Number(values.e2e ?? (quick ? 1000 : 10_000));
const BATCH = values.batch ? ['--batch', values.batch] : [];
const COUNTS = (values.workers ?? '1,2').split(',').map(Number) as (1 | 2)[];
const SIZES = (values.sizes ?? (quick ? 'long' : 'long,short')).split(',') as PostSize[];

const found = await clusterEnv();
if ('skip' in found) {
  console.error(`bench/cluster: ${found.skip}`);
  process.exit(2);
}
const supply = postSupply();
const schema = await freshPgSchema(found.databaseUrl);
const prefix = uniquePrefix();
const names = clusterNames(prefix);
const nc = await connect({ servers: found.natsUrl });
const js = jetstream(nc);
const jsm = await jetstreamManager(nc);
const env = { DATABASE_URL: schema.url, NATS_URL: found.natsUrl, TINGFENG_DATA_DIR: '/tmp/tf-cluster-bench', TINGFENG_DEMO: 'false' };
const live: Proc[] = [];
const probe = new CpuProbe(() => live.flatMap((p) => (p.child.pid && p.child.exitCode === null ? [p.child.pid] : [])));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const began = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - began) / 1000).toFixed(0).padStart(3)} s] ${line}`);
let tagNo = 0;

/** Starts worker processes at once and waits until each is ready. */
async function startMany(roles: string[][]): Promise<Proc[]> {
  const ps = roles.map((r) => spawnTf([...r, '--prefix', prefix], env));
  live.push(...ps);
  await Promise.all(ps.map((p) => p.waitFor(/ready/, 120_000)));
  return ps;
}
async function stopAll(): Promise<void> {
  await Promise.all(live.splice(0).map((p) => p.term()));
}

/** Publishes items with up to 1,000 publishes in flight; ids as a collector gives them. */
async function publish(items: CollectedItem[], sourceId: string): Promise<void> {
  const source: SourceRef = { id: sourceId, name: sourceId, weight: 1, demo: false };
  const now = Date.now();
  for (let i = 0; i < items.length; i += 1000) {
    await Promise.all(items.slice(i, i + 1000).map((it) => js.publish(names.itemsSubject, encodeItem(source, it, now), { msgID: prepareItem(it, source, now).row.id })));
  }
}

/** Items queued for analysis (what the stream kept: its duplicate window drops a repeated id). */
async function queued(): Promise<number> {
  return (await jsm.streams.info(names.itemsStream)).state.messages;
}

/** JetStream's store time of a message, in ms with sub-ms precision (the server writes nanoseconds). */
async function storedAt(stream: string, seq: number): Promise<number> {
  const m = await jsm.streams.getMessage(stream, { seq });
  if (!m) throw new Error(`message ${seq} missing from ${stream}`);
  const [, whole, frac] = /^(.*?:\d\d)(?:\.(\d+))?Z$/.exec(m.timestamp) ?? [];
  return whole ? Date.parse(`${whole}Z`) + Number(`0.${frac ?? '0'}`) * 1000 : m.time.getTime();
}

interface Window {
  rate: number;
  measured: number;
  seconds: number;
  cpu: CpuSplit | null;
  /** Worker processes in the window. */
  procs: number;
}
/** The CPU split of a window; posts scaled to the sampled span (samples every 200 ms). */
const cpuText = (r: Window) => coresText(r.cpu, r.cpu ? (r.measured * r.cpu.seconds) / r.seconds : undefined, r.procs);

/** 1. A backlog drained by `workers` analyze workers; the rate between the warm-up's end and the last result. */
async function analysisRun(size: PostSize, workers: number): Promise<Window> {
  await jsm.streams.purge(names.analysedStream);
  const warm = WARM[size] * workers;
  await publish(supply.items(size, warm + N[size], `a${tagNo++}`), `bench-${size}`);
  const total = await queued();
  const base = (await jsm.streams.info(names.analysedStream)).state.last_seq;
  probe.start();
  await startMany(Array.from({ length: workers }, () => ['worker', 'analyze', ...BATCH]));
  const readyCount = (await jsm.streams.info(names.analysedStream)).state.last_seq - base;
  const until = Date.now() + 600_000;
  while ((await jsm.streams.info(names.analysedStream)).state.last_seq - base < total) {
    if (Date.now() > until) throw new Error(`analysis did not finish: ${live.map((p) => p.stderr().slice(-500)).join('\n')}`);
    await sleep(100);
  }
  probe.stop();
  await stopAll();
  // Start after every worker has warmed up on its own share (a worker that got ready early may be far ahead).
  const first = Math.max(warm, readyCount + warm);
  if (total - first < N[size] / 2) console.log(`  (only ${total - first} posts measured after the warm-up: a worker started late)`);
  const t0 = await storedAt(names.analysedStream, base + first);
  const t1 = await storedAt(names.analysedStream, base + total);
  await jsm.streams.purge(names.analysedStream);
  const seconds = (t1 - t0) / 1000;
  return { rate: (total - first) / seconds, measured: total - first, seconds, cpu: probe.between(t0, t1), procs: workers };
}

async function storedCount(c: pg.Client, where = ''): Promise<number> {
  return Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM posts ${where}`)).rows[0]!.n);
}

/** 2. Backlog → 2 analyze + 1 track → PostgreSQL; stored posts polled every 100 ms (crossings interpolated). */
async function endToEnd(c: pg.Client, from: PostSupply, size: PostSize): Promise<Window> {
  const warm = quick ? 300 : 1000;
  for (const s of [names.itemsStream, names.analysedStream]) {
    const st = (await jsm.streams.info(s)).state;
    if (st.messages) throw new Error(`${s} still holds ${st.messages} messages`);
  }
  const before = await storedCount(c);
  await publish(from.items(size, warm + E2E, `e${tagNo++}`), `e2e-${size}`);
  const total = await queued();
  probe.start();
  // Poll from before the workers start: the first posts may be stored while the last worker is still starting.
  const seen: [number, number][] = [];
  const until = Date.now() + 600_000;
  const polled = (async () => {
    for (;;) {
      const n = (await storedCount(c)) - before;
      seen.push([Date.now(), n]);
      if (n >= total) return;
      if (Date.now() > until || (seen.length > 600 && seen[seen.length - 600]![1] === n && n > 0))
        throw new Error(`end to end did not finish (${n}/${total} stored, no progress for a minute): ${live.map((p) => p.stderr().slice(-500)).join('\n')}`);
      await sleep(100);
    }
  })();
  await startMany([['worker', 'analyze', ...BATCH], ['worker', 'analyze', ...BATCH], ['worker', 'track', '--batch', '500']]);
  await polled;
  probe.stop();
  const cross = (k: number) => {
    const i = seen.findIndex(([, n]) => n >= k);
    if (i <= 0) return seen[Math.max(0, i)]![0];
    const [ta, na] = seen[i - 1]!;
    const [tb, nb] = seen[i]!;
    return ta + ((tb - ta) * (k - na)) / (nb - na);
  };
  const t0 = cross(warm);
  const t1 = cross(total);
  return { rate: (total - warm) / ((t1 - t0) / 1000), measured: total - warm, seconds: (t1 - t0) / 1000, cpu: probe.between(t0, t1), procs: 3 };
}

/** Messages waiting or in hand at the analyze and track stages. */
async function lagOf(): Promise<number> {
  const [a, b] = await Promise.all([jsm.consumers.info(names.itemsStream, names.analyzeConsumer), jsm.consumers.info(names.analysedStream, names.trackConsumer(0))]);
  return a.num_pending + a.num_ack_pending + b.num_pending + b.num_ack_pending;
}

/** 3. Steady 10 % load, then 10× its per-second volume at once; seconds until every burst post is stored. */
async function lagRecovery(c: pg.Client, from: PostSupply, e2eRate: number): Promise<{ rate: number; burst: number; seconds: number; peakLag: number }> {
  const rate = Math.max(10, Math.round(e2eRate / 10));
  const steady = from.items('long', rate * 60, `s${tagNo++}`);
  let sent = 0;
  let run = true;
  const ticker = (async () => {
    const t = Date.now();
    while (run && sent < steady.length) {
      const due = Math.min(steady.length, Math.floor(((Date.now() - t) / 1000) * rate));
      if (due > sent) await publish(steady.slice(sent, (sent = due)), 'steady');
      await sleep(100);
    }
  })();
  await sleep(quick ? 2000 : 5000);
  const burst = from.items('long', rate * 10, `b${tagNo++}`);
  const t0 = Date.now();
  await publish(burst, 'burst');
  let peakLag = 0;
  while ((await storedCount(c, "WHERE source_id = 'burst'")) < burst.length) {
    peakLag = Math.max(peakLag, await lagOf());
    if (Date.now() - t0 > 300_000) throw new Error('burst not absorbed in 5 minutes');
    await sleep(50);
  }
  const seconds = (Date.now() - t0) / 1000;
  run = false;
  await ticker;
  // Let the last steady posts through, so the next measurement starts on empty streams.
  while ((await lagOf()) > 0) await sleep(100);
  return { rate, burst: burst.length, seconds, peakLag };
}

const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
console.log(`machine: ${cpus().length} × ${cpuModel}, node ${process.version}; posts: ${supply.origin}; load average before ${load()}`);
const results: Record<string, unknown> = { machine: { nproc: cpus().length, cpu: cpuModel, node: process.version }, origin: supply.origin, loadBefore: loadavg(), N, E2E, REPEAT };
const out: string[] = [];
try {
  const store = await openStore({ databaseUrl: schema.url, dataDir: '/tmp' });
  const now = Date.now();
  for (const u of deskUnits()) await store.repos.units.insert({ id: u.id, name: u.name, kind: u.kind, parent_id: u.parentId, aliases: JSON.stringify(u.aliases), created_at: now });
  for (const [i, p] of deskPlans().entries()) {
    await store.repos.plans.insert({ id: `plan-${i}`, name: p.name, expression: p.expression, places: JSON.stringify(p.places), units: JSON.stringify(p.units), enabled: 1, created_at: now, updated_at: now });
  }
  // What `tingfeng cluster init --partitions 1` does, in process (saves starting one more CLI process).
  await store.repos.settings.set(PARTITIONS_SETTING, 1, now);
  await store.close();
  await ensureTopology(jsm, names, { partitions: 1 });
  log('schema, demo units and plans, streams ready');

  for (const size of values.only === 'e2e' ? [] : SIZES) {
    const runs: Record<1 | 2, Window[]> = { 1: [], 2: [] };
    for (let rep = 0; rep < REPEAT; rep++) {
      for (const w of rep % 2 ? [...COUNTS].reverse() : COUNTS) {
        const r = await analysisRun(size, w);
        runs[w].push(r);
        log(`analyze ${size} ×${w} (rep ${rep + 1}): ${r.measured} posts in ${r.seconds.toFixed(2)} s = ${r.rate.toFixed(0)} posts/s; ${cpuText(r)}; load ${load()}`);
      }
    }
    const m1 = runs[1].length ? median(runs[1].map((r) => r.rate)) : NaN;
    const m2 = runs[2].length ? median(runs[2].map((r) => r.rate)) : NaN;
    results[`analysis-${size}`] = { one: runs[1], two: runs[2], median1: m1, median2: m2, ratio: m2 / m1 };
    out.push(`| analysis, ${size}: 1 / 2 × worker analyze (median of ${REPEAT}) | ${m1.toFixed(0)} / ${m2.toFixed(0)} posts/s = ×${(m2 / m1).toFixed(2)} |`);
  }

  const c = new pg.Client({ connectionString: schema.url });
  await c.connect();
  // End to end: the demo county's posts (they group into events as a desk's do), then, with ../shared/data, the
  // train.jsonl posts (nearly every one opens its own event: the tracker's worst case). Lag after the first.
  const demo = postSupply('demo');
  const e2eRuns: [PostSupply, PostSize][] = [[demo, 'long'], ...(quick || supply.origin === demo.origin ? [] : SIZES.map((z): [PostSupply, PostSize] => [supply, z]))];
  for (const [i, [from, size]] of (values.only === 'analysis' ? [] : e2eRuns).entries()) {
    const label = `${size}, ${from === demo ? 'demo county' : 'train.jsonl'} posts`;
    const r = await endToEnd(c, from, size);
    log(`end to end (${label}): ${r.measured} posts into PostgreSQL in ${r.seconds.toFixed(2)} s = ${r.rate.toFixed(0)} posts/s; ${cpuText(r)}; load ${load()}`);
    results[`e2e-${i}`] = { label, ...r };
    out.push(`| end to end (2 analyze + 1 track) into PostgreSQL, ${label} | ${r.rate.toFixed(0)} posts/s |`);
    if (i === 0) {
      const lag = await lagRecovery(c, from, r.rate);
      log(`lag recovery: steady ${lag.rate}/s, burst ${lag.burst} at once, peak lag ${lag.peakLag}, all burst posts stored in ${lag.seconds.toFixed(1)} s`);
      results.lag = lag;
      out.push(`| lag recovery after a 10× burst (${lag.burst} posts at once on ${lag.rate}/s steady) | ${lag.seconds.toFixed(1)} s |`);
    }
    await stopAll();
  }
  await c.end();
  results.loadAfter = loadavg();
  log(`load average after ${load()}`);
  console.log(['', '| measure | result |', '|---|---|', ...out].join('\n'));
  if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2) + '\n');
} finally {
  await stopAll().catch(() => undefined);
  await deleteTopology(jsm, names);
  await nc.close();
  await schema.drop();
}
