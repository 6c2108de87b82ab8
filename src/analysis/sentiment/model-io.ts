/**
 * Model files: NAME.json (small metadata: feature config, biases, quantisation scales, threshold, provenance)
 * and NAME.bin (the two heads' weights, int16 little-endian, polarity then neutral, each `2^bits` long).
 * Weights are stored as round(w / scale) with scale = max|w| / 32767.
 */
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { endianness } from 'node:os';
import type { FeatureConfig } from './features.ts';
import type { LogisticHead, SentimentWeights } from './model.ts';

export const MODEL_FORMAT = 'tingfeng-sentiment';
export const MODEL_FORMAT_VERSION = 1;
export const DEFAULT_MODEL_NAME = 'sentiment-v1';

/** Free-form provenance stored with the weights (data, command, figures, date). */
export type ModelProvenance = Record<string, unknown>;

interface HeadMeta {
  bias: number;
  scale: number;
}

interface ModelMeta {
  format: typeof MODEL_FORMAT;
  version: number;
  features: FeatureConfig;
  neutralThreshold: number;
  encoding: 'int16le';
  heads: { polarity: HeadMeta; neutral: HeadMeta };
  provenance: ModelProvenance;
}

export class ModelFileError extends Error {
  readonly code = 'TF_ERR_SENTIMENT_MODEL';
}

function quantise(head: LogisticHead): { data: Int16Array; meta: HeadMeta } {
  let max = 0;
  for (const x of head.weights) max = Math.max(max, Math.abs(x));
  const scale = max > 0 ? max / 32767 : 1;
  const data = new Int16Array(head.weights.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(head.weights[i]! / scale);
  return { data, meta: { bias: head.bias, scale } };
}

function dequantise(data: Int16Array, meta: HeadMeta): LogisticHead {
  const weights = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) weights[i] = data[i]! * meta.scale;
  return { weights, bias: meta.bias };
}

/** Round-trips weights through the int16 encoding (what a saved model will predict with). */
export function quantiseWeights(w: SentimentWeights): SentimentWeights {
  const p = quantise(w.polarity);
  const n = quantise(w.neutral);
  return { ...w, polarity: dequantise(p.data, p.meta), neutral: dequantise(n.data, n.meta) };
}

/** Write NAME.json and NAME.bin into dir (created if missing); files are replaced atomically. Returns their paths. */
export function saveModel(dir: string, w: SentimentWeights, provenance: ModelProvenance = {}, name = DEFAULT_MODEL_NAME): { json: string; bin: string } {
  mkdirSync(dir, { recursive: true });
  const p = quantise(w.polarity);
  const n = quantise(w.neutral);
  const meta: ModelMeta = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    features: w.features,
    neutralThreshold: w.neutralThreshold,
    encoding: 'int16le',
    heads: { polarity: p.meta, neutral: n.meta },
    provenance,
  };
  const bin = Buffer.alloc((p.data.length + n.data.length) * 2);
  for (let i = 0; i < p.data.length; i++) bin.writeInt16LE(p.data[i]!, i * 2);
  const off = p.data.length * 2;
  for (let i = 0; i < n.data.length; i++) bin.writeInt16LE(n.data[i]!, off + i * 2);
  // (writing is rare; reading below takes the fast path)
  const jsonPath = join(dir, `${name}.json`);
  const binPath = join(dir, `${name}.bin`);
  writeFileSync(`${binPath}.tmp`, bin);
  writeFileSync(`${jsonPath}.tmp`, JSON.stringify(meta, null, 2) + '\n');
  renameSync(`${binPath}.tmp`, binPath);
  renameSync(`${jsonPath}.tmp`, jsonPath);
  return { json: jsonPath, bin: binPath };
}

/** Int16 little-endian values of a buffer: a straight copy on little-endian hosts, per value otherwise. */
function readInt16LE(bin: Buffer): Int16Array {
  if (endianness() === 'LE') {
    const copy = new Uint8Array(bin.length);
    copy.set(bin);
    return new Int16Array(copy.buffer, 0, bin.length / 2);
  }
  const out = new Int16Array(bin.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = bin.readInt16LE(i * 2);
  return out;
}

function parseMeta(text: string, where: string): ModelMeta {
  let m: Partial<ModelMeta>;
  try {
    m = JSON.parse(text) as Partial<ModelMeta>;
  } catch {
    throw new ModelFileError(`${where} is not valid JSON; retrain the model (tingfeng model train) or restore the file`);
  }
  if (m.format !== MODEL_FORMAT || m.version !== MODEL_FORMAT_VERSION || !m.features || !m.heads || m.encoding !== 'int16le') {
    throw new ModelFileError(`${where} is not a ${MODEL_FORMAT} v${MODEL_FORMAT_VERSION} model file; retrain the model with this version`);
  }
  return m as ModelMeta;
}

/** Read NAME.json + NAME.bin from dir. Throws ModelFileError (TF_ERR_SENTIMENT_MODEL) when missing or damaged. */
export function loadModelWeights(dir: string, name = DEFAULT_MODEL_NAME): { weights: SentimentWeights; provenance: ModelProvenance } {
  const jsonPath = join(dir, `${name}.json`);
  const binPath = join(dir, `${name}.bin`);
  let metaText: string;
  let bin: Buffer;
  try {
    metaText = readFileSync(jsonPath, 'utf8');
    bin = readFileSync(binPath);
  } catch {
    throw new ModelFileError(`sentiment model files ${jsonPath} and ${binPath} are missing or unreadable`);
  }
  const meta = parseMeta(metaText, jsonPath);
  const size = 2 ** meta.features.bits;
  if (bin.length !== size * 4) {
    throw new ModelFileError(`${binPath} has ${bin.length} bytes, expected ${size * 4} for ${meta.features.bits}-bit features`);
  }
  const all = readInt16LE(bin);
  return {
    weights: {
      features: meta.features,
      neutralThreshold: meta.neutralThreshold,
      polarity: dequantise(all.subarray(0, size), meta.heads.polarity),
      neutral: dequantise(all.subarray(size), meta.heads.neutral),
    },
    provenance: meta.provenance ?? {},
  };
}
