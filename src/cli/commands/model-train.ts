import { parseArgs } from 'node:util';
import { normalizeText } from '../../analysis/normalize.ts';
import { segment } from '../../analysis/segment.ts';
import {
  fineTune,
  loadDefaultSentimentModel,
  saveSentimentModel,
  type LabelledText,
  type SentimentModel,
} from '../../analysis/sentiment/index.ts';
import { UsageError, type CliIO } from '../io.ts';

export const MODEL_TRAIN_HELP = `tingfeng model train — fine-tune the sentiment model on the office's own labels

Usage:
  tingfeng model train --from-labels [--weight N] [--epochs N]

Starts from the committed model (src/analysis/models/sentiment-v1.*) and continues training on every sentiment
label staff have set in the desk, each counted N times (default 5). The result is written to the data
directory's model folder and used instead of the committed model from then on. Re-running starts again from the
committed model with all labels, so corrections never compound.

Example:
  tingfeng model train --from-labels
`;

export interface ModelTrainDeps {
  loadLabels(): Promise<LabelledText[]>;
  /** Where the office's model is written (NAME.json + NAME.bin). */
  modelDir: string;
}

function positiveNumber(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got "${v}"`);
  return n;
}

function agreement(model: SentimentModel, labels: readonly LabelledText[]): number {
  let ok = 0;
  for (const l of labels) {
    const text = normalizeText(l.text);
    if (model.predict(text, segment(text)).label === l.label) ok++;
  }
  return labels.length ? ok / labels.length : 0;
}

export async function modelTrainCommand(argv: string[], io: CliIO, deps: ModelTrainDeps): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'from-labels': { type: 'boolean' },
      weight: { type: 'string' },
      epochs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(MODEL_TRAIN_HELP);
    return 0;
  }
  const args = positionals[0] === 'train' ? positionals.slice(1) : positionals;
  if (args.length > 0 || !values['from-labels']) throw new UsageError('usage: tingfeng model train --from-labels [--weight N] [--epochs N]');
  const weight = positiveNumber(values.weight, 'weight', 5);
  const epochs = Math.round(positiveNumber(values.epochs, 'epochs', 8));
  const labels = (await deps.loadLabels()).filter((l) => l.text.trim().length > 0);
  if (labels.length === 0) {
    io.stderr.write('TF_ERR_NO_LABELS: no sentiment labels set in the desk yet; correct some posts\' sentiment first, then run this again\n');
    return 1;
  }
  const base = loadDefaultSentimentModel();
  const tuned = fineTune(base, labels, { weight, epochs });
  const counts = { negative: 0, neutral: 0, positive: 0 };
  for (const l of labels) counts[l.label]++;
  const files = saveSentimentModel(deps.modelDir, tuned, {
    base: 'sentiment-v1 (committed)',
    baseProvenance: base.provenance,
    fineTunedOn: { labels: labels.length, ...counts },
    options: { weight, epochs },
    trainedAt: new Date().toISOString(),
    command: 'tingfeng model train --from-labels',
  });
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  io.stdout.write(
    `fine-tuned on ${labels.length} labels (negative ${counts.negative}, neutral ${counts.neutral}, positive ${counts.positive})\n` +
      `agreement with the labels: before ${pct(agreement(base, labels))}, after ${pct(agreement(tuned, labels))}\n` +
      `wrote ${files.bin} and ${files.json}\n`,
  );
  return 0;
}
