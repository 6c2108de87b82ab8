/**
 * jieba's prefix dictionary: every word with its frequency, as a trie over UTF-16 code units laid out in
 * breadth-first order in one typed array of 16-byte node records: the node's first child, the code unit
 * leading to it, and ln(frequency) of the word ending at it (NaN when none). The children of a node are
 * consecutive records sorted by code unit, ending where the next node's children begin; a node with many
 * children (a common character) also has a small hash table of them. The root's children are found through
 * a direct 64K table, since every walk starts there. One step of a walk thus reads the parent's record, at
 * most one table line and the child's record, and the breadth-first layout keeps the common characters'
 * records together.
 *
 * The trie is built once from the words in sorted order (the bundled dict.txt is sorted, so it is read in
 * place). Words added later (user words) that extend no existing path go to a small overlay trie, a hash
 * table keyed by (parent, code unit), which the segmenter walks as well; any other added word only sets the
 * record of its existing node.
 *
 * Loading follows jieba-rs 0.10's `load_dict` (what @node-rs/jieba's `withDict` and `loadDict` run): each
 * line is `word [freq [tag]]` split on Unicode whitespace, a missing frequency is 0, a word already present
 * only has its frequency replaced, and the total is then the sum of all frequencies. Tags are not kept:
 * segmentation does not use them.
 */
import { ln } from './ln.ts';

/** Rust's `char::is_whitespace` (Unicode White_Space), which `split_whitespace` splits on. */
const WHITESPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const USIZE = /^\+?[0-9]+$/;

function isRustWhitespace(u: number): boolean {
  return (
    (u >= 9 && u <= 13) ||
    u === 32 ||
    u === 0x85 ||
    u === 0xa0 ||
    u === 0x1680 ||
    (u >= 0x2000 && u <= 0x200a) ||
    u === 0x2028 ||
    u === 0x2029 ||
    u === 0x202f ||
    u === 0x205f ||
    u === 0x3000
  );
}

export interface DictEntry {
  word: string;
  freq: number;
}

/** One line the way jieba-rs reads it: null for a blank line; throws when the frequency is not a usize. */
function parseLine(line: string, lineNo: number): DictEntry | null {
  const parts = line.split(WHITESPACE);
  if (parts[0] === '') parts.shift();
  const word = parts[0];
  if (!word) return null;
  const f = parts[1];
  if (f === undefined || f === '') return { word, freq: 0 };
  if (!USIZE.test(f) || (f.length >= 20 && BigInt(f) > 18446744073709551615n)) {
    throw new Error(`line ${lineNo} \`${line}\` frequency ${f} is not a valid integer`);
  }
  return { word, freq: Number(f) };
}

/** Parses dictionary text (`word [freq [tag]]` lines) as jieba-rs does; throws on a bad frequency. */
export function parseDict(text: string): DictEntry[] {
  const out: DictEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const e = parseLine(lines[i]!, i + 1);
    if (e) out.push(e);
  }
  return out;
}

/** Nodes with at least this many children get a hash table of them; others are scanned. */
export const HASHED = 8;

/** Table size for `fan` children: a power of two, at most half full. */
function tableSize(fan: number): number {
  let size = 4;
  while (size < fan * 2) size *= 2;
  return size;
}

export const HASH_MUL = 0x9e3779b1 | 0;

/** Bit of the two-unit prefix (a, b) in `Dictionary.pairs` (19 bits). */
export function pairBit(a: number, b: number): number {
  return (Math.imul(a, PAIR_MUL) ^ Math.imul(b, HASH_MUL)) >>> 13;
}

export const PAIR_MUL = 0x85ebca77 | 0;

/** Hash of a code unit for the child tables (take the low bits). */
export function unitHash(u: number): number {
  return Math.imul(u, HASH_MUL) >>> 16;
}

