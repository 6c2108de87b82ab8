/**
 * TF-IDF keywords of one post, and phrase keywords (adjacent content tokens) for event titles.
 */
import { defaultIdfTable, IdfTable } from './idf-table.ts';
import { isContentToken } from './stopwords.ts';
export { IdfTable, defaultIdfTable } from './idf-table.ts';
export type { IdfTableState } from './idf-table.ts';

export interface Keyword {
  term: string;
  weight: number;
}

/** Top k by weight (ties by term), with a bounded insertion list: no full sort of all candidates. */
function topK(scores: Map<string, number>, k: number): Keyword[] {
  const top: Keyword[] = [];
  if (k <= 0) return top;
  for (const [term, weight] of scores) {
    const last = top[top.length - 1];
    if (top.length >= k && last && (weight < last.weight || (weight === last.weight && term > last.term))) continue;
    let i = top.length;
    while (i > 0) {
      const p = top[i - 1]!;
      if (p.weight > weight || (p.weight === weight && p.term < term)) break;
      i--;
    }
    top.splice(i, 0, { term, weight });
    if (top.length > k) top.pop();
  }
  for (const t of top) t.weight = Math.round(t.weight * 1e4) / 1e4;
  return top;
}

/** Content-token counts and IDFs of a post: each distinct content token's IDF is looked up once. */
interface TermCounts {
  total: number;
  tf: Map<string, number>;
  idf: Map<string, number>;
}

function countTerms(tokens: readonly string[], table: IdfTable): TermCounts {
  const tf = new Map<string, number>();
  for (const t of tokens) {
    if (!isContentToken(t)) continue;
    tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  const idf = new Map<string, number>();
  for (const t of tf.keys()) idf.set(t, table.idf(t));
  return { total: tokens.length, tf, idf };
}

function keywordsOf(c: TermCounts, k: number): Keyword[] {
  if (c.tf.size === 0) return [];
  const scores = new Map<string, number>();
  for (const [t, n] of c.tf) scores.set(t, (n / c.total) * c.idf.get(t)!);
  return topK(scores, k);
}

function phrasesOf(tokens: readonly string[], c: TermCounts, k: number): Keyword[] {
  const idf = c.idf;
  const counts = new Map<string, { n: number; idf: number; len: number }>();
  for (let i = 0; i < tokens.length; i++) {
    let phrase = tokens[i]!;
    const first = idf.get(phrase);
    if (first === undefined) continue;
    let idfSum = first;
    for (let j = i + 1; j < tokens.length && j < i + 3; j++) {
      const t = tokens[j]!;
      const v = idf.get(t);
      if (v === undefined) break;
      phrase += t;
      if (phrase.length > 12) break;
      idfSum += v;
      const e = counts.get(phrase);
      if (e) e.n++;
      else counts.set(phrase, { n: 1, idf: idfSum / (j - i + 1), len: j - i + 1 });
    }
  }
  const scores = new Map<string, number>();
  for (const [p, e] of counts) scores.set(p, e.n * e.idf * Math.sqrt(e.len));
  const ranked = topK(scores, k * 3);
  const kept: Keyword[] = [];
  for (const r of ranked) {
    if (kept.some((q) => q.term.includes(r.term) && counts.get(q.term)!.n >= counts.get(r.term)!.n)) continue;
    kept.push(r);
    if (kept.length >= k) break;
  }
  return kept;
}

/** Top-k TF-IDF keywords (weight = tf/len × idf), stop words, numbers and single characters skipped. */
export function extractKeywords(tokens: readonly string[], k = 10, table: IdfTable = defaultIdfTable()): Keyword[] {
  return keywordsOf(countTerms(tokens, table), k);
}

/**
 * Phrase keywords: runs of 2–3 adjacent content tokens (no stop word or punctuation between them), at most
 * 12 characters, scored by count × mean IDF × √length; phrases seen once still count, so a single post yields
 * phrases too. Sub-phrases of a kept longer phrase with the same count are dropped.
 */
export function extractPhrases(tokens: readonly string[], k = 5, table: IdfTable = defaultIdfTable()): Keyword[] {
  return phrasesOf(tokens, countTerms(tokens, table), k);
}

/** Both at once, sharing the token counts and IDF lookups (what the analyzer calls). */
export function extractKeywordsAndPhrases(
  tokens: readonly string[],
  k = 10,
  phraseCount = 5,
  table: IdfTable = defaultIdfTable(),
): { keywords: Keyword[]; phrases: Keyword[] } {
  const c = countTerms(tokens, table);
  return { keywords: keywordsOf(c, k), phrases: phrasesOf(tokens, c, phraseCount) };
}
