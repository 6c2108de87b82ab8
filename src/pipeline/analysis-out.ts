/** The analyser's input for a prepared post, and what the pipeline keeps of its analysis (embedded and cluster). */
import type { AnalysisDetail, AnalyzeInput } from '../analysis/analyze.ts';
import type { AnalysedPost, PreparedPost } from './types.ts';

export function analyzeInputOf(p: PreparedPost, sourceName: string): AnalyzeInput {
  return { id: p.row.id, text: p.row.text, ...(p.row.title ? { title: p.row.title } : {}), html: false, source: sourceName, ...(p.row.author ? { author: p.row.author } : {}) };
}

/** `duplicateOf` is the analyser's own verdict in the embedded pipeline; the cluster decides it later. */
export function analysisOut(d: AnalysisDetail, duplicateOf: string | null): AnalysedPost['analysis'] {
  const r = d.result;
  return {
    tokens: d.tokens,
    keywords: d.keywords.map((k) => ({ term: k.term, weight: Math.round(k.weight * 1000) / 1000 })),
    sentiment: r.sentiment,
    simhash: r.simhash,
    duplicateOf,
    places: r.places,
    units: r.units,
    plans: r.plans.map((m) => ({ plan: m.name, terms: m.hits })),
  };
}
