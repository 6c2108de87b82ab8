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
import type { FeatureConfig } from './features.ts';
import { scratchFeatures, type ScratchFeatures } from './hashed-features.ts';

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

/**
 * Both heads quantised to int16 as the model files store them (scale = max|w| / 32767) and interleaved
 * (polarity, neutral per bucket): 4 bytes per bucket, one memory access per feature for both heads, and integer
 * sums that do not depend on the order of the features.
 */
export interface PackedHeads {
  q: Int16Array;
  polarity: { bias: number; scale: number };
  neutral: { bias: number; scale: number };
}

function scaleOf(w: Float32Array): number {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
  return max > 0 ? max / 32767 : 1;
}

export function packHeads(w: SentimentWeights): PackedHeads {
  const p = w.polarity.weights;
  const n = w.neutral.weights;
  const sp = scaleOf(p);
  const sn = scaleOf(n);
  const q = new Int16Array(2 * p.length);
  for (let i = 0; i < p.length; i++) {
    q[2 * i] = Math.round(p[i]! / sp);
    q[2 * i + 1] = Math.round(n[i]! / sn);
  }
  return { q, polarity: { bias: w.polarity.bias, scale: sp }, neutral: { bias: w.neutral.bias, scale: sn } };
}

/** Margins of both heads over bucket indices idx[0, n): bias + (Σ q) · scale · value. */
export function packedMargins(h: PackedHeads, idx: Uint32Array, n: number): { zP: number; zN: number } {
  const q = h.q;
  let sp = 0;
  let sn = 0;
  for (let i = 0; i < n; i++) {
    const j = 2 * idx[i]!;
    sp += q[j]!;
    sn += q[j + 1]!;
  }
  const v = featureValue(n);
  return { zP: h.polarity.bias + sp * h.polarity.scale * v, zN: h.neutral.bias + sn * h.neutral.scale * v };
}

/** What both heads say about a text's hashed features. */
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
function evidenceFor(label: SentimentLabel, packed: PackedHeads, f: ScratchFeatures): string[] {
  const head = label === 'neutral' ? 1 : 0;
  const sign = label === 'negative' ? -1 : 1;
  const idx = f.idx;
  const q = packed.q;
  if (candIdx.length < f.shown) {
    candIdx = new Int32Array(f.shown * 2);
    candScore = new Float64Array(f.shown * 2);
  }
  let n = 0;
  for (let i = 0; i < f.shown; i++) {
    if (!f.displayable(i)) continue;
    const c = sign * q[2 * idx[i]! + head]!;
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
  private packedHeads: PackedHeads | null = null;

  /** `weights` are treated as read-only once the model has predicted (a quantised, interleaved copy is kept). */
  constructor(readonly weights: SentimentWeights) {}

  private packed(): PackedHeads {
    if (!this.packedHeads) this.packedHeads = packHeads(this.weights);
    return this.packedHeads;
  }

  /**
   * Both heads over bucket indices idx[0, n) — the scoring of predict, also used by the trainer's held-out
   * evaluation and threshold tuning, so the figures reported are those of the shipped code path.
   */
  scoreIndices(idx: Uint32Array, neutralThreshold = this.weights.neutralThreshold, n = idx.length): HeadScores {
    const { zP, zN } = packedMargins(this.packed(), idx, n);
    const pN = sigmoid(zN);
    const pP = sigmoid(zP);
    return { pN, pP, label: decide(pN, pP, neutralThreshold) };
  }

  predict(text: string, tokens: string[]): SentimentResult {
    const f = scratchFeatures(text, tokens, this.weights.features);
    const { pN, pP, label } = this.scoreIndices(f.idx, this.weights.neutralThreshold, f.n);
    const probs = probsOf(pN, pP);
    return { label, score: probs.positive - probs.negative, evidence: evidenceFor(label, this.packed(), f), probs };
  }
}
