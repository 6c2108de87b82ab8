/**
 * Benchmark of `tingfeng analyze` (issue 3) on one core, against Python jieba's lcut alone on the same posts,
 * and of near-duplicate lookup at 1M indexed posts.
 *
 *   node bin/run-ts.mjs bench/analysis.ts [--posts N] [--no-python] [--index N] [--repeat N]
 *
 * Each figure is the best of N alternating runs (ours, ours with --events, Python), as wall time and as process
 * CPU time: on a shared, loaded machine CPU time is the steadier measure of the work done (the load average is
 * printed before and after). Machine-readable results go to .tmp/bench/analysis.json.
 *
 * Posts are generated at run time from ../shared/data/sentiment/train.jsonl (never committed): short posts
 * (~100 characters, Weibo-like) and long posts (~1 KB, message-board-like), with 10% of them reposts or lightly
 * edited copies of an earlier post so duplicate detection does real work.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyzeCommand } from '../src/cli/commands/analyze.ts';
import { SimHashIndex } from '../src/analysis/simhash-index.ts';
import { NearDuplicateDetector } from '../src/analysis/near-duplicates.ts';

const { values } = parseArgs({ options: { posts: { type: 'string' }, 'no-python': { type: 'boolean' }, index: { type: 'string' }, repeat: { type: 'string' } } });
const N = Number(values.posts ?? 3000);
const INDEX_N = Number(values.index ?? 1_000_000);
const REPEAT = Number(values.repeat ?? 3);
const DATA = new URL('../../shared/data/sentiment/train.jsonl', import.meta.url);
const OUT = new URL('../.tmp/bench/', import.meta.url);
mkdirSync(OUT, { recursive: true });

let seed = 20240601;
const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x100000000);

function makePosts(texts: string[], targetBytes: number, n: number): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 10 && rnd() < 0.1) {
      const src = out[Math.floor(rnd() * out.length)]!.text;
      const text = rnd() < 0.5 ? `转发一下，大家看看//@网友${i}:${src}` : src.replace(/[，。]/, '；') + '顶上去';
      out.push({ id: `p${i}`, text });
      continue;
    }
    let text = '';
    while (Buffer.byteLength(text) < targetBytes) text += texts[Math.floor(rnd() * texts.length)]! + (targetBytes > 500 ? '\n' : '');
    // Short posts: ~100 characters like a Weibo post; long: ~1 KB of UTF-8 like a message-board post.
    if (targetBytes <= 300) text = Array.from(text).slice(0, 100).join('');
    out.push({ id: `p${i}`, text });
  }
  return out;
}

class NullSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.bytes += chunk.length;
    cb();
  }
}

async function timeAnalyze(file: string, extra: string[] = []): Promise<{ seconds: number; cpu: number }> {
  const sink = new NullSink();
  const err = new NullSink();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const code = await analyzeCommand(['--input', file, ...extra], { stdin: createReadStream('/dev/null'), stdout: sink, stderr: err });
  const c = process.cpuUsage(c0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (code !== 0) throw new Error(`analyze exited ${code}`);
  return { seconds, cpu: (c.user + c.system) / 1e6 };
}

function python(file: string): { posts_per_s: number; mb_per_s: number; seconds: number; cpu_seconds: number } | null {
  if (values['no-python'] || !existsSync('/usr/bin/python3')) return null;
  try {
    return JSON.parse(execFileSync('/usr/bin/python3', [new URL('./jieba-baseline.py', import.meta.url).pathname, file], { encoding: 'utf8' }));
  } catch (e) {
    console.error('python jieba baseline failed:', (e as Error).message);
    return null;
  }
}

const texts = readFileSync(DATA, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text).filter((t) => t.length >= 8);
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model ?? 'unknown';
console.log(`machine: nproc ${cpus().length}, ${cpu}, node ${process.version}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const results: Record<string, unknown> = { machine: { nproc: cpus().length, cpu, node: process.version, loadBefore: loadavg() }, posts: N, repeat: REPEAT };

// Warm up once (jieba dictionary, IDF table, opencc tables, sentiment model) so figures are steady-state.
const warm = new URL('warm.jsonl', OUT).pathname;
writeFileSync(warm, makePosts(texts, 300, 200).map((p) => JSON.stringify(p)).join('\n') + '\n');
await timeAnalyze(warm);
await timeAnalyze(warm, ['--events']);

for (const [kind, bytes] of [['short (~100 chars)', 300], ['long (~1 KB)', 1000]] as const) {
  seed = 20240601 + bytes;
  const posts = makePosts(texts, bytes, N);
  const file = new URL(`posts-${bytes}.jsonl`, OUT).pathname;
  writeFileSync(file, posts.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const textBytes = posts.reduce((s, p) => s + Buffer.byteLength(p.text), 0);
  const avgChars = posts.reduce((s, p) => s + p.text.length, 0) / posts.length;
  // The machine is shared: alternate ours, ours with --events and Python's, and keep each side's best of REPEAT.
  const best = { wall: Infinity, cpu: Infinity, evWall: Infinity, evCpu: Infinity, pyWall: Infinity, pyCpu: Infinity };
  for (let rep = 0; rep < REPEAT; rep++) {
    const a = await timeAnalyze(file);
    best.wall = Math.min(best.wall, a.seconds);
    best.cpu = Math.min(best.cpu, a.cpu);
    const e = await timeAnalyze(file, ['--events']);
    best.evWall = Math.min(best.evWall, e.seconds);
    best.evCpu = Math.min(best.evCpu, e.cpu);
    const p = python(file);
    if (p) {
      best.pyWall = Math.min(best.pyWall, p.seconds);
      best.pyCpu = Math.min(best.pyCpu, p.cpu_seconds ?? p.seconds);
    }
  }
  const rate = (sec: number): string => `${(N / sec).toFixed(0)} posts/s ${(textBytes / sec / 1e6).toFixed(2)} MB/s`;
  const hasPy = Number.isFinite(best.pyWall);
  console.log(
    `${kind}: ${N} posts, avg ${avgChars.toFixed(0)} chars / ${(textBytes / N).toFixed(0)} B\n` +
      `  wall: tingfeng analyze ${rate(best.wall)}` +
      (hasPy ? `; python jieba lcut ${rate(best.pyWall)}; ratio ${(best.pyWall / best.wall).toFixed(1)}×` : '') +
      `\n  cpu:  tingfeng analyze ${rate(best.cpu)}` +
      (hasPy ? `; python jieba lcut ${rate(best.pyCpu)}; ratio ${(best.pyCpu / best.cpu).toFixed(1)}×` : '') +
      `\n  --events: ${rate(best.evCpu)} (cpu), tracker overhead +${((100 * (best.evCpu - best.cpu)) / best.cpu).toFixed(0)}% cpu, +${((100 * (best.evWall - best.wall)) / best.wall).toFixed(0)}% wall`,
  );
  results[bytes === 300 ? 'short' : 'long'] = { avgChars, avgBytes: textBytes / N, ...best };
}
results.loadAfter = loadavg();
writeFileSync(new URL('analysis.json', OUT), JSON.stringify(results, null, 2) + '\n');
console.log(`load average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// Near-duplicate lookup at INDEX_N indexed posts (SimHash index, k = 3).
{
  const idx = new SimHashIndex({ k: 3, capacity: INDEX_N });
  const his = new Uint32Array(INDEX_N);
  const los = new Uint32Array(INDEX_N);
  for (let i = 0; i < INDEX_N; i++) {
    his[i] = (rnd() * 0x100000000) >>> 0;
    los[i] = (rnd() * 0x100000000) >>> 0;
  }
  const heapBefore = process.memoryUsage().arrayBuffers;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < INDEX_N; i++) idx.add(his[i]!, los[i]!, i);
  const addNs = Number(process.hrtime.bigint() - t0) / INDEX_N;
  const Q = 100_000;
  let found = 0;
  const t1 = process.hrtime.bigint();
  for (let q = 0; q < Q; q++) {
    const i = Math.floor(rnd() * INDEX_N);
    // Half the queries are 2-bit variants of an indexed hash, half are fresh (the common "no copy" case).
    const hi = q & 1 ? (his[i]! ^ 0x00010001) >>> 0 : (rnd() * 0x100000000) >>> 0;
    const lo = q & 1 ? los[i]! : (rnd() * 0x100000000) >>> 0;
    if (idx.earliest(hi, lo)) found++;
  }
  const lookupUs = Number(process.hrtime.bigint() - t1) / Q / 1000;
  console.log(
    `simhash index: ${INDEX_N} posts, k=3: lookup ${lookupUs.toFixed(2)} µs/post (found ${found}/${Q}), add ${(addNs / 1000).toFixed(2)} µs/post, ` +
      `${(idx.bytes / INDEX_N).toFixed(1)} B/post (${(idx.bytes / 1e6).toFixed(0)} MB typed arrays; +${((process.memoryUsage().arrayBuffers - heapBefore) / 1e6).toFixed(0)} MB measured)`,
  );
}

// The full duplicate detector (exact + SimHash + MinHash LSH) at its default window, on generated short posts.
{
  const W = Math.min(INDEX_N, 1 << 18);
  const det = new NearDuplicateDetector({ capacity: W });
  const posts = makePosts(texts, 300, 20_000).map((p) => p.text);
  const rssBefore = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < W; i++) det.observe(i < posts.length ? posts[i]! : posts[i % posts.length]! + i, i);
  const us = Number(process.hrtime.bigint() - t0) / W / 1000;
  console.log(`duplicate detector: ${W} posts observed, ${us.toFixed(1)} µs/post including hashing; rss +${((process.memoryUsage().rss - rssBefore) / W).toFixed(0)} B/post`);
}
