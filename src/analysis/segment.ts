/**
 * Chinese word segmentation: @node-rs/jieba with its bundled dictionary plus the office's user dictionaries
 * (places, units, hot words), which can be added at runtime without restart.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | null = null;
const userWords = new Set<string>();

function instance(): Jieba {
  if (!jieba) jieba = Jieba.withDict(dict);
  return jieba;
}

/** Segment text into tokens (HMM on for unknown words). Whitespace-only tokens are dropped. */
export function segment(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const t of instance().cut(text, true)) {
    if (t.trim().length > 0) out.push(t);
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
  for (const t of instance().cutForSearch(text, true)) {
    if (/[\p{L}\p{N}]/u.test(t)) out.push(t);
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
  if (lines.length > 0) instance().loadDict(Buffer.from(lines.join('\n') + '\n', 'utf8'));
  return lines.length;
}

/** The user words loaded so far (for display and persistence by callers). */
export function listUserWords(): string[] {
  return [...userWords];
}
