/**
 * The sentiment model: two logistic heads over the same hashed features.
 *
 *   polarity head  P(positive | the text is polar)        — trained on every negative/positive row
 *   neutral head   P(neutral)                             — trained where a neutral class exists (Weibo posts)
 *
 * probs: neutral = pN, positive = (1 − pN)·pP, negative = (1 − pN)·(1 − pP).
 * label: 'neutral' when pN ≥ neutralThreshold, otherwise the polarity argmax — so a text that is only partly
 * neutral still gets the right side of negative vs positive, and the polarity head never learns from the
 * (dataset-dependent) absence of a neutral class.
 * score = P(positive) − P(negative) = (1 − pN)(2pP − 1), in [-1, 1].
 */
import { hashedFeatures, type FeatureConfig } from './features.ts';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  label: SentimentLabel;
  /** P(positive) − P(negative), in [-1, 1]. */
  score: number;
  /** The features that drove the decision, most influential first, as people read them ("不满意", "[怒]", "不+及时"). */
  evidence: string[];
  probs: Record<SentimentLabel, number>;
}

export interface SentimentModel {
  /** text = normalizeText output, tokens = segment(text). */
  predict(text: string, tokens: string[]): SentimentResult;
}

export interface LogisticHead {
  weights: Float32Array;
  bias: number;
}

export interface SentimentWeights {
  features: FeatureConfig;
  polarity: LogisticHead;
  neutral: LogisticHead;
  neutralThreshold: number;
}

const EVIDENCE_MAX = 5;

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Linear score of a head over hashed feature indices, each with value `v`. */
export function headMargin(head: LogisticHead, idx: Uint32Array, v: number): number {
  let z = head.bias;
  const w = head.weights;
  for (let i = 0; i < idx.length; i++) z += w[idx[i]!]! * v;
  return z;
}

/** Feature value so that every text's feature vector has unit length. */
export function featureValue(count: number): number {
  return count > 0 ? 1 / Math.sqrt(count) : 0;
}

export function decide(pN: number, pP: number, threshold: number): SentimentLabel {
  if (pN >= threshold) return 'neutral';
  return pP >= 0.5 ? 'positive' : 'negative';
}

function evidenceFor(
  label: SentimentLabel,
  w: SentimentWeights,
  idx: Uint32Array,
  displays: (string | null)[],
): string[] {
  const head = label === 'neutral' ? w.neutral : w.polarity;
  const sign = label === 'negative' ? -1 : 1;
  const scored: { d: string; c: number }[] = [];
  for (let i = 0; i < idx.length; i++) {
    const d = displays[i];
    if (!d) continue;
    const c = sign * head.weights[idx[i]!]!;
    if (c > 0) scored.push({ d, c });
  }
  scored.sort((a, b) => b.c - a.c);
  const out: string[] = [];
  for (const s of scored) {
    if (out.includes(s.d)) continue;
    out.push(s.d);
    if (out.length >= EVIDENCE_MAX) break;
  }
  return out;
}

export class LinearSentimentModel implements SentimentModel {
  constructor(readonly weights: SentimentWeights) {}

  predict(text: string, tokens: string[]): SentimentResult {
    const w = this.weights;
    const { idx, displays } = hashedFeatures(text, tokens, w.features);
    const v = featureValue(idx.length);
    const pN = sigmoid(headMargin(w.neutral, idx, v));
    const pP = sigmoid(headMargin(w.polarity, idx, v));
    const probs = { negative: (1 - pN) * (1 - pP), neutral: pN, positive: (1 - pN) * pP };
    const label = decide(pN, pP, w.neutralThreshold);
    return { label, score: probs.positive - probs.negative, evidence: evidenceFor(label, w, idx, displays), probs };
  }
}
