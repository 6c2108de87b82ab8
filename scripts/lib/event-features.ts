/**
 * Builds the tracker's input from a raw document the way `tingfeng analyze` does: normalise, segment, keywords,
 * simhash. Used by the event evaluation and bench scripts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extractKeywords } from '../../src/analysis/keywords.ts';
import { normalizeText } from '../../src/analysis/normalize.ts';
import { segment } from '../../src/analysis/segment.ts';
import { fromHex, simhash64 } from '../../src/analysis/simhash.ts';
import type { AnalysisDetail } from '../../src/analysis/analyze.ts';
import type { TrackInput } from '../../src/analysis/events/types.ts';
import type { IdfLookup } from '../../src/analysis/events/vector.ts';

export interface RawDoc {
  id: string;
  title?: string;
  text: string;
  published_at?: string;
  source?: string;
}

let table: Map<string, number> | null = null;

/** jieba's bundled IDF table as a lookup. */
export function jiebaIdf(): IdfLookup {
  if (!table) {
    const require = createRequire(import.meta.url);
    const path = require.resolve('@node-rs/jieba/idf.txt');
    table = new Map();
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const [w, v] = line.split(' ');
      if (w && v) table.set(w, Number(v));
    }
  }
  const t = table;
  return (term) => t.get(term);
}

export function buildTrackInput(d: RawDoc, publishedAt = new Date(0)): TrackInput {
  const title = d.title ? normalizeText(d.title) : undefined;
  const text = normalizeText(d.text);
  const tokens = segment(title ? `${title}\n${text}` : text);
  return {
    id: String(d.id),
    publishedAt: d.published_at ? new Date(d.published_at) : publishedAt,
    ...(title ? { title } : {}),
    text,
    tokens,
    keywords: extractKeywords(tokens, 10),
    simhash: simhash64(text),
    duplicateOf: null,
    places: [],
    units: [],
    ...(d.source ? { source: d.source } : {}),
  };
}

/** The tracker input from what `createAnalyzer().analyzeDetailed` computed (the live path). */
export function trackInputFromAnalysis(d: RawDoc, a: AnalysisDetail, publishedAt = new Date(0)): TrackInput {
  const r = a.result;
  return {
    id: r.id,
    publishedAt: d.published_at ? new Date(d.published_at) : publishedAt,
    ...(d.title ? { title: normalizeText(d.title) } : {}),
    text: a.text,
    tokens: a.tokens,
    keywords: extractKeywords(a.tokens, 10),
    simhash: fromHex(r.simhash),
    duplicateOf: r.duplicate_of,
    places: r.places,
    units: r.units,
    sentiment: { label: r.sentiment.label, score: r.sentiment.score },
    ...(d.source ? { source: d.source } : {}),
  };
}
