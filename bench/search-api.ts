/**
 * Search latency (p50/p95) at N stored posts, API latency/throughput under load (autocannon) for the stream and
 * overview endpoints, and `tingfeng serve` start-up time and memory (RSS) on that store.
 *
 *   node bin/run-ts.mjs bench/search-api.ts [--posts 100000] [--seconds 10] [--json FILE]
 *
 * Posts are loaded straight through the repositories (segmented for the full-text index, with analysis rows),
 * not through the whole pipeline, so a large store is built in reasonable time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openStore, type Store } from '../src/store/store.ts';
import { segment } from '../src/analysis/segment.ts';
import { stableId } from '../src/store/ids.ts';
import { loadConfig } from '../src/config/config.ts';
import { createServices } from '../src/services/index.ts';
import { buildApp } from '../src/api/app.ts';
import { SYSTEM_ACTOR } from '../src/services/actor.ts';
import { generatePosts } from '../src/demo/index.ts';
import { fmt } from './lib/posts.ts';

const { values } = parseArgs({ options: { posts: { type: 'string' }, seconds: { type: 'string' }, json: { type: 'string' } } });
const N = Number(values.posts ?? 100_000);
const SECONDS = Number(values.seconds ?? 10);
const BIN = new URL('../bin/tingfeng.mjs', import.meta.url).pathname;

async function load(store: Store, n: number): Promise<void> {
  const now = Date.now();
  await store.repos.sources.insert({ id: 'bench', name: '基准', kind: 'manual', config: '{}', enabled: 1, interval_s: 3600, cron: null, weight: 1, retention_days: null, cursor: null, health: '{}', demo: 0, created_at: now, updated_at: now });
  const sentiments = ['negative', 'neutral', 'positive'];
  let batch: { p: Parameters<Store['repos']['posts']['insertMany']>[0][number]; tokens: string[] }[] = [];
  let i = 0;
  const flush = async () => {
    await store.tx(async (r) => {
      await r.posts.insertMany(batch.map((b) => b.p));
      await r.posts.upsertAnalysis(
        batch.map((b, k) => ({
          post_id: b.p.id, keywords: JSON.stringify(b.tokens.filter((t) => t.length > 1).slice(0, 5)), sentiment_label: sentiments[(i + k) % 3]!, sentiment_score: 0,
          sentiment_evidence: '[]', label_override: null, relevant: null, simhash: '0000000000000000', duplicate_of: null, places: '[]', units: '[]', plans: '[]', event_id: null, analyzed_at: now,
        })),
      );
      await r.posts.indexText(batch.map((b) => ({ post_id: b.p.id, tokens: b.tokens.join(' ') })));
    });
    batch = [];
  };
  const span = 30 * 86400_000;
  for (const post of generatePosts({ seed: 11, start: new Date(now - span), days: 30, postsPerDay: Math.ceil(n / 30) + 10 })) {
    if (i >= n) break;
    const key = `bench|${i}`;
    batch.push({
      p: { id: stableId('p', key), source_id: 'bench', dedupe_key: key, url: null, title: post.title, text: post.text, author: post.author, published_at: Math.min(post.publishedAt.getTime(), now), fetched_at: now, engagement: null, content_hash: key, is_official: 0, demo: 0 },
      tokens: segment(`${post.title}\n${post.text}`),
    });
    i++;
    if (batch.length >= 1000) await flush();
  }
  if (batch.length) await flush();
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const dir = mkdtempSync(join(tmpdir(), 'tf-bench-search-'));
const store = await openStore({ dataDir: dir });
const t0 = performance.now();
await load(store, N);
const loadSeconds = (performance.now() - t0) / 1000;
console.log(`loaded ${fmt(N)} posts in ${loadSeconds.toFixed(1)} s`);

const config = loadConfig({ overrides: { dataDir: dir, logLevel: 'silent', demo: false } });
const services = createServices(store, config);
const queries = ['自来水', '道路 积水', '学校 食堂', '停车', '投诉', '城关镇', '噪音 扰民', '景区', '工资', '医院'];
const lat: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const q of queries) {
    const s = performance.now();
    await services.posts.list({ q, fold: true, page: 1, pageSize: 50 } as never);
    lat.push(performance.now() - s);
  }
}
const search = { posts: N, queries: lat.length, p50ms: +pct(lat, 50).toFixed(1), p95ms: +pct(lat, 95).toFixed(1) };
console.log(`search at ${fmt(N)} posts: p50 ${search.p50ms} ms, p95 ${search.p95ms} ms (${lat.length} queries, first page + total count)`);

await services.users.create(SYSTEM_ACTOR, { username: 'bench', role: 'duty_officer', password: 'bench-password-1' }, Date.now());
const app = await buildApp({ config, store, services, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }) });
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const api: Record<string, { rps: number; p50ms: number; p99ms: number; errors: number }> = {};
for (const [name, path] of [['stream', '/api/posts?page=1&pageSize=50'], ['stream-search', '/api/posts?q=%E7%A7%AF%E6%B0%B4&page=1'], ['overview', '/api/stats/overview']] as const) {
  const r = await autocannon({ url: `${base}${path}`, connections: 10, duration: SECONDS, headers: { cookie } });
  api[name] = { rps: Math.round(r.requests.average), p50ms: r.latency.p50, p99ms: r.latency.p99, errors: r.errors + r.non2xx };
  console.log(`API ${name}: ${fmt(api[name].rps)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${api[name].errors}`);
}
await app.close();
await store.close();

// Start-up time and memory of the real server on this store.
const started = performance.now();
const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir, '--no-demo', '--no-collect'], { env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /running at (http:\/\/[^\s]+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
});
await fetch(`${url}api/health`);
const startupMs = Math.round(performance.now() - started);
await fetch(`${url}api/health`);
const rssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
child.kill('SIGTERM');
console.log(`serve: ready in ${startupMs} ms (process start to first health answer), RSS ${rssMb} MB with ${fmt(N)} posts`);
rmSync(dir, { recursive: true, force: true });
if (values.json) writeFileSync(values.json, JSON.stringify({ bench: 'search-api', posts: N, loadSeconds: +loadSeconds.toFixed(1), search, api, serve: { startupMs, rssMb } }, null, 2));
