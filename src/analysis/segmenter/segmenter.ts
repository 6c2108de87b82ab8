/**
 * A TypeScript port of jieba's segmentation as @node-rs/jieba 2.0 runs it (jieba-rs 0.10): `cut` with the
 * HMM and `cutForSearch`, token for token. Text is split into blocks of jieba-rs's `RE_HAN_DEFAULT`
 * class (CJK ideographs, ASCII letters and digits, `+#&._%-`); everything between blocks is one token per
 * character (`\r\n` is one). A block is segmented along its maximum-probability route through the
 * dictionary DAG; runs of single characters on that route go to the HMM unless the run is itself a word.
 *
 * jieba: Copyright (c) 2013 Sun Junyi; jieba-rs: Copyright (c) 2018 messense; both MIT (see NOTICE).
 */
import { Dictionary, HASH_MUL, PAIR_MUL, parseDict } from './dictionary.ts';
import { hmmCut } from './hmm.ts';

/** ASCII members of the block class: letters, digits and + # & . _ % - */
const HAN_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-zA-Z0-9+#&._%-]/.test(ch)) HAN_ASCII[c] = 1;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Width (1 or 2 code units) of s[i] if it is in the block class, else 0 (a non-block character). */
function blockWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return HAN_ASCII[c]!;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return 1;
  if (isHigh(c)) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      if ((cp >= 0x20000 && cp <= 0x2a6df) || (cp >= 0x2a700 && cp <= 0x2ebef) || (cp >= 0x2f800 && cp <= 0x2fa1f))
        return 2;
    }
  }
  return 0;
}

