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
function topK(terms: readonly string[], scores: readonly number[], k: number): Keyword[] {
  const top: Keyword[] = [];
  if (k <= 0) return top;
  for (let c = 0; c < terms.length; c++) {
    const term = terms[c]!;
    const weight = scores[c]!;
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
  /** Content term → index into terms / tf / idf (first-seen order). */
  index: Map<string, number>;
  terms: string[];
  tf: number[];
  idf: number[];
}

function countTerms(tokens: readonly string[], table: IdfTable): TermCounts {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const tf: number[] = [];
  for (const t of tokens) {
    const i = index.get(t);
    if (i !== undefined) {
      tf[i]!++;
      continue;
    }
    if (!isContentToken(t)) continue;
    index.set(t, terms.length);
    terms.push(t);
    tf.push(1);
  }
  const idf = terms.map((t) => table.idf(t));
  return { total: tokens.length, index, terms, tf, idf };
}

function keywordsOf(c: TermCounts, k: number): Keyword[] {
  if (c.terms.length === 0) return [];
  const scores = c.tf.map((n, i) => (n / c.total) * c.idf[i]!);
  return topK(c.terms, scores, k);
}

function phrasesOf(tokens: readonly string[], c: TermCounts, k: number): Keyword[] {
  const { index, idf } = c;
  const at = new Map<string, number>();
  const phrases: string[] = [];
  const count: number[] = [];
  const meanIdf: number[] = [];
  const len: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let phrase = tokens[i]!;
    const first = index.get(phrase);
    if (first === undefined) continue;
    let idfSum = idf[first]!;
    for (let j = i + 1; j < tokens.length && j < i + 3; j++) {
      const t = tokens[j]!;
      const v = index.get(t);
      if (v === undefined) break;
      phrase += t;
      if (phrase.length > 12) break;
      idfSum += idf[v]!;
      const e = at.get(phrase);
      if (e !== undefined) count[e]!++;
      else {
        at.set(phrase, phrases.length);
        phrases.push(phrase);
        count.push(1);
        meanIdf.push(idfSum / (j - i + 1));
        len.push(j - i + 1);
      }
    }
  }
  const scores = phrases.map((_, e) => count[e]! * meanIdf[e]! * Math.sqrt(len[e]!));
  const ranked = topK(phrases, scores, k * 3);
  const kept: Keyword[] = [];
  for (const r of ranked) {
    if (kept.some((q) => q.term.includes(r.term) && count[at.get(q.term)!]! >= count[at.get(r.term)!]!)) continue;
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
