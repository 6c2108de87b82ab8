/** MODEL_CARD.md and the bench/RESULTS.md section written by scripts/train-sentiment.ts. */

export interface TrainingSummary {
  data: string;
  rows: number;
  split: { train: number; valid: number; test: number };
  sources: Record<string, number>;
  features: unknown;
  training: unknown;
  neutralThreshold: number;
  trainedAt: string;
  command: string;
}

export const RESULTS_HEADING = '## Sentiment model (issue 3)';

function sourcesTable(s: TrainingSummary): string {
  const lines = ['| source | rows |', '|---|---:|'];
  for (const [k, v] of Object.entries(s.sources)) lines.push(`| ${k} | ${v} |`);
  return lines.join('\n');
}

const COLUMNS = `Columns: *accuracy* is three-class label accuracy; *polar rows: label right* counts a neutral prediction on a
negative/positive row as wrong (what a two-class polarity check sees); *sign of score right* ignores the neutral
decision; *macro-F1* is over negative/neutral/positive and only where the source annotates neutral (SMP2020).`;

export function renderModelCard(s: TrainingSummary, table: string, speed: string): string {
  return `# Sentiment model card — sentiment-v1

Files: \`sentiment-v1.bin\` (two logistic heads, 2^${(s.features as { bits: number }).bits} hashed buckets each, int16 with a
per-head scale) and \`sentiment-v1.json\` (feature config, biases, scales, neutral threshold, provenance).
Code: \`src/analysis/sentiment/\`. Trained on ${s.trainedAt} with \`${s.command}\` (scripts/train-sentiment.ts,
fixed seed; it reproduces these figures).

## Model
- Features over \`normalizeText\` output and its jieba tokens: word unigrams and bigrams, negation-scoped words
  (after 不/没/没有/无/非/别/未/难以…, up to 3 words, until punctuation), character n-grams, Weibo emoticon codes
  (\`[泪]\`), emoji, punctuation cues (!, !!, ?, ??, …), repost chain / URL / hashtag / length cues. @mentions and
  URLs are not words. Feature vectors are L2-normalised.
- Polarity head: P(positive | polar), trained on every negative/positive row. Neutral head: P(neutral), trained on
  SMP2020 (the only source annotating neutral) plus the other rows as "not neutral" at a low weight.
- Label: neutral when P(neutral) ≥ ${s.neutralThreshold} (tuned on the validation split for SMP2020 macro-F1 + 2 × polar
  accuracy on the two-class rows: calling a complaint neutral is the costlier mistake), otherwise the polarity
  argmax. Score = P(positive) − P(negative) = (1 − P(neutral))·(2·P(positive | polar) − 1).
- Social-media rows weigh more than reviews. Training settings: \`${JSON.stringify(s.training)}\`.

## Data
\`${s.data}\` — ${s.rows} rows (public research datasets, see that folder's README; not part of this project and
not licensed for commercial use — an office can fine-tune on its own labels: \`tingfeng model train --from-labels\`).

${sourcesTable(s)}

Split by a hash of the normalised text: train ${s.split.train}, validation ${s.split.valid}, held-out test ${s.split.test}.

## Held-out figures (test split, quantised model as committed)

${table}

${COLUMNS}

Model load ${speed}.

## Limits
- Neutral is learnt from ~4.5k Weibo posts only; reviews and event comments in the data never carry a neutral label.
- Sarcasm, irony and implicit complaints (a plain statement of a problem) are often missed by a linear model.
- Datasets are from 2010–2022; new slang and emoticons are unknown until an office fine-tunes.
`;
}

/** Replace (or append) the sentiment section of bench/RESULTS.md, leaving the other sections untouched. */
export function replaceResultsSection(doc: string, s: TrainingSummary, table: string, speed: string): string {
  const section = `${RESULTS_HEADING}

Trained ${s.trainedAt} by \`${s.command}\` on ${s.rows} rows (${s.data}); held-out test split of ${s.split.test}
rows (10%, by hash of the normalised text); neutral threshold ${s.neutralThreshold}. Details: src/analysis/models/MODEL_CARD.md.

${table}

${COLUMNS}

Model load ${speed}.
`;
  const start = doc.indexOf(RESULTS_HEADING);
  if (start < 0) return doc.replace(/\n*$/, '\n\n') + section;
  const rest = doc.slice(start + RESULTS_HEADING.length);
  const next = rest.search(/\n## /);
  const tail = next < 0 ? '' : rest.slice(next + 1);
  return doc.slice(0, start) + section + (tail ? `\n${tail}` : '');
}