/** Width of the character at s[i]: 2 for a surrogate pair, else 1. */
function charWidth(s: string, i: number, end: number): number {
  if (!isHigh(s.charCodeAt(i)) || i + 1 >= end) return 1;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** What the native binding sees of a JS string: UTF-8, so a lone surrogate becomes U+FFFD. */
function wellFormed(s: string): string {
  return SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s;
}

let routeProb = new Float64Array(1024);
let routeEnd = new Int32Array(1024);

export class Segmenter {
  constructor(readonly dict: Dictionary) {}

  /** A segmenter over jieba dictionary text (e.g. dict.txt bundled with @node-rs/jieba). */
  static fromDictText(text: string): Segmenter {
    return new Segmenter(Dictionary.fromText(text));
  }

  /**
   * Adds dictionary lines (`word [freq [tag]]`), as @node-rs/jieba's `loadDict`. The whole text is parsed
   * first, so a bad frequency throws without changing anything.
   */
  loadDict(text: string | Uint8Array): void {
    // as UTF-8, like the native binding reads it: a lone surrogate becomes U+FFFD
    const t = typeof text === 'string' ? wellFormed(text) : new TextDecoder('utf-8', { fatal: true }).decode(text);
    this.dict.load(parseDict(t));
  }

  /** jieba `cut(text, hmm = true)`. */
  cut(text: string): string[] {
    const s = wellFormed(text);
    const out: string[] = [];
    const n = s.length;
    let i = 0;
    while (i < n) {
      let w = blockWidth(s, i);
      if (w > 0) {
        let j = i + w;
        while (j < n && (w = blockWidth(s, j)) > 0) j += w;
        this.cutBlock(s, i, j, out);
        i = j;
      } else if (s.charCodeAt(i) === 13 && s.charCodeAt(i + 1) === 10) {
        out.push('\r\n');
        i += 2;
      } else {
        w = charWidth(s, i, n);
        out.push(w === 1 ? s[i]! : s.slice(i, i + w));
        i += w;
      }
    }
    return out;
  }

  /** jieba `cut_for_search(text, hmm = true)`: each word of `cut`, preceded by its 2- and 3-character dictionary words. */
  cutForSearch(text: string): string[] {
    return this.searchWords(this.cut(text));
  }

  /** The search-mode words of words `cut` returned (cutForSearch without cutting again). */
  searchWords(words: readonly string[]): string[] {
    const out: string[] = [];
    const d = this.dict;
    for (const w of words) {
      const n = w.length;
      if (n > 2) {
        if (!SURROGATE.test(w)) {
          for (let i = 0; i + 2 <= n; i++) if (d.find(w, i, i + 2)) out.push(w.slice(i, i + 2));
          if (n > 3) for (let i = 0; i + 3 <= n; i++) if (d.find(w, i, i + 3)) out.push(w.slice(i, i + 3));
        } else {
          const at: number[] = [];
          for (let k = 0; k < n; k += charWidth(w, k, n)) at.push(k);
          at.push(n);
          const chars = at.length - 1;
          if (chars > 2)
            for (let i = 0; i + 2 <= chars; i++) if (d.find(w, at[i]!, at[i + 2]!)) out.push(w.slice(at[i], at[i + 2]));
          if (chars > 3)
            for (let i = 0; i + 3 <= chars; i++) if (d.find(w, at[i]!, at[i + 3]!)) out.push(w.slice(at[i], at[i + 3]));
        }
      }
      out.push(w);
    }
    return out;
  }

  /** Segments the block s[bs, be) (jieba-rs `cut_dag_hmm`). */
  private cutBlock(s: string, bs: number, be: number, out: string[]): void {
    const len = be - bs;
    if (routeProb.length < len + 1) {
      routeProb = new Float64Array((len + 1) * 2);
      routeEnd = new Int32Array((len + 1) * 2);
    }
    const prob = routeProb;
    const end = routeEnd;
    const d = this.dict;
    const root = d.root;
    const n32 = d.node32;
    const n64 = d.node64;
    const tableAt = d.tableAt;
    const table = d.table;
    const overlay = d.overlay;
    const depth1 = d.depth1;
    const pairs = d.pairs;
    const logTotal = d.logTotal;
    const log1 = 0 - logTotal;
    prob[len] = 0;
    end[len] = len;
    // the best route from every character to the block's end, right to left; ties go to the longer word
    for (let x = len - 1; x >= 0; x--) {
      const c = s.charCodeAt(bs + x);
      if (c >= 0xdc00 && c <= 0xdfff && x > 0 && isHigh(s.charCodeAt(bs + x - 1))) continue; // inside a pair
      let best = 0;
      let bestEnd = -1;
      let node = root[c]!;
      let j = x + 1;
      while (node >= 0) {
        const lf = n64[2 * node + 1]!;
        if (lf === lf) {
          // a word ends here (NaN otherwise)
          const p = lf - logTotal + prob[j]!;
          if (bestEnd < 0 || p >= best) {
            best = p;
            bestEnd = j;
          }
        }
        if (j >= len) break;
        // the child by s[bs + j]: through the node's hash table if it has one, else a scan of its children
        const u = s.charCodeAt(bs + j);
        if (node < depth1) {
          // a second unit: most such steps fail, and the pair filter says so without the node's table
          const b = (Math.imul(c, PAIR_MUL) ^ Math.imul(u, HASH_MUL)) >>> 13;
          if (((pairs[b >>> 5]! >>> (b & 31)) & 1) === 0) break;
        }
        const f = n32[4 * node]!;
        const t = n32[4 * node + 1]! >>> 16;
        let next = -1;
        if (t > 0) {
          const at = tableAt[t - 1]!;
          const mask = table[at]!;
          for (let h = (Math.imul(u, HASH_MUL) >>> 16) & mask; ; h = (h + 1) & mask) {
            const i = table[at + 1 + h]!;
            if (i === 0) break;
            if ((n32[4 * (f + i - 1) + 1]! & 0xffff) === u) {
              next = f + i - 1;
              break;
            }
          }
        } else {
          const stop = n32[4 * node + 4]!;
          for (let k = f; k < stop; k++) {
            if ((n32[4 * k + 1]! & 0xffff) === u) {
              next = k;
              break;
            }
          }
        }
        if (next < 0) break;
        node = next;
        j++;
      }
      // words added at runtime that extend no path of the built trie
      if (overlay !== null) {
        let on = overlay.root[c]!;
        let k = x + 1;
        while (on >= 0) {
          const lf = overlay.logFreq[on]!;
          if (lf === lf) {
            const p = lf - logTotal + prob[k]!;
            if (bestEnd < 0 || p > best || (p === best && k > bestEnd)) {
              best = p;
              bestEnd = k;
            }
          }
          if (k >= len) break;
          on = overlay.child(on, s.charCodeAt(bs + k));
          k++;
        }
      }
      if (bestEnd < 0) {
        bestEnd = x + (isHigh(c) && x + 1 < len ? 2 : 1);
        best = log1 + prob[bestEnd]!;
      }
      prob[x] = best;
      end[x] = bestEnd;
    }
    // walk the route; runs of single characters are joined or handed to the HMM
    let x = 0;
    let left = -1;
    while (x < len) {
      const y = end[x]!;
      if (y - x === 1 || (y - x === 2 && isHigh(s.charCodeAt(bs + x)))) {
        if (left < 0) left = x;
      } else {
        if (left >= 0) {
          this.cutRun(s, bs + left, bs + x, out);
          left = -1;
        }
        out.push(s.slice(bs + x, bs + y));
      }
      x = y;
    }
    if (left >= 0) this.cutRun(s, bs + left, be, out);
  }

  /** A run s[a, b) of single characters of the route: one word if it is one character, by character if it is a dictionary word, else the HMM. */
  private cutRun(s: string, a: number, b: number, out: string[]): void {
    const w = charWidth(s, a, b);
    if (a + w === b) {
      out.push(s.slice(a, b));
    } else if (!this.dict.find(s, a, b)) {
      hmmCut(s, a, b, out);
    } else {
      for (let i = a; i < b;) {
        const k = charWidth(s, i, b);
        out.push(s.slice(i, i + k));
        i += k;
      }
    }
  }
}
