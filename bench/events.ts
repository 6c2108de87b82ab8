/**
 * Event tracker throughput and its overhead over `tingfeng analyze`'s own work (createAnalyzer: normalise,
 * segment, sentiment, keywords, simhash + duplicates, places, plans), on ECOB dev news repeated with fresh ids,
 * one minute apart (copies are near-duplicates, so they also exercise the duplicate path).
 *
 *   node bin/run-ts.mjs bench/events.ts [--file F] [--copies N]
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
const docs = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RawDoc);
const t0 = Date.parse('2024-06-01T00:00:00Z');

// warm up jieba, the models, the IDF table and the JIT
const warm = createAnalyzer();
const w = trackInputFromAnalysis(docs[0]!, warm.analyzeDetailed({ id: 'warm', text: docs[0]!.text, title: docs[0]!.title }));
new EventTracker().add(w);

const analyzer = createAnalyzer();
const inputs: TrackInput[] = [];
let i = 0;
const a0 = performance.now();
for (let c = 0; c < copies; c++) {
  for (const d of docs) {
    const id = `${d.id}#${c}`;
    const detail = analyzer.analyzeDetailed({ id, text: d.text, ...(d.title ? { title: d.title } : {}) });
    inputs.push(trackInputFromAnalysis({ ...d, id }, detail, new Date(t0 + 60_000 * i++)));
  }
}
const analyseMs = performance.now() - a0;

const mem0 = process.memoryUsage().heapUsed;
const tracker = new EventTracker();
const k0 = performance.now();
for (const p of inputs) tracker.add(p);
const trackMs = performance.now() - k0;
const mem1 = process.memoryUsage().heapUsed;

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
