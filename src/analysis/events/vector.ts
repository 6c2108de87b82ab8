/**
 * Sparse term vectors for event grouping: weighting of a post's terms (TF-IDF with a title boost),
 * cosine similarity, and bounded centroids (top-k terms kept).
 */
import type { Packed, TermTable } from './packed.ts';

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A sparse vector; post vectors are L2-normalised. */
export type TermVector = Map<string, number>;

/** Inverse document frequency of a term; undefined when the term is unknown. */
export type IdfLookup = (term: string) => number | undefined;

export interface VectorOptions {
  /** Terms kept per post (highest weight first). */
  topK: number;
  /** Extra weight (in units of one occurrence) for a term that appears in the title. */
  titleBoost: number;
  /** IDF for terms the lookup does not know. */
  unknownIdf: number;
}

/** True for tokens that can carry topic: 2–20 characters with a letter or Han character, not a bare number/date. */
export function isContentTerm(t: string): boolean {
  return contentClass(t) !== 0;
}

/** 0: not a content term; 1: a content term; 2: a content term with upper-case letters (to lower-case). */
function contentClass(t: string): number {
  const n = t.length;
  if (n < 2 || n > 20) return 0;
  let letters = 0;
  let numeric = true;
  let upper = false;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
      letters++;
      if (!NUMERIC_HAN.has(c)) numeric = false;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 0xbf && c < 0x2000)) {
      letters++;
      numeric = false;
      if ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f)) upper = true;
    }
  }
  if (letters === 0 || numeric) return 0;
  // the same test as /[A-Z\u00c0-\u024f]/ (Latin-1 and Latin Extended letters count as possibly upper-case)
  return upper ? 2 : 1;
}

/**
 * The term id a raw token counts as (its lower-case form when it has upper-case letters), or -1 when it is not a
 * content term; what a token is is remembered per id, so each distinct token is classified once.
 */
function contentId(terms: TermTable, raw: string): number {
  const id = terms.id(raw);
  let k = terms.kind[id]!;
  if (k === 0) {
    const c = contentClass(raw);
    k = c === 0 ? 1 : c === 1 ? 2 : 3;
    if (k === 3) terms.lower[id] = terms.id(raw.toLowerCase());
    terms.kind[id] = k;
  }
  return k === 1 ? -1 : k === 2 ? id : terms.lower[id]!;
}

/** Han characters of numbers and dates ("3月", "十二点", "第一"), so such tokens do not count as topic. */
const NUMERIC_HAN = new Set([...'年月日时分秒号点个万亿多余第一二三四五六七八九十百千零两'].map((c) => c.charCodeAt(0)));

export interface PostTerms {
  tokens: readonly string[];
  title?: string;
  titleTokens?: string[];
  keywords: readonly WeightedTerm[];
}

/** IDF by term id (and term), for postVectors. */
export type IdfById = (id: number, term: string) => number;

/** A post's vectors, packed (see packed.ts; `unpack` gives their map form). */
export interface PostVectors {
  body: Packed;
  title: Packed;
}

/**
 * The post's weighted term vectors by term id, in the term table's generation.
 * `body`: (1 + ln tf + titleBoost·[in title]) · idf over all its content terms, top-k kept (highest weight first,
 * ties by term), L2-normalised (falls back to the given keywords when the post has no usable tokens). `title`: idf
 * over the title's terms alone (the title's own tokens when given, else the post's terms found in the title; empty
 * without a title). Tokens are counted by term id (one table lookup per token; whether a token is a content term and
 * its lower-case form are remembered per id), so nothing is built per term but the vectors themselves.
 */
export function postVectors(p: PostTerms, idf: IdfById, opts: VectorOptions, terms: TermTable): PostVectors {
  // terms.tf and terms.mark are per-id scratch counters, zero between posts (the table may grow while this runs:
  // they are read through `terms` each time)
  const order: number[] = [];
  const inTitle: number[] = [];
  const ids: number[] = [];
  const ws: number[] = [];
  const titleWs: number[] = [];
  try {
    for (const raw of p.tokens) {
      // a content term has 2–20 characters (see contentClass): most single-character tokens end here
      if (raw.length < 2 || raw.length > 20) continue;
      const c = contentId(terms, raw);
      if (c >= 0 && terms.tf[c]!++ === 0) order.push(c);
    }
    // title terms: the title's own tokens when given, else the post's terms found in the title
    if (p.titleTokens) {
      for (const t of p.titleTokens) {
        if (!isContentTerm(t)) continue;
        const id = terms.id(t.toLowerCase());
        if (terms.mark[id] === 0) {
          terms.mark[id] = 1;
          inTitle.push(id);
        }
      }
    } else if (p.title) {
      const lower = p.title.toLowerCase();
      for (const id of order) {
        if (lower.includes(terms.name(id))) {
          terms.mark[id] = 1;
          inTitle.push(id);
        }
      }
    }
    for (const id of inTitle) {
      if (terms.tf[id] === 0) {
        terms.tf[id] = 1;
        order.push(id);
      }
    }
    if (order.length === 0) {
      for (const k of p.keywords) {
        if (!(k.weight > 0 && isContentTerm(k.term))) continue;
        ids.push(terms.id(k.term.toLowerCase()));
        ws.push(k.weight);
      }
    } else {
      const tf = terms.tf;
      const mark = terms.mark;
      for (const id of order) {
        const w = (1 + Math.log(tf[id]!) + (mark[id] === 1 ? opts.titleBoost : 0)) * idf(id, terms.name(id));
        if (w > 0) {
          ids.push(id);
          ws.push(w);
        }
      }
    }
    for (const id of inTitle) titleWs.push(idf(id, terms.name(id)));
  } finally {
    for (const id of order) terms.tf[id] = 0;
    for (const id of inTitle) terms.mark[id] = 0;
  }
  return { body: normalised(ids, ws, topPositions(ids, ws, opts.topK, terms), terms), title: normalised(inTitle, titleWs, null, terms) };
}