/** The bundled text's words in place: offsets into the text, already sorted and distinct. */
interface SortedText {
  text: string;
  start: Int32Array;
  len: Int32Array;
  freq: Float64Array;
  n: number;
}

/**
 * Reads dictionary text with plain `word freq tag` lines in strictly increasing UTF-16 order (as the bundled
 * dict.txt) without copying a word; null if the text is anything else, which then goes the general way.
 */
function readSorted(text: string): SortedText | null {
  let cap = 1024;
  let start = new Int32Array(cap);
  let len = new Int32Array(cap);
  let freq = new Float64Array(cap);
  let n = 0;
  const end = text.length;
  let pos = 0;
  let prevStart = 0;
  let prevLen = 0;
  while (pos < end) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = end;
    let sp = pos;
    for (; sp < eol; sp++) {
      const u = text.charCodeAt(sp);
      if ((u > 0x20 && u < 0x85) || u > 0x3000) continue; // the usual characters: no whitespace there
      if (isRustWhitespace(u)) break;
    }
    if (sp === pos || sp === eol || text.charCodeAt(sp) !== 32) return null;
    let i = sp + 1;
    let c = text.charCodeAt(i);
    if (c < 48 || c > 57 || eol - i > 15) return null;
    let f = 0;
    while (c >= 48 && c <= 57) {
      f = f * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    if (i !== eol && c !== 32) return null;
    const wl = sp - pos;
    if (n > 0) {
      // strictly after the previous word
      const m = Math.min(wl, prevLen);
      let k = 0;
      while (k < m && text.charCodeAt(pos + k) === text.charCodeAt(prevStart + k)) k++;
      const after = k < m ? text.charCodeAt(pos + k) > text.charCodeAt(prevStart + k) : wl > prevLen;
      if (!after) return null;
    }
    if (n === cap) {
      cap *= 2;
      const s2 = new Int32Array(cap);
      s2.set(start);
      start = s2;
      const l2 = new Int32Array(cap);
      l2.set(len);
      len = l2;
      const f2 = new Float64Array(cap);
      f2.set(freq);
      freq = f2;
    }
    start[n] = pos;
    len[n] = wl;
    freq[n] = f;
    n++;
    prevStart = pos;
    prevLen = wl;
    pos = eol + 1;
  }
  return { text, start, len, freq, n };
}

export class Dictionary {
  /** Node of each root child by code unit, or -1. */
  readonly root = new Int32Array(65536);
  /**
   * Node records as 32-bit words: [4n] first child (`[4 * nodes]` = nodes, so `[4n + 4]` ends n's children),
   * [4n + 1] code unit | hash table number + 1 << 16 (0: no table) ...
   */
  node32 = new Int32Array(4);
  /** ... and as float64: [2n + 1] ln(frequency) of the word ending at n, NaN where none ends. */
  node64 = new Float64Array(2);
  /**
   * The child hash tables (open addressing on the code unit): table t starts at `tableAt[t]` in `table`, whose
   * entry there is the mask, followed by the slots: a child's position among the node's children plus one
   * (0: free).
   */
  tableAt = new Int32Array(0);
  table = new Uint16Array(0);
  /** Nodes of the built trie. */
  nodes = 0;
  /** Number of root children (they are nodes 0 to depth1 - 1). */
  depth1 = 0;
  /**
   * A one-hash Bloom filter (64 KB, `pairBit`) of every two-unit prefix: most walks end at their second unit,
   * and the filter, small enough to stay in cache, rejects most of those steps without the node's table.
   */
  pairs = new Int32Array(1 << 14);
  /** The overlay of added words, null until one is needed. */
  overlay: Overlay | null = null;
  words = 0;
  total = 0;
  logTotal = -Infinity;
  /** Frequencies set by `load` on nodes of the built trie (the built ones are recovered from their logs). */
  private readonly setFreq = new Map<number, number>();
  private readonly lnSmall = new Float64Array(65536).fill(NaN);
  private readonly lnLarge = new Map<number, number>();

