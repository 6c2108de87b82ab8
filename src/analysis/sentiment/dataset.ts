/**
 * The training corpus (../shared/data/sentiment/train.jsonl): source groups, the deterministic split and the
 * per-row weights. The data itself is never part of the project.
 */
import { hashKey } from './features.ts';
import type { SentimentLabel } from './model.ts';

export interface CorpusRow {
  text: string;
  label: SentimentLabel;
  source: string;
}

export type SourceGroup = 'review' | 'social';
export type Split = 'train' | 'valid' | 'test';

const REVIEW_SOURCE_RE = /^(ChnSentiCorp|waimai_10k|online_shopping_10_cats)/;

export function sourceGroup(source: string): SourceGroup {
  return REVIEW_SOURCE_RE.test(source) ? 'review' : 'social';
}

/** Sources whose annotation has a neutral class (the others dropped or never had it). */
export function hasNeutralClass(source: string): boolean {
  return source.startsWith('SMP2020');
}

/**
 * Deterministic split by a hash of the normalised text (so copies land together): 10% test (held out, reported), 5% valid (threshold tuning),
 * 85% train. The same text always lands in the same part.
 */
export function splitOf(text: string): Split {
  const b = hashKey(`split:${text}`) % 20;
  if (b < 2) return 'test';
  if (b < 3) return 'valid';
  return 'train';
}

export interface WeightPolicy {
  review: number;
  social: number;
  /** Weight in the neutral head of rows from sources without a neutral class (they still say "not neutral"). */
  noNeutralSource: number;
}

/** Social-media rows count more than reviews: Tingfeng serves public-affairs posts, not shopping. */
export const DEFAULT_WEIGHTS: WeightPolicy = { review: 0.5, social: 1, noNeutralSource: 0.15 };

export function parseCorpusLine(line: string): CorpusRow | null {
  const t = line.trim();
  if (!t) return null;
  const r = JSON.parse(t) as Partial<CorpusRow>;
  if (typeof r.text !== 'string' || typeof r.source !== 'string') return null;
  if (r.label !== 'negative' && r.label !== 'neutral' && r.label !== 'positive') return null;
  return { text: r.text, label: r.label, source: r.source };
}
