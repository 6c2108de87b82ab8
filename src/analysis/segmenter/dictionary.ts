/**
 * jieba's prefix dictionary: every word with its frequency, in a trie over UTF-16 code units kept in typed
 * arrays. A node is a slot of an open-addressing hash table keyed by (parent node, code unit), so a node id
 * is its slot and no child lists are needed; the root's children are also kept in a direct 64K table, since
 * every dictionary walk starts there. A node that ends a word points at its record (frequency and
 * ln(frequency)).
 *
 * Loading follows jieba-rs 0.10's `load_dict` (what @node-rs/jieba's `withDict` and `loadDict` run): each
 * line is `word [freq [tag]]` split on Unicode whitespace, a missing frequency is 0, a word already present
 * only has its frequency replaced, and the total is then the sum of all frequencies. Tags are not kept:
 * segmentation does not use them.
 */
import { ln } from './ln.ts';

const EMPTY = -1;
/** Parent id of the root's children (the root itself is no slot). */
export const ROOT = -2;
const MAX_LOAD = 0.7;

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

function nextPow2(n: number): number {
  let p = 1 << 12;
  while (p < n) p *= 2;
  return p;
}

/** A source of entries: the bundled text (re-read when the table is rebuilt) or a parsed list. */
type Source = { text: () => string } | { entries: DictEntry[] };

export class Dictionary {
  /** Hash slots: parent node (EMPTY when free) and code unit; a slot is the node it holds. */
  keyParent = new Int32Array(0);
  keyUnit = new Uint16Array(0);
  /** Record of the word ending at a node, or -1. */
  wordOf = new Int32Array(0);
  /** Nodes of the root's children by code unit, or -1. */
  readonly rootChild = new Int32Array(65536);
  mask = 0;
  shift = 0;
  nodes = 0;
  freq: Float64Array = new Float64Array(1024);
  logFreq: Float64Array = new Float64Array(1024);
  records = 0;
  total = 0;
  logTotal = -Infinity;
  private readonly sources: Source[] = [];
  private readonly lnSmall = new Float64Array(65536).fill(NaN);
  private readonly lnLarge = new Map<number, number>();

  constructor(expectedNodes = 0, expectedWords = 0) {
    this.reset(nextPow2(expectedNodes / 0.6));
    if (expectedWords > this.freq.length) {
      this.freq = new Float64Array(expectedWords);
      this.logFreq = new Float64Array(expectedWords);
    }
  }