  private constructor() {}

  /** A dictionary of jieba dictionary text (e.g. the bundled dict.txt). */
  static fromText(text: string): Dictionary {
    const d = new Dictionary();
    d.build(text);
    return d;
  }

  /** Adds or updates entries (jieba-rs `load_dict`: a present word only gets the new frequency), then the total. */
  load(entries: DictEntry[]): void {
    for (const e of entries) this.put(e.word, e.freq);
    this.logTotal = this.lnOf(this.total);
  }

  lnOf(x: number): number {
    if (x < 65536) {
      let v = this.lnSmall[x]!;
      if (Number.isNaN(v)) v = this.lnSmall[x] = ln(x);
      return v;
    }
    let v = this.lnLarge.get(x);
    if (v === undefined) this.lnLarge.set(x, (v = ln(x)));
    return v;
  }

  private put(word: string, freq: number): void {
    let node = this.root[word.charCodeAt(0)]!;
    for (let i = 1; i < word.length && node >= 0; i++) node = this.child(node, word.charCodeAt(i));
    if (node >= 0) {
      const lf = this.node64[2 * node + 1]!;
      if (Number.isNaN(lf)) {
        this.words++;
        this.total += freq;
      } else {
        this.total += freq - (this.setFreq.get(node) ?? freqOfLog(lf));
      }
      this.setFreq.set(node, freq);
      this.node64[2 * node + 1] = this.lnOf(freq);
      return;
    }
    this.overlay ??= new Overlay();
    const old = this.overlay.put(word, freq, this.lnOf(freq));
    if (old === undefined) {
      this.words++;
      this.total += freq;
    } else this.total += freq - old;
  }

