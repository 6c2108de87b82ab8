/**
 * Training: logistic regression heads over hashed sparse features, Adagrad SGD with L2 towards a prior
 * (zero for a fresh model, the base weights when fine-tuning), deterministic for a given seed.
 */
import { hashedFeatures, type FeatureConfig } from './features.ts';
import {
  featureValue,
  headMargin,
  sigmoid,
  type LogisticHead,
  type SentimentLabel,
  type SentimentWeights,
} from './model.ts';

/** Rows of hashed feature indices, stored flat: row r is idx[offsets[r] .. offsets[r+1]). */
export interface SparseRows {
  offsets: Uint32Array;
  idx: Uint32Array;
}

export function rowCount(rows: SparseRows): number {
  return rows.offsets.length - 1;
}

export function row(rows: SparseRows, r: number): Uint32Array {
  return rows.idx.subarray(rows.offsets[r], rows.offsets[r + 1]);
}

/** Hash every text's features into one flat SparseRows. */
export function featurizeAll(items: Iterable<{ text: string; tokens: readonly string[] }>, cfg: FeatureConfig): SparseRows {
  const parts: Uint32Array[] = [];
  const offsets: number[] = [0];
  let total = 0;
  for (const it of items) {
    const h = hashedFeatures(it.text, it.tokens, cfg).idx;
    parts.push(h);
    total += h.length;
    offsets.push(total);
  }
  const idx = new Uint32Array(total);
  let at = 0;
  for (const p of parts) {
    idx.set(p, at);
    at += p.length;
  }
  return { offsets: Uint32Array.from(offsets), idx };
}

export interface TrainOptions {
  epochs: number;
  /** Adagrad base learning rate. */
  lr: number;
  /** L2 strength towards the prior, applied to the features of each example as it is seen. */
  l2: number;
  seed: number;
  /** Start (and regularise towards) these weights instead of zero. */
  init?: LogisticHead;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 6, lr: 0.2, l2: 1e-6, seed: 20260301 };

/** Small deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(ids: Uint32Array, rand: () => number): Uint32Array {
  const a = Uint32Array.from(ids);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

/**
 * Train one logistic head on the rows listed in `ids`, with targets y (0/1) and per-row weights.
 * Returns new weights; `opts.init` is not modified.
 */
export function trainLogistic(
  rows: SparseRows,
  ids: Uint32Array,
  y: Float32Array,
  rowWeight: Float32Array,
  bits: number,
  opts: TrainOptions,
): LogisticHead {
  const size = 1 << bits;
  const prior = opts.init?.weights;
  const w = prior ? Float32Array.from(prior) : new Float32Array(size);
  let b = opts.init?.bias ?? 0;
  const g2 = new Float32Array(size);
  let gb2 = 0;
  const rand = mulberry32(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const r of shuffled(ids, rand)) {
      const f = row(rows, r);
      if (f.length === 0) continue;
      const v = featureValue(f.length);
      const p = sigmoid(headMargin({ weights: w, bias: b }, f, v));
      const err = (p - y[r]!) * rowWeight[r]!;
      for (let i = 0; i < f.length; i++) {
        const j = f[i]!;
        const g = err * v + opts.l2 * (w[j]! - (prior ? prior[j]! : 0));
        g2[j]! += g * g;
        w[j]! -= (opts.lr * g) / Math.sqrt(g2[j]! + 1e-8);
      }
      gb2 += err * err;
      b -= (opts.lr * err) / Math.sqrt(gb2 + 1e-8);
    }
  }
  return { weights: w, bias: b };
}

export interface LabelledRows {
  rows: SparseRows;
  labels: SentimentLabel[];
  /** Per-row importance (e.g. social media > reviews, office corrections ≫ base data). */
  weight: Float32Array;
  /** Per-row weight in the neutral head (0 = the row's source has no neutral class, leave it out). */
  neutralWeight: Float32Array;
}

/** Train both heads. Rows whose label is neutral do not enter the polarity head. */
export function trainHeads(
  data: LabelledRows,
  ids: Uint32Array,
  features: FeatureConfig,
  opts: TrainOptions,
  init?: { polarity: LogisticHead; neutral: LogisticHead },
  neutralOpts?: Partial<TrainOptions>,
): { polarity: LogisticHead; neutral: LogisticHead } {
  const n = data.labels.length;
  const yPol = new Float32Array(n);
  const yNeu = new Float32Array(n);
  const wNeu = new Float32Array(n);
  const polIds: number[] = [];
  const neuIds: number[] = [];
  for (const r of ids) {
    const l = data.labels[r]!;
    yPol[r] = l === 'positive' ? 1 : 0;
    yNeu[r] = l === 'neutral' ? 1 : 0;
    wNeu[r] = data.weight[r]! * data.neutralWeight[r]!;
    if (l !== 'neutral') polIds.push(r);
    if (wNeu[r] > 0) neuIds.push(r);
  }
  const polarity = trainLogistic(data.rows, Uint32Array.from(polIds), yPol, data.weight, features.bits, {
    ...opts,
    init: init?.polarity,
  });
  const neutral = trainLogistic(data.rows, Uint32Array.from(neuIds), yNeu, wNeu, features.bits, {
    ...opts,
    ...neutralOpts,
    seed: opts.seed + 1,
    init: init?.neutral,
  });
  return { polarity, neutral };
}

export interface FineTuneOptions {
  /** How many times each correction counts (default 5: an office's own labels matter more). */
  weight?: number;
  epochs?: number;
  lr?: number;
  /** Pull towards the base weights (default 1e-4): keeps what the base model knew about everything else. */
  l2?: number;
  seed?: number;
}

export interface TextExample {
  text: string;
  tokens: readonly string[];
  label: SentimentLabel;
}

/** Continue training from `base` on examples (already normalised and segmented). Returns new weights. */
export function fineTuneWeights(base: SentimentWeights, examples: readonly TextExample[], opts: FineTuneOptions = {}): SentimentWeights {
  if (examples.length === 0) return base;
  const rows = featurizeAll(examples, base.features);
  const n = examples.length;
  const data: LabelledRows = {
    rows,
    labels: examples.map((e) => e.label),
    weight: new Float32Array(n).fill(opts.weight ?? 5),
    neutralWeight: new Float32Array(n).fill(1),
  };
  const ids = Uint32Array.from({ length: n }, (_, i) => i);
  const heads = trainHeads(
    data,
    ids,
    base.features,
    { epochs: opts.epochs ?? 8, lr: opts.lr ?? 0.05, l2: opts.l2 ?? 1e-4, seed: opts.seed ?? DEFAULT_TRAIN_OPTIONS.seed },
    { polarity: base.polarity, neutral: base.neutral },
  );
  return { ...base, ...heads };
}
