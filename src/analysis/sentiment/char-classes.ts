/**
 * Per-code-unit class flags for the sentiment featurizer's fast path, built once (lazily) from the very regular
 * expressions the reference featurizer uses, so the two agree by construction (a property test checks it).
 * Surrogates never carry a flag: callers treat them with the regular expressions themselves.
 */

/** In /^[,.!?;:。，！？；：、…~\n()（）"“”'‘’[\]【】《》/]+$/ (a clause boundary token). */
export const CLAUSE = 1;
/** In /[\p{P}\p{S}\s]/u (a punctuation-only token). */
export const PUNCT = 2;
/** In /[0-9.%]/ (a number token). */
export const DIGIT = 4;
/** Exactly JavaScript's \s. */
export const SPACE = 8;
/** String.prototype.toLowerCase changes it. */
export const CASED = 16;
/** In /\p{Extended_Pictographic}/u (emoji). */
export const PICTO = 32;

export const CLAUSE_CHARS_RE = /[,.!?;:。，！？；：、…~\n()（）"“”'‘’[\]【】《》/]/g;

let table: Uint8Array | null = null;

function mark(t: Uint8Array, all: string, re: RegExp, flag: number): void {
  re.lastIndex = 0;
  for (let m = re.exec(all); m; m = re.exec(all)) {
    const c = m[0].charCodeAt(0);
    if (m[0].length === 1) t[c]! |= flag;
  }
}

/** The flag table over all BMP code units (64 KiB, built in a few milliseconds on first use). */
export function charClasses(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(0x10000);
  const units: string[] = [];
  for (let c = 0; c < 0x10000; c++) units.push(c >= 0xd800 && c <= 0xdfff ? ' ' : String.fromCharCode(c));
  const all = units.join('');
  mark(t, all, CLAUSE_CHARS_RE, CLAUSE);
  mark(t, all, /[\p{P}\p{S}\s]/gu, PUNCT);
  mark(t, all, /[0-9.%]/g, DIGIT);
  mark(t, all, /\s/g, SPACE);
  mark(t, all, /\p{Extended_Pictographic}/gu, PICTO);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      t[c] = 0;
      continue;
    }
    const s = units[c]!;
    if (s.toLowerCase() !== s) t[c]! |= CASED;
  }
  table = t;
  return t;
}

const PICTO_RE = /^\p{Extended_Pictographic}$/u;
const astralPicto = new Map<number, boolean>();

/** Whether an astral code point is Extended_Pictographic (memoised). */
export function isAstralPicto(cp: number): boolean {
  let v = astralPicto.get(cp);
  if (v === undefined) {
    v = PICTO_RE.test(String.fromCodePoint(cp));
    astralPicto.set(cp, v);
  }
  return v;
}

/** Astral code points that may change under toLowerCase (Deseret … Adlam); emoji and CJK extensions do not. */
export function isAstralCased(cp: number): boolean {
  return cp >= 0x10400 && cp < 0x1f000;
}
