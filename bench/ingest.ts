/**
 * Pipeline into the store (issue 5 figure): ~1 KB posts through prepare → analyse → events → one transaction per
 * batch with the full-text index, on the embedded SQLite store and (when a URL is given) PostgreSQL.
 *
 *   node bin/run-ts.mjs bench/ingest.ts [--posts N] [--batch N] [--pg postgres://…] [--json FILE]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openStore, type Store } from '../src/store/store.ts';
import { buildPipeline } from '../src/pipeline/runtime.ts';
import { benchItems, fmt } from './lib/posts.ts';

const { values } = parseArgs({ options: { posts: { type: 'string' }, batch: { type: 'string' }, pg: { type: 'string' }, json: { type: 'string' }, inline: { type: 'boolean' }, 'in-flight': { type: 'string' } } });
const N = Number(values.posts ?? 20_000);
const BATCH = Number(values.batch ?? 500);
/** Batches handed in ahead of the one being waited for (tingfeng import: 2). */
const DEPTH = Number(values['in-flight'] ?? 2);

async function run(store: Store, dataDir: string, label: string) {
  const items = benchItems(N);
  const bytes = items.reduce((a, i) => a + Buffer.byteLength(i.text), 0);
  const now = Date.now();
  await store.repos.sources.insert({ id: 'bench', name: 'bench', kind: 'manual', config: '{}', enabled: 1, interval_s: 3600, cron: null, weight: 1, retention_days: null, cursor: null, health: '{}', demo: 0, created_at: now, updated_at: now });
  // as `tingfeng serve` and `tingfeng import` run it (setting analysisThread), unless --inline
  const p = await buildPipeline(store, { dataDir, analysisThread: !values.inline });
  const src = { id: 'bench', name: 'bench', weight: 1, demo: false };
  // Warm-up (dictionaries, model, JIT) on a small separate batch.
  await p.ingestor.ingest({ ...src }, benchItems(200, { seed: 99 }), new Date());
  const t0 = performance.now();
  const main0 = mainThreadCpuS();
  const cpu0 = process.cpuUsage();
  let stored = 0;
  // as `tingfeng import` does: later batches are handed in while earlier ones are tracked and stored
  const inFlight: Promise<{ stored: number }>[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    inFlight.push(p.ingestor.ingest(src, items.slice(i, i + BATCH), new Date()));
    if (inFlight.length > DEPTH) stored += (await inFlight.shift()!).stored;
  }
  for (const b of inFlight) stored += (await b).stored;
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const mainCpu = mainThreadCpuS() - main0;
  await p.close();
  const events = await store.repos.events.count({});
  const r = {
    store: label, posts: items.length, stored, avgBytes: Math.round(bytes / items.length), seconds: +s.toFixed(2), postsPerSecond: Math.round(items.length / s),
    mbPerSecond: +(bytes / s / 1e6).toFixed(2), events, cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2), mainThreadCpuSeconds: +mainCpu.toFixed(2),
  };
  console.log(
    `${label}: ${fmt(r.posts)} posts (${r.avgBytes} B avg) in ${r.seconds} s → ${fmt(r.postsPerSecond)} posts/s, ${r.mbPerSecond} MB/s; ${events} events; ` +
      `CPU ${r.cpuSeconds} s (main thread ${r.mainThreadCpuSeconds} s)`,
  );
  return r;
}

/** CPU time of this process's main thread (Linux /proc; NaN elsewhere): the pipeline's serial part. */
function mainThreadCpuS(): number {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

const results = [];
{
  const dir = mkdtempSync(join(tmpdir(), 'tf-bench-ingest-'));
  const store = await openStore({ dataDir: dir });
  results.push(await run(store, dir, 'sqlite'));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
if (values.pg) {
  const schema = `bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: values.pg });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const u = new URL(values.pg);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const dir = mkdtempSync(join(tmpdir(), 'tf-bench-ingest-'));
  const store = await openStore({ databaseUrl: u.toString(), dataDir: dir });
  try {
    results.push(await run(store, dir, 'postgres'));
  } finally {
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (values.json) writeFileSync(values.json, JSON.stringify({ bench: 'ingest', batch: BATCH, results }, null, 2));