  /**
   * Builds a dictionary from jieba dictionary text (the bundled dict.txt). `text` is called again only if
   * later additions outgrow the table, so the caller need not keep the decoded string alive.
   */
  static fromText(text: () => string): Dictionary {
    const t = text();
    let lines = 1;
    for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) lines++;
    // the bundled dict.txt: 349,045 lines, 498,113 trie nodes (a table of 2^20 slots, 48 % full)
    const d = new Dictionary(Math.ceil(lines * 1.43), lines + 1024);
    d.sources.push({ text });
    d.loadText(t);
    d.logTotal = d.lnOf(d.total);
    return d;
  }

  /** Adds or updates entries (jieba-rs `load_dict` semantics), then recomputes the total. */
  load(entries: DictEntry[]): void {
    this.sources.push({ entries });
    let units = 0;
    for (const e of entries) units += e.word.length;
    if (this.nodes + units > MAX_LOAD * (this.mask + 1)) {
      this.rebuild(nextPow2((this.nodes + units) / 0.5));
      return;
    }
    for (const e of entries) this.put(e.word, 0, e.word.length, e.freq);
    this.logTotal = this.lnOf(this.total);
  }

  private reset(size: number): void {
    this.keyParent = new Int32Array(size).fill(EMPTY);
    this.keyUnit = new Uint16Array(size);
    this.wordOf = new Int32Array(size).fill(-1);
    this.rootChild.fill(-1);
    this.mask = size - 1;
    this.shift = 32 - Math.round(Math.log2(size));
    this.nodes = 0;
    this.records = 0;
    this.total = 0;
  }

  private rebuild(size: number): void {
    this.reset(size);
    for (const s of this.sources) {
      if ('text' in s) this.loadText(s.text());
      else for (const e of s.entries) this.put(e.word, 0, e.word.length, e.freq);
    }
    this.logTotal = this.lnOf(this.total);
  }

  /** Loads dictionary text: a fast path for plain `word freq tag` lines, the general parser for others. */
  private loadText(text: string): void {
    const n = text.length;
    let pos = 0;
    let lineNo = 0;
    while (pos <= n) {
      let eol = text.indexOf('\n', pos);
      if (eol < 0) eol = n;
      lineNo++;
      let sp = pos;
      while (sp < eol && !isRustWhitespace(text.charCodeAt(sp))) sp++;
      let i = sp + 1;
      let c = text.charCodeAt(i);
      let freq = 0;
      let fast = sp > pos && sp < eol && text.charCodeAt(sp) === 32 && c >= 48 && c <= 57 && eol - i < 16;
      if (fast) {
        while (c >= 48 && c <= 57) {
          freq = freq * 10 + (c - 48);
          c = text.charCodeAt(++i);
        }
        fast = i === eol || c === 32;
      }
      if (fast) this.put(text, pos, sp, freq);
      else if (pos < eol) {
        const e = parseLine(text.slice(pos, eol), lineNo);
        if (e) this.put(e.word, 0, e.word.length, e.freq);
      }
      pos = eol + 1;
    }
  }

  private lnOf(x: number): number {
    if (x < 65536) {
      let v = this.lnSmall[x]!;
      if (Number.isNaN(v)) v = this.lnSmall[x] = ln(x);
      return v;
    }
    let v = this.lnLarge.get(x);
    if (v === undefined) this.lnLarge.set(x, (v = ln(x)));
    return v;
  }

  /** Adds the word s[start, end) or replaces its frequency. */
  private put(s: string, start: number, end: number, freq: number): void {
    let node = ROOT;
    for (let i = start; i < end; i++) node = this.childOrInsert(node, s.charCodeAt(i));
    const rec = this.wordOf[node]!;
    if (rec >= 0) {
      this.total += freq - this.freq[rec]!;
      this.freq[rec] = freq;
      this.logFreq[rec] = this.lnOf(freq);
      return;
    }
    if (this.records === this.freq.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.freq = grow(this.freq);
      this.logFreq = grow(this.logFreq);
    }
    const id = this.records++;
    this.freq[id] = freq;
    this.logFreq[id] = this.lnOf(freq);
    this.wordOf[node] = id;
    this.total += freq;
  }

  /** Home slot of (parent, unit). */
  slotOf(parent: number, unit: number): number {
    return (Math.imul(parent, 0x9e3779b1) + Math.imul(unit + 1, 0x85ebca77)) >>> this.shift;
  }

  /** The child of `node` by code unit `unit`, or -1. */
  child(node: number, unit: number): number {
    if (node === ROOT) return this.rootChild[unit]!;
    const kp = this.keyParent;
    const mask = this.mask;
    let h = this.slotOf(node, unit);
    for (;;) {
      const p = kp[h]!;
      if (p === node && this.keyUnit[h] === unit) return h;
      if (p === EMPTY) return -1;
      h = (h + 1) & mask;
    }
  }

  private childOrInsert(node: number, unit: number): number {
    const c = this.child(node, unit);
    if (c >= 0) return c;
    let h = this.slotOf(node, unit);
    while (this.keyParent[h] !== EMPTY) h = (h + 1) & this.mask;
    this.keyParent[h] = node;
    this.keyUnit[h] = unit;
    this.nodes++;
    if (node === ROOT) this.rootChild[unit] = h;
    return h;
  }

  /** The record of the word s[start, end), or -1. */
  find(s: string, start: number, end: number): number {
    let node = ROOT;
    for (let i = start; i < end; i++) {
      node = this.child(node, s.charCodeAt(i));
      if (node < 0) return -1;
    }
    return node === ROOT ? -1 : this.wordOf[node]!;
  }

  has(word: string): boolean {
    return this.find(word, 0, word.length) >= 0;
  }

  /** Bytes held by the typed arrays. */
  bytes(): number {
    return (
      this.keyParent.byteLength +
      this.keyUnit.byteLength +
      this.wordOf.byteLength +
      this.rootChild.byteLength +
      this.freq.byteLength +
      this.logFreq.byteLength +
      this.lnSmall.byteLength
    );
  }
}
