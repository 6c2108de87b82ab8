/**
 * Held-out evaluation: accuracy per group and per source, polarity accuracy (does the final label get the
 * negative/positive side right on polar rows), and three-class macro-F1 where a neutral class exists.
 */
import type { SentimentLabel } from './model.ts';

export const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface Prediction {
  gold: SentimentLabel;
  pred: SentimentLabel;
  /** P(positive) − P(negative). */
  score: number;
  source: string;
}

export interface Figures {
  n: number;
  /** Share of rows whose predicted label equals the gold label (three classes). */
  accuracy: number;
  /** On rows with a polar gold label: share whose predicted label is that label (a neutral prediction counts wrong). */
  polarAccuracy: number;
  /** On rows with a polar gold label: share where the sign of the score is right (ignores the neutral decision). */
  signAccuracy: number;
  /** Share of polar rows predicted neutral. */
  polarAsNeutral: number;
  /** Macro-F1 over the three classes; null when no gold neutral row is present. */
  macroF1: number | null;
}

export function figures(preds: readonly Prediction[]): Figures {
  let correct = 0;
  let polar = 0;
  let polarCorrect = 0;
  let signCorrect = 0;
  let polarNeutral = 0;
  const tp = new Map<SentimentLabel, number>();
  const fp = new Map<SentimentLabel, number>();
  const fn = new Map<SentimentLabel, number>();
  const inc = (m: Map<SentimentLabel, number>, k: SentimentLabel): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  let hasNeutral = false;
  for (const p of preds) {
    if (p.pred === p.gold) {
      correct++;
      inc(tp, p.gold);
    } else {
      inc(fp, p.pred);
      inc(fn, p.gold);
    }
    if (p.gold === 'neutral') {
      hasNeutral = true;
      continue;
    }
    polar++;
    if (p.pred === p.gold) polarCorrect++;
    if (p.pred === 'neutral') polarNeutral++;
    if ((p.score >= 0 ? 'positive' : 'negative') === p.gold) signCorrect++;
  }
  let f1Sum = 0;
  for (const l of LABELS) {
    const t = tp.get(l) ?? 0;
    const denom = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    f1Sum += denom > 0 ? (2 * t) / denom : 0;
  }
  const n = preds.length;
  return {
    n,
    accuracy: n ? correct / n : 0,
    polarAccuracy: polar ? polarCorrect / polar : 0,
    signAccuracy: polar ? signCorrect / polar : 0,
    polarAsNeutral: polar ? polarNeutral / polar : 0,
    macroF1: hasNeutral ? f1Sum / LABELS.length : null,
  };
}

/** Figures for every group a prediction belongs to (by a function returning group names). */
export function figuresBy(preds: readonly Prediction[], groupsOf: (p: Prediction) => string[]): Map<string, Figures> {
  const groups = new Map<string, Prediction[]>();
  for (const p of preds) {
    for (const g of groupsOf(p)) {
      const list = groups.get(g) ?? [];
      list.push(p);
      groups.set(g, list);
    }
  }
  const out = new Map<string, Figures>();
  for (const [g, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) out.set(g, figures(list));
  return out;
}

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

/** A Markdown table of figures per group. */
export function figuresTable(byGroup: Map<string, Figures>): string {
  const lines = [
    '| group | rows | accuracy (3-class) | polar rows: label right | polar rows: sign of score right | polar rows called neutral | macro-F1 (3-class) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [g, f] of byGroup) {
    const f1 = f.macroF1 === null ? '—' : pct(f.macroF1);
    lines.push(`| ${g} | ${f.n} | ${pct(f.accuracy)} | ${pct(f.polarAccuracy)} | ${pct(f.signAccuracy)} | ${pct(f.polarAsNeutral)} | ${f1} |`);
  }
  return lines.join('\n');
}
