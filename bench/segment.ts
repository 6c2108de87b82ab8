/**
 * Segmentation speed: @node-rs/jieba (native, N-API) against our TypeScript port (src/analysis/segmenter), on
 * `cut(text, true)` and `cutForSearch(text, true)`, plus the port's dictionary build time and memory.
 *
 *   node bin/run-ts.mjs bench/segment.ts [--posts N] [--repeat N]
 *
 * Posts are made at run time from ../shared/data/sentiment/train.jsonl (never committed), as bench/analysis.ts
 * makes them: short (~100 characters, Weibo-like) and long (~1 KB of UTF-8, texts joined by newlines). Each figure
 * is the best of N alternating rounds, in µs per post of wall time (CPU time alongside: the machine is shared).
 * Results also go to .tmp/bench/segment.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { Segmenter } from '../src/analysis/segmenter/segmenter.ts';
import { segment, segmentForIndex } from '../src/analysis/segment.ts';

const { values } = parseArgs({ options: { posts: { type: 'string' }, repeat: { type: 'string' } } });
const N = Number(values.posts ?? 3000);
const REPEAT = Number(values.repeat ?? 5);
const DATA = new URL('../../shared/data/sentiment/train.jsonl', import.meta.url);
const OUT = new URL('../.tmp/bench/', import.meta.url);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let seed = 20240601;
const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x100000000;

function makePosts(texts: string[], targetBytes: number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let text = '';
    while (Buffer.byteLength(text) < targetBytes)
      text += texts[Math.floor(rnd() * texts.length)]! + (targetBytes > 500 ? '\n' : '');
    if (targetBytes <= 300) text = Array.from(text).slice(0, 100).join('');
    out.push(text);
  }
  return out;
}

function time(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e3;
  const c = process.cpuUsage(c0);
  return { wall, cpu: c.user + c.system };
}

if (!existsSync(DATA)) {
  console.log(`skip: ${DATA.pathname} not present`);
  process.exit(0);
}
const texts = readFileSync(DATA, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text)
  .filter((t) => typeof t === 'string' && t.length > 0);
const short = makePosts(texts, 250, N);
const long = makePosts(texts, 1000, N);
const avg = (a: string[]): number => a.reduce((s, t) => s + t.length, 0) / a.length;
console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(
  `${N} short posts (avg ${avg(short).toFixed(0)} chars), ${N} long posts (avg ${avg(long).toFixed(0)} chars)`,
);

// dictionary build and memory (first build in this process: includes JIT warm-up, as in production)
gc();
const m0 = process.memoryUsage();
let ours: Segmenter | null = null;
const build = time(() => {
  ours = Segmenter.fromDictText(Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength).toString('utf8'));
  ours.cut('加载模型'); // HMM model too
});
gc();
const m1 = process.memoryUsage();
const seg = ours! as Segmenter;
const typed = seg.dict.bytes();
const heap = (m1.heapUsed - m0.heapUsed) / 1e6;
const arrayBuffers = (m1.arrayBuffers - m0.arrayBuffers) / 1e6;
console.log(
  `our dictionary: build ${(build.wall / 1e3).toFixed(0)} ms (cpu ${(build.cpu / 1e3).toFixed(0)} ms), ${seg.dict.words} words, ${seg.dict.nodes} trie nodes; typed arrays ${(typed / 1e6).toFixed(1)} MB; after GC heap +${heap.toFixed(1)} MB, array buffers +${arrayBuffers.toFixed(1)} MB`,
);
const rebuild = time(() =>
  Segmenter.fromDictText(Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength).toString('utf8')),
);
const nb = time(() => Jieba.withDict(dict));
console.log(
  `second build ${(rebuild.wall / 1e3).toFixed(0)} ms; native Jieba.withDict ${(nb.wall / 1e3).toFixed(0)} ms`,
);
const native = Jieba.withDict(dict);

type Case = { name: string; posts: string[]; run: (t: string) => string[] };
const cases: Case[] = [];
for (const [label, posts] of [
  ['short', short],
  ['long', long],
] as const) {
  cases.push({ name: `${label} cut native`, posts, run: (t) => native.cut(t, true) });
  cases.push({ name: `${label} cut ours`, posts, run: (t) => seg.cut(t) });
  cases.push({ name: `${label} cutForSearch native`, posts, run: (t) => native.cutForSearch(t, true) });
  cases.push({ name: `${label} cutForSearch ours`, posts, run: (t) => seg.cutForSearch(t) });
  // segment.ts as analysis calls it: before (native, its filters as they were) and now
  cases.push({
    name: `${label} segment native`,
    posts,
    run: (t) => native.cut(t, true).filter((w) => w.trim().length > 0),
  });
  cases.push({ name: `${label} segment ours`, posts, run: (t) => segment(t) });
  cases.push({
    name: `${label} segmentForIndex native`,
    posts,
    run: (t) => native.cutForSearch(t, true).filter((w) => /[\p{L}\p{N}]/u.test(w)),
  });
  cases.push({ name: `${label} segmentForIndex ours`, posts, run: (t) => segmentForIndex(t) });
}
segment('预热'); // segment.ts builds its own segmenter on first use
const best = new Map<string, { wall: number; cpu: number }>();
let sink = 0;
for (let r = 0; r < REPEAT; r++) {
  for (const c of cases) {
    const t = time(() => {
      for (const p of c.posts) sink += c.run(p).length;
    });
    const b = best.get(c.name);
    if (!b || t.wall < b.wall) best.set(c.name, t);
  }
}
const rows: Record<string, { us_per_post: number; cpu_us_per_post: number }> = {};
for (const c of cases) {
  const b = best.get(c.name)!;
  rows[c.name] = { us_per_post: b.wall / N, cpu_us_per_post: b.cpu / N };
}
for (const label of ['short', 'long']) {
  for (const mode of ['cut', 'cutForSearch', 'segment', 'segmentForIndex']) {
    const n = rows[`${label} ${mode} native`]!;
    const o = rows[`${label} ${mode} ours`]!;
    console.log(
      `${label.padEnd(5)} ${mode.padEnd(15)} native ${n.us_per_post.toFixed(1).padStart(6)} µs/post   ours ${o.us_per_post.toFixed(1).padStart(6)} µs/post   x${(n.us_per_post / o.us_per_post).toFixed(2)}   (cpu ${n.cpu_us_per_post.toFixed(1)} / ${o.cpu_us_per_post.toFixed(1)})`,
    );
  }
}
console.log(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (tokens ${sink})`,
);
mkdirSync(OUT, { recursive: true });
writeFileSync(
  new URL('segment.json', OUT),
  JSON.stringify(
    {
      posts: N,
      repeat: REPEAT,
      build_ms: build.wall / 1e3,
      rebuild_ms: rebuild.wall / 1e3,
      native_build_ms: nb.wall / 1e3,
      typed_array_mb: typed / 1e6,
      heap_mb: heap,
      array_buffers_mb: arrayBuffers,
      rows,
      loadavg: loadavg(),
    },
    null,
    2,
  ),
);
