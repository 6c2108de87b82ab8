/** Clustering quality measures for event grouping: B-cubed precision/recall/F1 and the adjusted Rand index. */

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** B-cubed over items: `predicted[i]` and `gold[i]` are the cluster labels of item i. */
export function bcubed(predicted: readonly string[], gold: readonly string[]): BCubed {
  if (predicted.length !== gold.length) throw new Error('TF_ERR_METRIC_LENGTH: predicted and gold must label the same items');
  const n = predicted.length;
  if (n === 0) return { precision: 1, recall: 1, f1: 1 };
  const joint = new Map<string, number>();
  const p = new Map<string, number>();
  const g = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const a = predicted[i]!;
    const b = gold[i]!;
    joint.set(`${a}\u0000${b}`, (joint.get(`${a}\u0000${b}`) ?? 0) + 1);
    p.set(a, (p.get(a) ?? 0) + 1);
    g.set(b, (g.get(b) ?? 0) + 1);
  }
  let prec = 0;
  let rec = 0;
  for (let i = 0; i < n; i++) {
    const a = predicted[i]!;
    const b = gold[i]!;
    const both = joint.get(`${a}\u0000${b}`)!;
    prec += both / p.get(a)!;
    rec += both / g.get(b)!;
  }
  prec /= n;
  rec /= n;
  return { precision: prec, recall: rec, f1: prec + rec === 0 ? 0 : (2 * prec * rec) / (prec + rec) };
}

function choose2(x: number): number {
  return (x * (x - 1)) / 2;
}

/** Adjusted Rand index (Hubert & Arabie); 1 for identical partitions, about 0 for random ones. */
export function adjustedRand(predicted: readonly string[], gold: readonly string[]): number {
  const n = predicted.length;
  const joint = new Map<string, number>();
  const p = new Map<string, number>();
  const g = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${predicted[i]}\u0000${gold[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    p.set(predicted[i]!, (p.get(predicted[i]!) ?? 0) + 1);
    g.set(gold[i]!, (g.get(gold[i]!) ?? 0) + 1);
  }
  let index = 0;
  for (const v of joint.values()) index += choose2(v);
  let sa = 0;
  for (const v of p.values()) sa += choose2(v);
  let sb = 0;
  for (const v of g.values()) sb += choose2(v);
  const total = choose2(n);
  if (total === 0) return 1;
  const expected = (sa * sb) / total;
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
