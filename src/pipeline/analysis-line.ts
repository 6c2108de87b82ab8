/**
 * An analysed post as `tingfeng analyze` writes it (its JSON line) with what event tracking needs of it: built in
 * the analysis thread, so the main thread only tracks and writes.
 */
import type { AnalysisDetail, PostAnalysis } from '../analysis/analyze.ts';
import { isContentTerm } from '../analysis/events/vector.ts';

export interface AnalysisLine {
  /** JSON.stringify(result) */
  json: string;
  title: string;
  /** The tokens the tracker can count as terms (see PostAnalysisOut.tokens). */
  tokens: string[];
  keywords: AnalysisDetail['keywords'];
  result: Pick<PostAnalysis, 'id' | 'simhash' | 'duplicate_of' | 'places' | 'units'> & { sentiment: Pick<PostAnalysis['sentiment'], 'label' | 'score'> };
}

export function analysisLineOf(d: AnalysisDetail): AnalysisLine {
  const r = d.result;
  return {
    json: JSON.stringify(r),
    title: d.title,
    tokens: d.tokens.filter(isContentTerm),
    keywords: d.keywords,
    result: { id: r.id, simhash: r.simhash, duplicate_of: r.duplicate_of, places: r.places, units: r.units, sentiment: { label: r.sentiment.label, score: r.sentiment.score } },
  };
}
