// Parses pasted user-dictionary lines (`词 [词频] [词性]`, jieba's format; tabs or spaces between the parts) into
// words, with one error per malformed line. The rules match the server's (src/contracts/dictionary.ts).
import type { UserWord } from '../../api/types.ts';

export type LineProblem = 'tooManyParts' | 'tooLong' | 'badFreq' | 'badTag' | 'duplicate';

export interface LineError {
  /** 1-based line number in the pasted text. */
  line: number;
  text: string;
  problem: LineProblem;
}

export const MAX_WORD_LENGTH = 40;
export const MAX_FREQ = 1_000_000_000;
const TAG = /^[A-Za-z]{1,8}$/;
const DIGITS = /^\d+$/;

function parseFreq(s: string): number | null {
  if (!DIGITS.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= MAX_FREQ ? n : null;
}

/** One line → a word or the problem with it. */
export function parseDictionaryLine(raw: string): UserWord | LineProblem {
  const parts = raw.trim().split(/\s+/u);
  const [word = '', second, third] = parts;
  if (parts.length > 3) return 'tooManyParts';
  if ([...word].length > MAX_WORD_LENGTH) return 'tooLong';
  const out: UserWord = { word };
  if (second !== undefined) {
    const freq = parseFreq(second);
    if (freq !== null) out.freq = freq;
    else if (third === undefined && TAG.test(second)) out.tag = second;
    else return 'badFreq';
  }
  if (third !== undefined) {
    if (!TAG.test(third)) return 'badTag';
    out.tag = third;
  }
  return out;
}

/** Parses every non-empty line (lines starting with # are comments). */
export function parseDictionaryLines(text: string): { words: UserWord[]; errors: LineError[] } {
  const words: UserWord[] = [];
  const errors: LineError[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const r = parseDictionaryLine(line);
    if (typeof r === 'string') errors.push({ line: i + 1, text: line, problem: r });
    else if (seen.has(r.word)) errors.push({ line: i + 1, text: line, problem: 'duplicate' });
    else {
      seen.add(r.word);
      words.push(r);
    }
  });
  return { words, errors };
}

/** The list with `added` merged in: a word already there takes the new frequency and tag; new words go last. */
export function mergeWords(list: readonly UserWord[], added: readonly UserWord[]): UserWord[] {
  const byWord = new Map(added.map((w) => [w.word, w]));
  const out = list.map((w) => byWord.get(w.word) ?? w);
  const have = new Set(list.map((w) => w.word));
  for (const w of added) if (!have.has(w.word)) out.push(w);
  return out;
}

/** `word freq tag` as it would be written in a dictionary file. */
export function formatWord(w: UserWord): string {
  return [w.word, w.freq, w.tag].filter((x) => x !== undefined).join(' ');
}