  private build(text: string): void {
    let base = readSorted(text);
    if (!base) {
      // anything but a sorted plain list: parse it all, the last frequency of a word wins, then sort
      const map = new Map<string, number>();
      for (const e of parseDict(text)) map.set(e.word, e.freq);
      const words = [...map.keys()].sort();
      const joined = words.join('\n');
      const n = words.length;
      base = { text: joined, start: new Int32Array(n), len: new Int32Array(n), freq: new Float64Array(n), n };
      for (let i = 0, at = 0; i < n; i++) {
        const w = words[i]!;
        base.start[i] = at;
        base.len[i] = w.length;
        base.freq[i] = map.get(w)!;
        at += w.length + 1;
      }
    }
    const { text: t, start, len, freq, n: m } = base;
    let units = 0;
    for (let i = 0; i < m; i++) units += len[i]!;
    // breadth-first: the nodes of depth d are the distinct d-unit prefixes, in sorted order
    const first = new Int32Array(units + 1).fill(-1);
    const unit = new Uint16Array(units);
    const logFreq = new Float64Array(units).fill(NaN);
    const node = new Int32Array(m);
    const order = new Int32Array(m);
    for (let i = 0; i < m; i++) order[i] = i;
    this.root.fill(-1);
    let nodes = 0;
    let total = 0;
    let active = m;
    for (let depth = 0; active > 0; depth++) {
      let lastParent = -2;
      let lastUnit = -1;
      let id = -1;
      let keep = 0;
      for (let o = 0; o < active; o++) {
        const w = order[o]!;
        const parent = depth === 0 ? -1 : node[w]!;
        const u = t.charCodeAt(start[w]! + depth);
        if (parent !== lastParent || u !== lastUnit) {
          id = nodes++;
          unit[id] = u;
          if (parent < 0) this.root[u] = id;
          else if (first[parent]! < 0) first[parent] = id;
          lastParent = parent;
          lastUnit = u;
        }
        node[w] = id;
        if (len[w] === depth + 1) {
          const f = freq[w]!;
          logFreq[id] = this.lnOf(f);
          if (f > 2 ** 40) this.setFreq.set(id, f); // beyond what freqOfLog recovers exactly
          total += f;
        } else order[keep++] = w;
      }
      active = keep;
    }
    // a node without children gets the next node's first child: its range is empty
    first[nodes] = nodes;
    for (let n = nodes - 1; n >= 0; n--) if (first[n]! < 0) first[n] = first[n + 1]!;
    // the filter of two-unit prefixes: the children of the root's children
    this.pairs.fill(0);
    let d1 = 0;
    for (let u = 0; u < 65536; u++) if (this.root[u]! >= 0) d1++;
    this.depth1 = d1;
    for (let n = 0; n < d1; n++) {
      for (let c = first[n]!; c < first[n + 1]!; c++) {
        const b = pairBit(unit[n]!, unit[c]!);
        this.pairs[b >>> 5] = this.pairs[b >>> 5]! | (1 << (b & 31));
      }
    }
    // records, with hash tables for nodes with many children (at most 65535 tables)
    const buf = new ArrayBuffer((nodes + 1) * 16);
    const n32 = new Int32Array(buf);
    const n64 = new Float64Array(buf);
    let tables = 0;
    let size = 0;
    for (let n = 0; n < nodes; n++) {
      const fan = first[n + 1]! - first[n]!;
      if (fan >= HASHED && tables < 0xffff) {
        tables++;
        size += 1 + tableSize(fan);
      }
    }
    const tableAt = new Int32Array(tables);
    const table = new Uint16Array(size);
    for (let n = 0, tn = 0, at = 0; n < nodes; n++) {
      const f = first[n]!;
      const fan = first[n + 1]! - f;
      n32[4 * n] = f;
      n32[4 * n + 1] = unit[n]!;
      n64[2 * n + 1] = logFreq[n]!;
      if (fan < HASHED || tn === tables) continue;
      const mask = tableSize(fan) - 1;
      tableAt[tn] = at;
      table[at] = mask;
      for (let i = 0; i < fan; i++) {
        let h = unitHash(unit[f + i]!) & mask;
        while (table[at + 1 + h] !== 0) h = (h + 1) & mask;
        table[at + 1 + h] = i + 1;
      }
      n32[4 * n + 1] = n32[4 * n + 1]! | ((tn + 1) << 16);
      tn++;
      at += 1 + mask + 1;
    }
    n32[4 * nodes] = nodes;
    n64[2 * nodes + 1] = NaN;
    this.node32 = n32;
    this.node64 = n64;
    this.tableAt = tableAt;
    this.table = table;
    this.nodes = nodes;
    this.words = m;
    this.total = total;
    this.logTotal = this.lnOf(total);
  }

  /** The child of `node` (of the built trie) by code unit `u`, or -1. */
  child(node: number, u: number): number {
    const n32 = this.node32;
    const f = n32[4 * node]!;
    const t = n32[4 * node + 1]! >>> 16;
    if (t > 0) {
      const table = this.table;
      const at = this.tableAt[t - 1]!;
      const mask = table[at]!;
      for (let h = unitHash(u) & mask; ; h = (h + 1) & mask) {
        const i = table[at + 1 + h]!;
        if (i === 0) return -1;
        if ((n32[4 * (f + i - 1) + 1]! & 0xffff) === u) return f + i - 1;
      }
    }
    const end = n32[4 * node + 4]!;
    for (let c = f; c < end; c++) if ((n32[4 * c + 1]! & 0xffff) === u) return c;
    return -1;
  }

  /** Whether s[start, end) is a word (of the built trie or the overlay). */
  find(s: string, start: number, end: number): boolean {
    if (start >= end) return false;
    let node = this.root[s.charCodeAt(start)]!;
    for (let i = start + 1; i < end && node >= 0; i++) node = this.child(node, s.charCodeAt(i));
    if (node >= 0) return !Number.isNaN(this.node64[2 * node + 1]!);
    return this.overlay !== null && this.overlay.find(s, start, end);
  }

  has(word: string): boolean {
    return this.find(word, 0, word.length);
  }

