/** The analyser's input for a prepared post, and what the pipeline keeps of its analysis (embedded and cluster). */
import type { AnalysisDetail, AnalyzeInput } from '../analysis/analyze.ts';
import { indexTokensOf, segmentForIndex } from '../analysis/segment.ts';
import { storedText } from './prepare.ts';
import { isContentTerm } from '../analysis/events/vector.ts';
import type { AnalysedPost, PreparedPost } from './types.ts';

export function analyzeInputOf(p: PreparedPost, sourceName: string): AnalyzeInput {
  return { id: p.row.id, text: p.row.text, ...(p.row.title ? { title: p.row.title } : {}), html: false, source: sourceName, ...(p.row.author ? { author: p.row.author } : {}) };
}

/** What an embedded analyser knows of the stored post: the text the index covers (see storedText), whether titled. */
export function storedOf(input: AnalyzeInput): { text: string; titled: boolean } {
  return { text: storedText(input.title, input.text), titled: !!input.title };
}

/**
 * `duplicateOf` is the analyser's own verdict in the embedded pipeline; the cluster decides it later. `stored` is
 * the text the search index covers (the prepared post's normalised title and text, see storedText): when the
 * analyser segmented that same text, the index tokens come from its tokens instead of a second segmentation.
 */
export function analysisOut(d: AnalysisDetail, duplicateOf: string | null, stored?: { text: string; titled: boolean }): AnalysedPost['analysis'] {
  const r = d.result;
  return {
    ...(stored ? { index: (stored.text === d.text ? indexTokensOf(d.tokens) : segmentForIndex(stored.text)).join(' ') } : {}),
    ...(stored?.titled ? { title: stored.text.split('\n')[0]! } : {}),
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
