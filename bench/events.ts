/**
 * Event tracker throughput and its overhead over `tingfeng analyze`'s own work (createAnalyzer: normalise,
 * segment, sentiment, keywords, simhash + duplicates, places, plans), on ECOB dev news repeated with fresh ids,
 * one minute apart (copies are near-duplicates, so they also exercise the duplicate path).
 *
 *   node bin/run-ts.mjs bench/events.ts [--file F] [--copies N] [--repeat N]
 *
 * Times are the best of N runs of each pass, as process CPU time (steadier than wall time on a shared machine).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAnalyzer } from '../src/analysis/analyze.ts';
import { EventTracker } from '../src/analysis/events/tracker.ts';
import { trackInputFromAnalysis, type RawDoc } from '../scripts/lib/event-features.ts';
import type { TrackInput } from '../src/analysis/events/types.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = resolve(arg('--file') ?? '../shared/data/events/ecob-dev.jsonl');
const copies = Number(arg('--copies') ?? 5);
const repeat = Number(arg('--repeat') ?? 3);
const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
const docs = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RawDoc);
const t0 = Date.parse('2024-06-01T00:00:00Z');

// warm up jieba, the models, the IDF table and the JIT
const warm = createAnalyzer();
const w = trackInputFromAnalysis(docs[0]!, warm.analyzeDetailed({ id: 'warm', text: docs[0]!.text, title: docs[0]!.title }));
new EventTracker().add(w);

let inputs: TrackInput[] = [];
let analyseMs = Infinity;
for (let r = 0; r < repeat; r++) {
  const analyzer = createAnalyzer();
  const batch: TrackInput[] = [];
  let i = 0;
  const c0 = process.cpuUsage();
  for (let c = 0; c < copies; c++) {
    for (const d of docs) {
      const id = `${d.id}#${c}`;
      const detail = analyzer.analyzeDetailed({ id, text: d.text, ...(d.title ? { title: d.title } : {}) });
      batch.push(trackInputFromAnalysis({ ...d, id }, detail, new Date(t0 + 60_000 * i++)));
    }
  }
  analyseMs = Math.min(analyseMs, cpuMs(process.cpuUsage(c0)));
  inputs = batch;
}

let trackMs = Infinity;
let tracker = new EventTracker();
let mem0 = 0;
let mem1 = 0;
for (let r = 0; r < repeat; r++) {
  const t = new EventTracker();
  const m0 = process.memoryUsage().heapUsed;
  const c0 = process.cpuUsage();
  for (const p of inputs) t.add(p);
  const ms = cpuMs(process.cpuUsage(c0));
  if (ms < trackMs) {
    trackMs = ms;
    tracker = t;
    mem0 = m0;
    mem1 = process.memoryUsage().heapUsed;
  }
}

const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text) + Buffer.byteLength(d.title ?? ''), 0) * copies;
const out = {
  posts: inputs.length,
  avgBytes: Math.round(bytes / inputs.length),
  analysePostsPerSec: Math.round(inputs.length / (analyseMs / 1000)),
  trackerPostsPerSec: Math.round(inputs.length / (trackMs / 1000)),
  trackerOverheadPct: Math.round((100 * trackMs) / analyseMs),
  activeEvents: tracker.events().length,
  heapDeltaMB: Math.round((mem1 - mem0) / 1e5) / 10,
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