  /** Bytes held by the typed arrays. */
  bytes(): number {
    return (
      this.root.byteLength +
      this.node32.byteLength +
      this.tableAt.byteLength +
      this.table.byteLength +
      this.pairs.byteLength +
      this.lnSmall.byteLength +
      (this.overlay?.bytes() ?? 0)
    );
  }
}

/** A frequency from its log: exact for integers up to 2^40 (tested), which covers the bundled dictionary. */
function freqOfLog(lf: number): number {
  return Math.round(Math.exp(lf));
}

/**
 * Added words that extend no path of the built trie: a trie whose nodes are the slots of an open-addressing
 * table keyed by (parent, code unit), with direct root children. The segmenter walks it like the built trie.
 */
export class Overlay {
  /** Node of each root child by code unit, or -1. */
  readonly root = new Int32Array(65536).fill(-1);
  /** Slots: parent node (-1 when free, -2 for the root), code unit, ln(freq) (NaN: no word ends here). */
  parent = new Int32Array(0);
  unit = new Uint16Array(0);
  logFreq = new Float64Array(0);
  mask = 0;
  shift = 0;
  used = 0;
  /** The words, for growing the table. */
  private readonly words = new Map<string, [number, number]>();

  constructor() {
    this.reset(1024);
  }

  private reset(size: number): void {
    this.parent = new Int32Array(size).fill(-1);
    this.unit = new Uint16Array(size);
    this.logFreq = new Float64Array(size).fill(NaN);
    this.root.fill(-1);
    this.mask = size - 1;
    this.shift = 32 - Math.round(Math.log2(size));
    this.used = 0;
  }

  /** Adds or updates a word; returns its previous frequency, if any. */
  put(word: string, freq: number, logFreq: number): number | undefined {
    const old = this.words.get(word)?.[0];
    this.words.set(word, [freq, logFreq]);
    if ((this.used + word.length) * 2 > this.mask + 1) {
      let size = (this.mask + 1) * 2;
      while ((this.used + word.length) * 2 > size) size *= 2;
      this.reset(size);
      for (const [w, [, l]] of this.words) this.insert(w, l);
    } else this.insert(word, logFreq);
    return old;
  }

  private insert(word: string, logFreq: number): void {
    let node = -1;
    for (let i = 0; i < word.length; i++) {
      const u = word.charCodeAt(i);
      let next = node < 0 ? this.root[u]! : this.child(node, u);
      if (next < 0) {
        next = (Math.imul(node, OVERLAY_H1) + Math.imul(u + 1, OVERLAY_H2)) >>> this.shift;
        while (this.parent[next] !== -1) next = (next + 1) & this.mask;
        this.parent[next] = node < 0 ? -2 : node;
        this.unit[next] = u;
        this.used++;
        if (node < 0) this.root[u] = next;
      }
      node = next;
    }
    this.logFreq[node] = logFreq;
  }

  /** The child of `node` by code unit `u`, or -1. */
  child(node: number, u: number): number {
    for (
      let h = (Math.imul(node, OVERLAY_H1) + Math.imul(u + 1, OVERLAY_H2)) >>> this.shift;
      ;
      h = (h + 1) & this.mask
    ) {
      const p = this.parent[h]!;
      if (p === node && this.unit[h] === u) return h;
      if (p === -1) return -1;
    }
  }

  find(s: string, start: number, end: number): boolean {
    let node = this.root[s.charCodeAt(start)]!;
    for (let i = start + 1; i < end && node >= 0; i++) node = this.child(node, s.charCodeAt(i));
    return node >= 0 && !Number.isNaN(this.logFreq[node]!);
  }

  bytes(): number {
    return this.root.byteLength + this.parent.byteLength + this.unit.byteLength + this.logFreq.byteLength;
  }
}

export const OVERLAY_H1 = 0x9e3779b1 | 0;
export const OVERLAY_H2 = 0x85ebca77 | 0;
