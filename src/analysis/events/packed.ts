/**
 * Packed term vectors for the tracker's hot loops: each term gets a small integer id, and a vector is kept as
 * parallel typed arrays of ids and weights. A dot product with a post then reads the post's weights from a dense
 * scratch array indexed by term id (loaded once per post) instead of doing a map lookup per term: about ten times
 * faster on this machine. Posts' vectors are built packed; their map form (snapshots, summaries, centroid sums) is
 * unpacked when needed. A packed vector keeps the term names of its table generation, so it can be unpacked, and
 * repacked with new ids, after the id table was reset.
 */
import { dot, type TermVector } from './vector.ts';

export interface Packed {
  ids: Int32Array;
  ws: Float64Array;
  /** Generation of the term table the ids belong to, and that generation's term names by id. */
  gen: number;
  names: readonly string[];
}

const EMPTY_IDS = new Int32Array(0);
const EMPTY_WS = new Float64Array(0);
const FAST_SLOTS = 4096;

/** The fast table's hash of a 2–4 unit term (its units as two int32 halves and its length; see TermTable.id). */
function fastHash(a: number, b: number, n: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ n, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** Document frequencies as plain data (snapshots). */
export interface DocFrequencyState {
  docs: number;
  df: [string, number][];
}

/**
 * Term → id, one canonical string per term (vectors keyed by the same string objects make map hits pointer
 * comparisons), with per-id data: the memoised general IDF, whether a raw token is a content term (and its
 * lower-case form's id), and the document frequencies learnt from the stream (so that words every post of this
 * office shares stop looking distinctive). Document frequencies are halved when more than `maxDfTerms` terms have
 * one (bounded memory, recent usage weighs more). The table itself is compacted when it holds more than `cap`
 * terms: only terms with a document frequency keep an id, the generation moves on, and packed forms of older
 * generations are rebuilt from their maps when next used.
 */
export class TermTable {
  private ids = new Map<string, number>();
  /** Term by id (a new array per generation: packed vectors keep theirs). */
  names: string[] = [];
  gen = 0;
  /** Per-id memo of the general IDF (NaN: not looked up yet). */
  idf = new Float64Array(1024).fill(Number.NaN);
  /** Per raw-token id: 0 unknown, 1 not a content term, 2 content term, 3 content term whose lower case differs. */
  kind = new Uint8Array(1024);
  /** For kind 3: the id of the lower-case form. */
  lower = new Int32Array(1024);
  /** Stream document frequency per id, the number of documents, and how many ids have a frequency. */
  df = new Int32Array(1024);
  docs = 0;
  /** Per-id scratch for one post at a time (term counts, title marks): all zero between posts. */
  tf = new Int32Array(1024);
  mark = new Uint8Array(1024);
  private dfTerms = 0;

  constructor(
    private readonly cap = 400_000,
    private readonly maxDfTerms = 200_000,
  ) {}

  get size(): number {
    return this.names.length;
  }

  /**
   * Cache in front of `ids` for terms of 2–4 UTF-16 units (nearly all Chinese words): open addressing on the units
   * themselves (two int32 halves and the length identify such a string exactly), so a token's id is found without
   * hashing or comparing the string. `fastLen` 0 marks a free slot.
   */
  private fastA = new Int32Array(FAST_SLOTS);
  private fastB = new Int32Array(FAST_SLOTS);
  private fastLen = new Uint8Array(FAST_SLOTS);
  private fastId = new Int32Array(FAST_SLOTS);
  private fastCount = 0;

  id(t: string): number {
    const n = t.length;
    if (n < 2 || n > 4) return this.slowId(t);
    const a = (t.charCodeAt(0) << 16) | t.charCodeAt(1);
    const b = n === 2 ? 0 : n === 3 ? t.charCodeAt(2) : (t.charCodeAt(2) << 16) | t.charCodeAt(3);
    const fl = this.fastLen;
    const mask = fl.length - 1;
    let i = fastHash(a, b, n) & mask;
    for (let l = fl[i]!; l !== 0; l = fl[i]!) {
      if (l === n && this.fastA[i] === a && this.fastB[i] === b) return this.fastId[i]!;
      i = (i + 1) & mask;
    }
    const id = this.slowId(t);
    fl[i] = n;
    this.fastA[i] = a;
    this.fastB[i] = b;
    this.fastId[i] = id;
    if (++this.fastCount * 2 > fl.length) this.growFast();
    return id;
  }

  private growFast(): void {
    const fl = this.fastLen;
    const fa = this.fastA;
    const fb = this.fastB;
    const fi = this.fastId;
    const size = fl.length * 2;
    this.fastLen = new Uint8Array(size);
    this.fastA = new Int32Array(size);
    this.fastB = new Int32Array(size);
    this.fastId = new Int32Array(size);
    const mask = size - 1;
    for (let j = 0; j < fl.length; j++) {
      const n = fl[j]!;
      if (n === 0) continue;
      const a = fa[j]!;
      const b = fb[j]!;
      let i = fastHash(a, b, n) & mask;
      while (this.fastLen[i] !== 0) i = (i + 1) & mask;
      this.fastLen[i] = n;
      this.fastA[i] = a;
      this.fastB[i] = b;
      this.fastId[i] = fi[j]!;
    }
  }

  private slowId(t: string): number {
    let i = this.ids.get(t);
    if (i === undefined) {
      i = this.names.length;
      this.ids.set(t, i);
      this.names.push(t);
      if (i >= this.idf.length) this.grow();
    }
    return i;
  }

  name(id: number): string {
    return this.names[id]!;
  }

  private grow(): void {
    const n = this.idf.length * 2;
    const idf = new Float64Array(n).fill(Number.NaN);
    idf.set(this.idf);
    this.idf = idf;
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const lower = new Int32Array(n);
    lower.set(this.lower);
    this.lower = lower;
    const df = new Int32Array(n);
    df.set(this.df);
    this.df = df;
    const tf = new Int32Array(n);
    tf.set(this.tf);
    this.tf = tf;
    const mark = new Uint8Array(n);
    mark.set(this.mark);
    this.mark = mark;
  }

  /** Counts one document containing each of the given (distinct) term ids. */
  addDoc(ids: Int32Array): void {
    this.docs += 1;
    const df = this.df;
    for (let i = 0; i < ids.length; i++) if (df[ids[i]!]!++ === 0) this.dfTerms++;
    if (this.dfTerms > this.maxDfTerms) this.halveDf();
  }

  /** Share of documents containing the term (0 when nothing is known). */
  share(id: number): number {
    return this.docs === 0 ? 0 : this.df[id]! / this.docs;
  }

  private halveDf(): void {
    this.docs = Math.max(1, Math.floor(this.docs / 2));
    const df = this.df;
    let n = 0;
    for (let i = 0; i < this.names.length; i++) {
      const h = df[i]! >> 1;
      df[i] = h;
      if (h > 0) n++;
    }
    this.dfTerms = n;
  }

  dfState(): DocFrequencyState {
    const out: [string, number][] = [];
    for (let i = 0; i < this.names.length; i++) if (this.df[i]! > 0) out.push([this.names[i]!, this.df[i]!]);
    return { docs: this.docs, df: out };
  }

  loadDf(s: DocFrequencyState): void {
    this.df.fill(0);
    this.dfTerms = 0;
    this.docs = s.docs;
    for (const [t, n] of s.df) {
      if (!(n > 0)) continue;
      const id = this.id(t);
      if (this.df[id] === 0) this.dfTerms++;
      this.df[id] = n;
    }
  }

  /**
   * Compacts the table when it is over its cap (call between posts, never while packed forms are in use): keeps
   * the terms with a document frequency. Returns true when it did (ids changed: indexes keyed by id must be rebuilt).
   */
  maybeCompact(): boolean {
    if (this.names.length <= this.cap) return false;
    const state = this.dfState();
    this.ids = new Map();
    this.names = [];
    this.fastA = new Int32Array(FAST_SLOTS);
    this.fastB = new Int32Array(FAST_SLOTS);
    this.fastLen = new Uint8Array(FAST_SLOTS);
    this.fastId = new Int32Array(FAST_SLOTS);
    this.fastCount = 0;
    const size = Math.max(1024, 2 ** Math.ceil(Math.log2(state.df.length + 1)));
    this.idf = new Float64Array(size).fill(Number.NaN);
    this.kind = new Uint8Array(size);
    this.lower = new Int32Array(size);
    this.df = new Int32Array(size);
    this.tf = new Int32Array(size);
    this.mark = new Uint8Array(size);
    this.gen++;
    this.loadDf(state);
    return true;
  }

  /** The packed form of a vector, in the map's own order. */
  pack(v: ReadonlyMap<string, number>): Packed {
    const n = v.size;
    if (n === 0) return { ids: EMPTY_IDS, ws: EMPTY_WS, gen: this.gen, names: this.names };
    const ids = new Int32Array(n);
    const ws = new Float64Array(n);
    let i = 0;
    for (const [t, w] of v) {
      ids[i] = this.id(t);
      ws[i++] = w;
    }
    return { ids, ws, gen: this.gen, names: this.names };
  }

  /** A packed vector in this generation's ids (itself when it already is; same order and weights). */
  repack(p: Packed): Packed {
    if (p.gen === this.gen) return p;
    const ids = new Int32Array(p.ids.length);
    for (let i = 0; i < ids.length; i++) ids[i] = this.id(p.names[p.ids[i]!]!);
    return { ids, ws: p.ws, gen: this.gen, names: this.names };
  }
}

/** The map form of a packed vector (same order). */
export function unpack(p: Packed): TermVector {
  const v: TermVector = new Map();
  for (let i = 0; i < p.ids.length; i++) v.set(p.names[p.ids[i]!]!, p.ws[i]!);
  return v;
}

/**
 * `cosine(unpack(a), b)` without building the map: the same terms, order and sums, so the same value to the last
 * bit. `nb` is b's squared length summed over its values in order (as cosine() does; see centroidNorm2).
 */
export function cosineOfPacked(a: Packed, b: TermVector, nb: number): number {
  if (nb === 0) return 0;
  const { ids, ws, names } = a;
  let na = 0;
  for (let i = 0; i < ws.length; i++) na += ws[i]! * ws[i]!;
  if (na === 0) return 0;
  // dot() walks the smaller side: when that is b, take the map path as it is
  if (ids.length > b.size) return dot(unpack(a), b) / Math.sqrt(na * nb);
  let s = 0;
  for (let i = 0; i < ids.length; i++) {
    const x = b.get(names[ids[i]!]!);
    if (x !== undefined) s += ws[i]! * x;
  }
  return s / Math.sqrt(na * nb);
}

/** A dense array of one vector's weights by term id: load, take dot products, unload. */
export class Scratch {
  private dense = new Float64Array(1024);
  private loaded: Packed | null = null;

  load(p: Packed, tableSize: number): void {
    if (this.loaded) this.unload();
    if (this.dense.length < tableSize) this.dense = new Float64Array(Math.max(tableSize, this.dense.length * 2));
    const d = this.dense;
    const { ids, ws } = p;
    for (let i = 0; i < ids.length; i++) d[ids[i]!] = ws[i]!;
    this.loaded = p;
  }

  unload(): void {
    const p = this.loaded;
    if (!p) return;
    const d = this.dense;
    const ids = p.ids;
    for (let i = 0; i < ids.length; i++) d[ids[i]!] = 0;
    this.loaded = null;
  }

  /** Σ loaded[t] · p[t] (ids added to the table after the load are not in the loaded vector: they count 0). */
  dot(p: Packed): number {
    const d = this.dense;
    const n = d.length;
    const { ids, ws } = p;
    let s = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id < n) s += d[id]! * ws[i]!;
    }
    return s;
  }
}

/** Σ w² of a packed vector. */
export function packedNorm2(p: Packed): number {
  let n = 0;
  const ws = p.ws;
  for (let i = 0; i < ws.length; i++) n += ws[i]! * ws[i]!;
  return n;
}
