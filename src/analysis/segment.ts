/**
 * Chinese word segmentation: jieba with the dictionary bundled with @node-rs/jieba plus the office's user
 * dictionaries (places, units, hot words), which can be added at runtime without restart. The segmenter is our
 * TypeScript port (./segmenter/), token for token what @node-rs/jieba's `cut(text, true)` and
 * `cutForSearch(text, true)` return, without the cost of crossing into native code for every post.
 */
import { dict } from '@node-rs/jieba/dict';
import { Segmenter } from './segmenter/segmenter.ts';

let jieba: Segmenter | null = null;
const userWords = new Set<string>();

/** A segmenter over the bundled dictionary (built on first use: ~0.2-0.3 s, ~10 MB). */
function newSegmenter(): Segmenter {
  return Segmenter.fromDictText(Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength).toString('utf8'));
}

function instance(): Segmenter {
  if (!jieba) jieba = newSegmenter();
  return jieba;
}

/** Whether a token has something besides whitespace (`t.trim().length > 0`, decided on the first unit when it can be). */
function notBlank(t: string): boolean {
  const c = t.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fa5)) return true;
  return t.trim().length > 0;
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** Whether a token has a letter or a number (decided on the first unit for ASCII alphanumerics and CJK). */
function hasLetterOrNumber(t: string): boolean {
  const c = t.charCodeAt(0);
  if ((c >= 0x4e00 && c <= 0x9fa5) || (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122)) return true;
  return LETTER_OR_NUMBER.test(t);
}

/** Segment text into tokens (HMM on for unknown words). Whitespace-only tokens are dropped. */
export function segment(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const t of instance().cut(text)) {
    if (notBlank(t)) out.push(t);
  }
  return out;
}

/**
 * Segment for the full-text index: jieba's search mode, which also emits the shorter words inside long ones
 * (停水通知 → 停水, 通知, 停水通知), so a query for 停水 finds a post about 停水通知. Punctuation is dropped.
 */
export function segmentForIndex(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const t of instance().cutForSearch(text)) {
    if (hasLetterOrNumber(t)) out.push(t);
  }
  return out;
}

/**
 * The full-text index tokens of a text from its `segment()` tokens, without cutting it again: the same as
 * `segmentForIndex(text)` when `tokens` is `segment(text)` (blank tokens have no search words and are dropped
 * by both).
 */
export function indexTokensOf(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of instance().searchWords(tokens)) {
    if (hasLetterOrNumber(t)) out.push(t);
  }
  return out;
}

/**
 * Add user-dictionary words. Each entry is a word, optionally with a frequency and a part-of-speech tag;
 * jieba needs `word freq tag` lines, so missing parts get defaults (a high frequency so the word wins).
 */
export function addUserWords(words: Iterable<string | { word: string; freq?: number; tag?: string }>): number {
  const lines: string[] = [];
  for (const w of words) {
    const e = typeof w === 'string' ? { word: w } : w;
    const word = e.word.trim().replace(/\s+/g, '');
    if (!word || userWords.has(word)) continue;
    userWords.add(word);
    lines.push(`${word} ${e.freq ?? 100000} ${e.tag ?? 'nz'}`);
  }
  if (lines.length > 0) instance().loadDict(lines.join('\n') + '\n');
  return lines.length;
}

type UserWordEntry = string | { word: string; freq?: number; tag?: string };

/** Named word lists (e.g. the office's dictionary setting) that can be replaced as a whole, removals included. */
const namedLists = new Map<string, Map<string, string>>();

function lineOf(e: UserWordEntry): [string, string] | null {
  const o = typeof e === 'string' ? { word: e } : e;
  const word = o.word.trim().replace(/\s+/g, '');
  return word ? [word, `${word} ${o.freq ?? 100000} ${o.tag ?? 'nz'}`] : null;
}

/**
 * Sets the words of a named list. Adding words is immediate; when a word of the list was removed or its
 * frequency or tag changed, jieba has no way to forget it, so the segmenter is rebuilt from its bundled
 * dictionary plus every word added since start (~0.2-0.3 s, only on such a change). Returns whether it was
 * rebuilt.
 */
export function replaceUserWords(name: string, words: Iterable<UserWordEntry>): boolean {
  const next = new Map<string, string>();
  for (const w of words) {
    const l = lineOf(w);
    if (l) next.set(l[0], l[1]);
  }
  const prev = namedLists.get(name) ?? new Map<string, string>();
  namedLists.set(name, next);
  const dropped = [...prev].some(([w, line]) => next.get(w) !== line);
  if (!dropped) {
    const fresh = [...next].filter(([w]) => !prev.has(w)).map(([w, line]) => ({ w, line }));
    const lines = fresh.filter((f) => !userWords.has(f.w));
    for (const f of lines) userWords.add(f.w);
    if (lines.length > 0) instance().loadDict(lines.map((f) => f.line).join('\n') + '\n');
    return false;
  }
  // rebuild: the bundled dictionary, the words added outside named lists, then every named list
  const removed = new Set([...prev.keys()].filter((w) => !next.has(w)));
  const others = [...userWords].filter((w) => !removed.has(w) && ![...namedLists.values()].some((m) => m.has(w)));
  jieba = newSegmenter();
  userWords.clear();
  const lines: string[] = [];
  for (const w of others) {
    userWords.add(w);
    lines.push(`${w} 100000 nz`);
  }
  for (const m of namedLists.values()) {
    for (const [w, line] of m) {
      if (userWords.has(w)) continue;
      userWords.add(w);
      lines.push(line);
    }
  }
  if (lines.length > 0) jieba.loadDict(lines.join('\n') + '\n');
  return true;
}

/** The user words loaded so far (for display and persistence by callers). */
export function listUserWords(): string[] {
  return [...userWords];
}
