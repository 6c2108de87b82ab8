/**
 * Sentiment of Chinese public-opinion text: negative / neutral / positive, a score in [-1, 1] and the evidence.
 *
 *   const m = loadDefaultSentimentModel();
 *   const text = normalizeText(raw);
 *   m.predict(text, segment(text))  // { label, score, evidence, probs }
 *
 * The committed model lives in src/analysis/models/ (see MODEL_CARD.md there); an office can fine-tune it on its
 * own corrections with fineTune() and keep the result with saveSentimentModel()/loadSentimentModel().
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeText } from '../normalize.ts';
import { segment } from '../segment.ts';
import { LinearSentimentModel, type SentimentLabel, type SentimentWeights } from './model.ts';
import { loadModelWeights, saveModel, DEFAULT_MODEL_NAME, type ModelProvenance } from './model-io.ts';
import { fineTuneWeights, type FineTuneOptions } from './train.ts';

export type { SentimentLabel, SentimentResult, SentimentModel, SentimentWeights } from './model.ts';
export { LinearSentimentModel } from './model.ts';
export { ModelFileError, DEFAULT_MODEL_NAME, type ModelProvenance } from './model-io.ts';
export type { FineTuneOptions } from './train.ts';

/** Directory of the committed model files. */
export const DEFAULT_MODEL_DIR = fileURLToPath(new URL('../models/', import.meta.url));

/** A model loaded from files, with the provenance recorded next to its weights. */
export class LoadedSentimentModel extends LinearSentimentModel {
  constructor(
    weights: SentimentWeights,
    readonly provenance: ModelProvenance,
  ) {
    super(weights);
  }
}

let cached: LoadedSentimentModel | null = null;

/** The committed model (src/analysis/models/sentiment-v1.*), loaded once and cached. */
export function loadDefaultSentimentModel(): LoadedSentimentModel {
  if (!cached) cached = loadSentimentModel(DEFAULT_MODEL_DIR);
  return cached;
}

/** Load a model saved by saveSentimentModel (or the committed one) from dir. Throws TF_ERR_SENTIMENT_MODEL. */
export function loadSentimentModel(dir: string, name = DEFAULT_MODEL_NAME): LoadedSentimentModel {
  const { weights, provenance } = loadModelWeights(dir, name);
  return new LoadedSentimentModel(weights, provenance);
}

/**
 * The office's fine-tuned model when `dir` holds one (written by `tingfeng model train`), else the committed
 * model. A damaged office model throws (TF_ERR_SENTIMENT_MODEL) rather than being silently ignored.
 */
export function loadSentimentModelOrDefault(dir: string | undefined, name = DEFAULT_MODEL_NAME): LoadedSentimentModel {
  if (dir && existsSync(join(dir, `${name}.json`))) return loadSentimentModel(dir, name);
  return loadDefaultSentimentModel();
}

/** Save a model's weights into dir as NAME.json + NAME.bin. */
export function saveSentimentModel(
  dir: string,
  model: LinearSentimentModel,
  provenance: ModelProvenance = {},
  name = DEFAULT_MODEL_NAME,
): { json: string; bin: string } {
  return saveModel(dir, model.weights, provenance, name);
}

export interface LabelledText {
  /** Raw text as the office has it; it is normalised and segmented here, as at prediction time. */
  text: string;
  label: SentimentLabel;
}

/**
 * Continue training `base` on the office's own corrections (each counts `opts.weight`, default 5 times), pulled
 * towards the base weights so the rest of what the model knew is kept. Returns a new model; base is unchanged.
 */
export function fineTune(
  base: LinearSentimentModel | SentimentWeights,
  examples: readonly LabelledText[],
  opts: FineTuneOptions = {},
): LinearSentimentModel {
  const weights = base instanceof LinearSentimentModel ? base.weights : base;
  const prepared = examples.map((e) => {
    const text = normalizeText(e.text);
    return { text, tokens: segment(text), label: e.label };
  });
  return new LinearSentimentModel(fineTuneWeights(weights, prepared, opts));
}

/** Aliases matching the names used in the brief. */
export { saveSentimentModel as saveModel, loadSentimentModel as loadModel };
