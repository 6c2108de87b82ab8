/**
 * Trains the committed sentiment model: `npm run train:sentiment [-- --data FILE --out DIR --no-write]`.
 *
 * Reads ../shared/data/sentiment/train.jsonl (never committed), normalises and segments every row exactly as
 * prediction does, splits deterministically (10% held-out test, 5% validation for the neutral threshold, 85%
 * train), trains the two logistic heads with a fixed seed, evaluates the int16-quantised model on the held-out
 * rows, and writes the model files, MODEL_CARD.md and the "Sentiment model (issue 3)" section of bench/RESULTS.md.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeText } from '../src/analysis/normalize.ts';
import { segment } from '../src/analysis/segment.ts';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from '../src/analysis/sentiment/features.ts';
import { featurizeAll, row, trainHeads, type TrainOptions } from '../src/analysis/sentiment/train.ts';
import { DEFAULT_WEIGHTS, hasNeutralClass, parseCorpusLine, sourceGroup, splitOf, type Split } from '../src/analysis/sentiment/dataset.ts';
import { LinearSentimentModel, probsOf, type SentimentLabel, type SentimentWeights } from '../src/analysis/sentiment/model.ts';
import { figures, figuresBy, figuresTable, type Prediction } from '../src/analysis/sentiment/evaluate.ts';
import { quantiseWeights, saveModel } from '../src/analysis/sentiment/model-io.ts';
import { loadSentimentModel } from '../src/analysis/sentiment/index.ts';
import { renderModelCard, replaceResultsSection } from './train-sentiment-report.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const FEATURES: FeatureConfig = { ...DEFAULT_FEATURE_CONFIG };
const TRAIN: TrainOptions = { epochs: 6, lr: 0.2, l2: 1e-5, seed: 20260301 };
const NEUTRAL_HEAD: Partial<TrainOptions> = { epochs: 3 };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

interface Row {
  text: string;
  tokens: string[];
  label: SentimentLabel;
  source: string;
  split: Split;
}

function loadCorpus(path: string): Row[] {
  const out: Row[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const r = parseCorpusLine(line);
    if (!r) continue;
    const text = normalizeText(r.text);
    out.push({ text, tokens: segment(text), label: r.label, source: r.source, split: splitOf(text) });
  }
  return out;
}

/** Predictions through the model's own scoring code (LinearSentimentModel.scoreIndices), as `predict` makes them. */
function predictRows(m: LinearSentimentModel, rows: Row[], sp: ReturnType<typeof featurizeAll>, ids: number[], tau: number): Prediction[] {
  return ids.map((i) => {
    const { pN, pP, label } = m.scoreIndices(row(sp, i), tau);
    const probs = probsOf(pN, pP);
    const r = rows[i]!;
    return { gold: r.label, pred: label, score: probs.positive - probs.negative, source: r.source };
  });
}

/**
 * Threshold maximising, on validation rows: SMP2020 macro-F1 + 2 × polar accuracy on the other (two-class) rows.
 * Calling a polar comment neutral is the costlier mistake for an office (a complaint that goes unseen), hence 2×.
 */
function tuneThreshold(w: LinearSentimentModel, rows: Row[], sp: ReturnType<typeof featurizeAll>, ids: number[]): number {
  let best = { tau: 0.5, obj: -1 };
  for (let k = 4; k <= 36; k++) {
    const tau = k / 40;
    const p = predictRows(w, rows, sp, ids, tau);
    const three = figures(p.filter((x) => hasNeutralClass(x.source))).macroF1 ?? 0;
    const two = figures(p.filter((x) => !hasNeutralClass(x.source))).polarAccuracy;
    if (three + 2 * two > best.obj) best = { tau, obj: three + 2 * two };
  }
  return best.tau;
}

function groupsOf(p: Prediction): string[] {
  const g = [sourceGroup(p.source) === 'review' ? 'all review-style rows' : 'all social-media rows'];
  if (hasNeutralClass(p.source)) g.push('SMP2020 Weibo posts (3-class)');
  g.push(`source: ${p.source}`);
  return g;
}

