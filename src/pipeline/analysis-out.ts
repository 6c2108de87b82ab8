/** The analyser's input for a prepared post, and what the pipeline keeps of its analysis (embedded and cluster). */
import type { AnalysisDetail, AnalyzeInput } from '../analysis/analyze.ts';
import { indexTokensOf } from '../analysis/segment.ts';
import { isContentTerm } from '../analysis/events/vector.ts';
import type { AnalysedPost, PreparedPost } from './types.ts';

export function analyzeInputOf(p: PreparedPost, sourceName: string): AnalyzeInput {
  return { id: p.row.id, text: p.row.text, ...(p.row.title ? { title: p.row.title } : {}), html: false, source: sourceName, ...(p.row.author ? { author: p.row.author } : {}) };
}

/**
 * `duplicateOf` is the analyser's own verdict in the embedded pipeline; the cluster decides it later. `storedText`
 * is the text the search index covers (the prepared post's normalised title and text): when the analyser
 * segmented that same text, the index tokens come from its tokens instead of a second segmentation.
 */
export function analysisOut(d: AnalysisDetail, duplicateOf: string | null, storedText?: string): AnalysedPost['analysis'] {
  const r = d.result;
  return {
    ...(storedText !== undefined && storedText === d.text ? { index: indexTokensOf(d.tokens).join(' ') } : {}),
    // only the tokens the event tracker can count as terms travel on (the rest, about half, it skips anyway)
    tokens: d.tokens.filter(isContentTerm),
    keywords: d.keywords.map((k) => ({ term: k.term, weight: Math.round(k.weight * 1000) / 1000 })),
    sentiment: r.sentiment,
    simhash: r.simhash,
    duplicateOf,
    places: r.places,
    units: r.units,
    plans: r.plans.map((m) => ({ plan: m.name, terms: m.hits })),
  };
}
