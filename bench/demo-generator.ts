/**
 * Benchmark of the demo county generator (issue 9): posts/s and MB/s of generated text, and the process's memory
 * sampled along the way to show it stays flat however many posts are generated.
 *
 *   node bin/run-ts.mjs bench/demo-generator.ts [--posts 1000000] [--quick]
 *
 * Writes .tmp/bench/demo-generator.json (machine-readable) and prints a Markdown row for bench/RESULTS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { generatePosts } from '../src/demo/generator.ts';

const { values } = parseArgs({ options: { posts: { type: 'string' }, quick: { type: 'boolean' } } });
const N = Number(values.posts ?? (values.quick ? 100_000 : 1_000_000));
const PER_DAY = 20_000;
const OUT = new URL('../.tmp/bench/', import.meta.url);
mkdirSync(OUT, { recursive: true });

// Warm up (opencc tables, template cache) so the figure is the steady state.
for (const _ of generatePosts({ seed: 99, start: new Date('2026-01-01T00:00:00+08:00'), days: 1, postsPerDay: 2000 })) void _;

const samples: Array<{ posts: number; rssMB: number; heapMB: number }> = [];
let n = 0;
let chars = 0;
let bytes = 0;
const t0 = process.hrtime.bigint();
for (const p of generatePosts({ seed: 1, start: new Date('2026-01-01T00:00:00+08:00'), days: Math.ceil((N * 1.2) / PER_DAY), postsPerDay: PER_DAY, maxPosts: N })) {
  n++;
  chars += p.text.length + p.title.length;
  bytes += Buffer.byteLength(p.text) + Buffer.byteLength(p.title);
  if (n % Math.max(1, Math.floor(N / 10)) === 0) {
    const m = process.memoryUsage();
    samples.push({ posts: n, rssMB: Math.round(m.rss / 1e6), heapMB: Math.round(m.heapUsed / 1e6) });
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const result = {
  bench: 'demo-generator',
  date: new Date().toISOString(),
  machine: `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, node ${process.version}`,
  posts: n,
  seconds: Number(seconds.toFixed(2)),
  postsPerSecond: Math.round(n / seconds),
  mbPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)),
  meanChars: Math.round(chars / n),
  memory: samples,
};
writeFileSync(new URL('demo-generator.json', OUT), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
const rss = samples.map((s) => s.rssMB);
console.log(
  `| demo generator | ${n.toLocaleString('en')} posts | ${result.postsPerSecond.toLocaleString('en')} posts/s | ${result.mbPerSecond} MB/s | RSS ${Math.min(...rss)}–${Math.max(...rss)} MB over the run |`,
);