/** Load time of the written files and prediction rate (features + both heads; segmentation excluded). */
function measureSpeed(dir: string, sample: Row[]): string {
  const t0 = performance.now();
  const m = loadSentimentModel(dir);
  const t1 = performance.now();
  for (const r of sample.slice(0, 500)) m.predict(r.text, r.tokens); // warm-up
  const t1b = performance.now();
  for (const r of sample) m.predict(r.text, r.tokens);
  const t2 = performance.now();
  const perSec = sample.length / ((t2 - t1b) / 1000);
  return `time ${(t1 - t0).toFixed(0)} ms; predict ${Math.round(perSec)} texts/s on held-out texts (tokens given), one core`;
}

function main(): void {
  const dataPath = resolve(arg('--data', resolve(ROOT, '../shared/data/sentiment/train.jsonl')));
  const outDir = resolve(arg('--out', resolve(ROOT, 'src/analysis/models')));
  const write = !process.argv.includes('--no-write');
  if (!existsSync(dataPath)) {
    process.stderr.write(`TF_ERR_SENTIMENT_DATA: ${dataPath} not found; pass --data FILE (JSON lines {text,label,source})\n`);
    process.exit(2);
  }
  const t0 = Date.now();
  const rows = loadCorpus(dataPath);
  const sp = featurizeAll(rows, FEATURES);
  const t1 = Date.now();
  const n = rows.length;
  const weight = new Float32Array(n);
  const neutralWeight = new Float32Array(n);
  const ids: Record<Split, number[]> = { train: [], valid: [], test: [] };
  rows.forEach((r, i) => {
    weight[i] = sourceGroup(r.source) === 'review' ? DEFAULT_WEIGHTS.review : DEFAULT_WEIGHTS.social;
    neutralWeight[i] = hasNeutralClass(r.source) ? 1 : DEFAULT_WEIGHTS.noNeutralSource;
    ids[r.split].push(i);
  });
  const data = { rows: sp, labels: rows.map((r) => r.label), weight, neutralWeight };
  const heads = trainHeads(data, Uint32Array.from(ids.train), FEATURES, TRAIN, undefined, NEUTRAL_HEAD);
  const t2 = Date.now();
  const raw: SentimentWeights = { features: FEATURES, ...heads, neutralThreshold: 0.5 };
  const q = quantiseWeights(raw);
  const qm = new LinearSentimentModel(q);
  q.neutralThreshold = tuneThreshold(qm, rows, sp, ids.valid);
  const test = predictRows(qm, rows, sp, ids.test, q.neutralThreshold);
  const table = figuresTable(figuresBy(test, groupsOf));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.source, (counts.get(r.source) ?? 0) + 1);
  const summary = {
    data: relative(ROOT, dataPath),
    rows: n,
    split: { train: ids.train.length, valid: ids.valid.length, test: ids.test.length },
    sources: Object.fromEntries([...counts].sort()),
    features: FEATURES,
    training: { ...TRAIN, neutralHead: NEUTRAL_HEAD, weights: DEFAULT_WEIGHTS },
    neutralThreshold: q.neutralThreshold,
    trainedAt: new Date().toISOString().slice(0, 10),
    command: 'npm run train:sentiment',
  };
  process.stdout.write(`prepared ${n} rows in ${((t1 - t0) / 1000).toFixed(1)} s, trained in ${((t2 - t1) / 1000).toFixed(1)} s\n`);
  process.stdout.write(`neutral threshold ${q.neutralThreshold}\n\nHeld-out test (${ids.test.length} rows):\n${table}\n`);
  if (!write) return;
  const files = saveModel(outDir, { ...raw, neutralThreshold: q.neutralThreshold }, summary);
  const speed = measureSpeed(outDir, rows.filter((r) => r.split === 'test').slice(0, 3000));
  process.stdout.write(`\nload ${speed}\n`);
  writeFileSync(resolve(outDir, 'MODEL_CARD.md'), renderModelCard(summary, table, speed));
  const resultsPath = resolve(ROOT, 'bench/RESULTS.md');
  const before = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '# Benchmark results\n';
  writeFileSync(resultsPath, replaceResultsSection(before, summary, table, speed));
  process.stdout.write(`\nwrote ${relative(ROOT, files.bin)}, ${relative(ROOT, files.json)}, MODEL_CARD.md, bench/RESULTS.md\n`);
}

main();
