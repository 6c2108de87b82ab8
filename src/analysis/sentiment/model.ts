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
import { hashedFeatures, type FeatureConfig, type HashedFeatures } from './features.ts';

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

/** Both heads' weights interleaved (polarity, neutral per bucket): one memory access per feature for both. */
export function packHeads(w: SentimentWeights): Float32Array {
  const p = w.polarity.weights;
  const n = w.neutral.weights;
  const out = new Float32Array(2 * p.length);
  for (let i = 0; i < p.length; i++) {
    out[2 * i] = p[i]!;
    out[2 * i + 1] = n[i]!;
  }
  return out;
}

/** What both heads say about a text's hashed features. Margins equal headMargin(head, idx, v) exactly. */
export interface HeadScores {
  pN: number;
  pP: number;
  label: SentimentLabel;
}

/** Class probabilities from the two heads (see the top of this file). */
export function probsOf(pN: number, pP: number): Record<SentimentLabel, number> {
  return { negative: (1 - pN) * (1 - pP), neutral: pN, positive: (1 - pN) * pP };
}

let candIdx = new Int32Array(256);
let candScore = new Float64Array(256);

/**
 * The (up to) five most influential displayable features for the label: positive contribution, largest first
 * (ties in feature order), each display form once. Only the chosen features' display strings are built.
 */
function evidenceFor(label: SentimentLabel, packed: Float32Array, f: HashedFeatures): string[] {
  const head = label === 'neutral' ? 1 : 0;
  const sign = label === 'negative' ? -1 : 1;
  const idx = f.idx;
  if (candIdx.length < idx.length) {
    candIdx = new Int32Array(idx.length * 2);
    candScore = new Float64Array(idx.length * 2);
  }
  let n = 0;
  for (let i = 0; i < f.shown; i++) {
    if (!f.displayable(i)) continue;
    const c = sign * packed[2 * idx[i]! + head]!;
    if (c > 0) {
      candIdx[n] = i;
      candScore[n++] = c;
    }
  }
  const out: string[] = [];
  while (out.length < EVIDENCE_MAX) {
    let best = -1;
    for (let k = 0; k < n; k++) {
      if (candIdx[k]! < 0) continue;
      if (best < 0 || candScore[k]! > candScore[best]!) best = k;
    }
    if (best < 0) break;
    const d = f.display(candIdx[best]!)!;
    candIdx[best] = -1;
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

export class LinearSentimentModel implements SentimentModel {
  private packedWeights: Float32Array | null = null;

  /** `weights` are treated as read-only once the model has predicted (an interleaved copy is kept for speed). */
  constructor(readonly weights: SentimentWeights) {}

  private packed(): Float32Array {
    if (!this.packedWeights) this.packedWeights = packHeads(this.weights);
    return this.packedWeights;
  }

  /** Both heads over hashed feature indices (the code path of predict, also used by the trainer's evaluation). */
  scoreIndices(idx: Uint32Array, neutralThreshold = this.weights.neutralThreshold): HeadScores {
    const w = this.weights;
    const packed = this.packed();
    const v = featureValue(idx.length);
    let zP = w.polarity.bias;
    let zN = w.neutral.bias;
    for (let i = 0; i < idx.length; i++) {
      const j = 2 * idx[i]!;
      zP += packed[j]! * v;
      zN += packed[j + 1]! * v;
    }
    const pN = sigmoid(zN);
    const pP = sigmoid(zP);
    return { pN, pP, label: decide(pN, pP, neutralThreshold) };
  }

  predict(text: string, tokens: string[]): SentimentResult {
    const f = hashedFeatures(text, tokens, this.weights.features);
    const { pN, pP, label } = this.scoreIndices(f.idx);
    const probs = probsOf(pN, pP);
    return { label, score: probs.positive - probs.negative, evidence: evidenceFor(label, this.packed(), f), probs };
  }
}
