/**
 * Evaluates event grouping on a labelled JSON-lines file (default: ../shared/data/events/ecob-dev.jsonl, rows
 * {id, title, text, event}). Features are computed the way `tingfeng analyze` computes them (normalise, segment,
 * keywords, simhash); the stream is shuffled with several seeds since a live stream has no useful order.
 * Prints B-cubed precision/recall/F1 and ARI, for the ids as emitted at add time ("stream") and after the
 * tracker's own merges ("final").
 *
 *   node bin/run-ts.mjs scripts/eval-events.ts [--file F] [--seeds N] [--set key=value ...] [--jieba-idf] [--json]
 *                                               [--distractors N]
 * (--distractors N: mix N unrelated posts from ../shared/data/sentiment/train.jsonl into the stream, so thousands of
 *  active events compete for each article as in a live desk; the scores are still over the labelled rows only)
 * (--jieba-idf: jieba's raw IDF table instead of the analysis engine's default table)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EventTracker } from '../src/analysis/events/tracker.ts';
import { adjustedRand, bcubed } from '../src/analysis/events/metrics.ts';
import { DEFAULT_TRACKER_OPTIONS, type TrackerOptions } from '../src/analysis/events/options.ts';
import { buildTrackInput, jiebaIdf, type RawDoc } from './lib/event-features.ts';
import type { TrackInput } from '../src/analysis/events/types.ts';

interface Row extends RawDoc {
  event: string;
}

function parseArgs(argv: string[]): { file: string; seeds: number; set: Partial<TrackerOptions>; json: boolean; jiebaIdf: boolean; distractors: number } {
  let distractors = 0;
  let file = resolve(process.cwd(), '../shared/data/events/ecob-dev.jsonl');
  let seeds = 10;
  let json = false;
  let jiebaIdf = false;
  const set: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--file') file = resolve(argv[++i] ?? '');
    else if (a === '--seeds') seeds = Number(argv[++i]);
    else if (a === '--json') json = true;
    else if (a === '--jieba-idf') jiebaIdf = true;
    else if (a === '--distractors') distractors = Number(argv[++i]);
    else if (a === '--set') {
      const [k, v] = (argv[++i] ?? '').split('=');
      if (!k || !(k in DEFAULT_TRACKER_OPTIONS)) throw new Error(`TF_ERR_ARG: unknown tracker option ${k}`);
      set[k] = Number(v);
    }
  }
  return { file, seeds, set: set as Partial<TrackerOptions>, json, jiebaIdf, distractors };
}

/** Mulberry32: a small seeded generator so shuffles are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  const r = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function runOnce(inputs: readonly TrackInput[], opts: Partial<TrackerOptions>): { stream: Map<string, string>; final: Map<string, string> } {
  const tracker = new EventTracker(opts);
  const stream = new Map<string, string>();
  for (const p of inputs) stream.set(p.id, tracker.add(p).eventId);
  const final = new Map<string, string>();
  for (const p of inputs) final.set(p.id, tracker.eventOf(p.id) ?? stream.get(p.id)!);
  return { stream, final };
}

/** Unrelated short posts (reviews, Weibo) as distractors, each a fresh id. */
function distractorInputs(n: number): TrackInput[] {
  if (n <= 0) return [];
  const file = resolve(process.cwd(), '../shared/data/sentiment/train.jsonl');
  const out: TrackInput[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const step = Math.max(1, Math.floor(lines.length / n));
  for (let i = 0; i < lines.length && out.length < n; i += step) {
    if (!lines[i]) continue;
    const text = (JSON.parse(lines[i]!) as { text: string }).text;
    if (text.length < 20) continue;
    out.push(buildTrackInput({ id: `distractor-${i}`, text }));
  }
  return out;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rows: Row[] = readFileSync(args.file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
  const idf = jiebaIdf();
  const t0 = performance.now();
  const labelled = rows.map((r) => buildTrackInput(r));
  const inputs = [...labelled, ...distractorInputs(args.distractors)];
  const featMs = performance.now() - t0;
  const gold = new Map(rows.map((r) => [r.id, String(r.event)]));
  const opts: Partial<TrackerOptions> = { ...(args.jiebaIdf ? { idf } : {}), ...args.set };
  const res = { stream: [] as number[], final: [] as number[], ariStream: [] as number[], ariFinal: [] as number[], p: [] as number[], r: [] as number[] };
  let trackMs = 0;
  for (let s = 0; s < args.seeds; s++) {
    const order = s === 0 && args.distractors === 0 ? inputs : shuffled(inputs, s + 1000 * Math.min(1, args.distractors));
    const t1 = performance.now();
    const { stream, final } = runOnce(order, opts);
    trackMs += performance.now() - t1;
    const ids = rows.map((r) => r.id);
    const g = ids.map((id) => gold.get(id)!);
    const ps = ids.map((id) => stream.get(id)!);
    const pf = ids.map((id) => final.get(id)!);
    const bs = bcubed(ps, g);
    res.stream.push(bs.f1);
    res.p.push(bs.precision);
    res.r.push(bs.recall);
    res.final.push(bcubed(pf, g).f1);
    res.ariStream.push(adjustedRand(ps, g));
    res.ariFinal.push(adjustedRand(pf, g));
  }
  const out = {
    docs: rows.length,
    distractors: args.distractors,
    events: new Set(gold.values()).size,
    seeds: args.seeds,
    bcubedF1Stream: { mean: mean(res.stream), min: Math.min(...res.stream) },
    precision: mean(res.p),
    recall: mean(res.r),
    bcubedF1Final: { mean: mean(res.final), min: Math.min(...res.final) },
    ariStream: mean(res.ariStream),
    ariFinal: mean(res.ariFinal),
    featureMsPerDoc: featMs / rows.length,
    trackerMsPerDoc: trackMs / (rows.length * args.seeds),
    options: args.set,
  };
  if (args.json) process.stdout.write(JSON.stringify(out) + '\n');
  else process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

if (process.argv[1]?.endsWith("eval-events.ts")) await main();