/** The entries at the given positions (all when null), scaled to unit length (empty when they are all zero). */
function normalised(ids: readonly number[], ws: readonly number[], at: readonly number[] | null, terms: TermTable): Packed {
  const len = at === null ? ids.length : at.length;
  let norm = 0;
  for (let i = 0; i < len; i++) {
    const w = ws[at === null ? i : at[i]!]!;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  const n = norm === 0 ? 0 : len;
  // an empty vector (most posts have no title) shares the empty arrays: packed vectors are never changed in place
  const p: Packed = { ids: n === 0 ? EMPTY_IDS : new Int32Array(n), ws: n === 0 ? EMPTY_WS : new Float64Array(n), gen: terms.gen, names: terms.names };
  for (let i = 0; i < n; i++) {
    const j = at === null ? i : at[i]!;
    p.ids[i] = ids[j]!;
    p.ws[i] = ws[j]! / norm;
  }
  return p;
}

/**
 * Positions of the k entries of highest weight, ties by term, highest first (as topTerms would order the
 * entries): a binary insertion sort of the candidates, which are only those at or above the k-th weight when the
 * vector is long.
 */
function topPositions(ids: readonly number[], ws: readonly number[], k: number, terms: TermTable): number[] {
  let cut = Number.NEGATIVE_INFINITY;
  if (ws.length > 2 * k && k > 0) {
    // the k-th largest weight (what sorting them ascending puts at length - k), by selection in a reused buffer
    if (selectBuf.length < ws.length) selectBuf = new Float64Array(Math.max(ws.length, selectBuf.length * 2));
    for (let i = 0; i < ws.length; i++) selectBuf[i] = ws[i]!;
    cut = select(selectBuf, ws.length, ws.length - k);
  }
  const out: number[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (!(w >= cut)) continue;
    const name = terms.name(ids[i]!);
    // first position whose entry ranks after this one
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const o = out[mid]!;
      const wo = ws[o]!;
      if (wo > w || (wo === w && terms.name(ids[o]!) < name)) lo = mid + 1;
      else hi = mid;
    }
    out.push(i);
    for (let j = out.length - 1; j > lo; j--) out[j] = out[j - 1]!;
    out[lo] = i;
  }
  if (out.length > k) out.length = k;
  return out;
}

const EMPTY_IDS = new Int32Array(0);
const EMPTY_WS = new Float64Array(0);
let selectBuf = new Float64Array(256);

/** The value at position `m` of the first `n` entries of `a` once sorted ascending (reorders them; no NaNs). */
function select(a: Float64Array, n: number, m: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i++] = a[j]!;
        a[j--] = x;
      }
    }
    // now a[lo..j] <= pivot <= a[i..hi], and lo..hi entries between j and i equal the pivot
    if (m <= j) hi = j;
    else if (m >= i) lo = i;
    else return a[m]!;
  }
  return a[m]!;
}

function byWeightThenTerm(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
}

/** The k entries of highest weight (ties by term), highest first: only the kept ones are sorted by the comparator. */
function topTerms(entries: [string, number][], k: number): [string, number][] {
  if (entries.length > 2 * k && k > 0) {
    const ws = new Float64Array(entries.length);
    for (let i = 0; i < entries.length; i++) ws[i] = entries[i]![1];
    ws.sort();
    const cut = ws[entries.length - k]!;
    // everything above the k-th weight, and every entry tied with it (the tie-break by term picks among those)
    entries = entries.filter((e) => e[1] >= cut);
  }
  entries.sort(byWeightThenTerm);
  return entries.length > k ? entries.slice(0, k) : entries;
}

/** Dot product of two sparse vectors (cosine when both are normalised). */
export function dot(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [t, w] of small) {
    const x = large.get(t);
    if (x !== undefined) s += w * x;
  }
  return s;
}

/** Cosine of a normalised vector with an unnormalised one (e.g. a centroid sum). */
export function cosine(a: TermVector, b: TermVector): number {
  let nb = 0;
  for (const w of b.values()) nb += w * w;
  if (nb === 0) return 0;
  let na = 0;
  for (const w of a.values()) na += w * w;
  return na === 0 ? 0 : dot(a, b) / Math.sqrt(na * nb);
}

/** Adds a packed vector into a map-form sum (in place, in the vector's order) and keeps the top `keep` terms of the sum. */
export function addInto(sum: TermVector, v: Packed, keep: number): void {
  const { ids, ws, names } = v;
  for (let i = 0; i < ids.length; i++) {
    const t = names[ids[i]!]!;
    sum.set(t, (sum.get(t) ?? 0) + ws[i]!);
  }
  if (sum.size > keep * 2) prune(sum, keep);
}

/** Keeps the top `keep` terms of a vector (in place). */
export function prune(sum: TermVector, keep: number): void {
  if (sum.size <= keep) return;
  const top = topTerms([...sum.entries()], keep);
  sum.clear();
  for (const [t, w] of top) sum.set(t, w);
}

/** Highest-weight terms of a vector, for display. */
export function topWeighted(v: TermVector, k: number): WeightedTerm[] {
  return topTerms([...v.entries()], k).map(([term, weight]) => ({ term, weight }));
}
