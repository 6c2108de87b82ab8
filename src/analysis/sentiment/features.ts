/**
 * Sentiment features over the analysis form of a text (normalizeText output) and its jieba tokens.
 *
 * Every feature is a short string key with a one-letter kind prefix, hashed into a fixed number of buckets:
 *   w:TOKEN       word unigram (lower-cased; @mentions, URLs and emoticon codes are not words)
 *   n:TOKEN       word inside a negation scope (after 不/没/没有/无/非/别/未/难以… until punctuation, ≤ 3 words);
 *                 it replaces the plain w: feature there. Shown to people as "不+及时".
 *   b:A|B         adjacent word bigram (scopes do not cross punctuation)
 *   c:XY          character 1–2-grams (configurable) over the cleaned text (no mentions, URLs, emoticon codes, whitespace)
 *   e:[泪]        Weibo emoticon code;  j:😂  emoji
 *   p:!!          punctuation cues (!, !!+, ?, ??+, ?!, …, ~)
 *   m:repost …    shape cues: repost chain (//@user:), URL, hashtag, length bucket
 * Keys are deduplicated per text; a text's features all get the same value 1/sqrt(count).
 */

export interface FeatureConfig {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Character n-gram orders, e.g. [1, 2, 3]. */
  charNgrams: number[];
  wordBigrams: boolean;
  negation: boolean;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = { bits: 20, charNgrams: [1, 2], wordBigrams: true, negation: true };

/** Negation cues: a token equal to one of these opens a negation scope over the next words. */
export const NEGATORS: ReadonlySet<string> = new Set([
  '不', '没', '没有', '无', '非', '别', '未', '难以', '不要', '不会', '不能', '不是', '并非', '毫无', '绝不',
  '从不', '从未', '不太', '不够', '不再', '不用', '甭', '勿', '莫', '没什么', '不怎么', '并不', '并没有', '再也不',
  '一点也不', '根本不', '根本没有', '不怎么样', '不大', '无法', '决不', '永不', '尚未', '别再',
]);

const NEGATION_SCOPE = 3;
const EMOTICON_RE = /\[[\u4e00-\u9fffA-Za-z0-9]{1,8}\]/g;
const URL_RE = /\b(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
const MENTION_RE = /@[\u4e00-\u9fffA-Za-z0-9_\-·]{1,30}/g;
const REPOST_RE = /\/\/\s*@/;
const HASHTAG_RE = /#[^#\n]{1,60}#/;
const EMOJI_RE = /\p{Extended_Pictographic}/gu;
const PUNCT_TOKEN_RE = /^[\p{P}\p{S}\s]+$/u;
const CLAUSE_END_RE = /^[,.!?;:。，！？；：、…~\n()（）"“”'‘’[\]【】《》/]+$/;
const DIGITS_RE = /^[0-9.%]+$/;

export interface FeatureSet {
  keys: string[];
  /** Human-readable form of each key for evidence, or null for keys not worth showing (char n-grams, shape). */
  displays: (string | null)[];
}

const FNV_OFFSET = 0x811c9dc5;

function fnvFeed(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a over UTF-16 code units, finished with a murmur3 mix. */
export function hashKey(key: string): number {
  return finish(fnvFeed(FNV_OFFSET, key));
}

/** Marks character positions covered by @mentions, URLs and emoticon codes (they are not words). */
function maskSpans(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const re of [URL_RE, MENTION_RE, EMOTICON_RE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) mask.fill(1, m.index, m.index + m[0].length);
  }
  return mask;
}

/** Words usable as features, in order, with null where a clause boundary (punctuation) falls. */
function contentWords(text: string, tokens: readonly string[], mask: Uint8Array): (string | null)[] {
  const out: (string | null)[] = [];
  let pos = 0;
  for (const tok of tokens) {
    const at = text.indexOf(tok, pos);
    const start = at >= 0 ? at : pos;
    if (at >= 0) pos = at + tok.length;
    if (mask[start] === 1) continue;
    if (CLAUSE_END_RE.test(tok)) {
      out.push(null);
      continue;
    }
    const t = tok.trim().toLowerCase();
    if (!t || PUNCT_TOKEN_RE.test(t)) continue;
    out.push(DIGITS_RE.test(t) ? '<num>' : t);
  }
  return out;
}

function wordFeatures(words: (string | null)[], cfg: FeatureConfig, add: (k: string, d: string | null) => void): void {
  let negator: string | null = null;
  let scopeLeft = 0;
  let prev: string | null = null;
  for (const w of words) {
    if (w === null) {
      negator = null;
      scopeLeft = 0;
      prev = null;
      continue;
    }
    if (cfg.negation && scopeLeft > 0 && negator !== null && !NEGATORS.has(w)) {
      add(`n:${w}`, `${negator}+${w}`);
      scopeLeft--;
    } else {
      add(`w:${w}`, w);
    }
    if (cfg.wordBigrams && prev !== null) add(`b:${prev}|${w}`, prev + w);
    if (cfg.negation && NEGATORS.has(w)) {
      negator = w;
      scopeLeft = NEGATION_SCOPE;
    }
    prev = w;
  }
}

/** The text with masked spans blanked, lower-cased: what character n-grams are taken from. */
function charText(text: string, mask: Uint8Array): string {
  let clean = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (mask[i] !== 1) continue;
    clean += text.slice(from, i) + ' ';
    from = i + 1;
  }
  return (clean + text.slice(from)).toLowerCase();
}

function charFeatures(text: string, mask: Uint8Array, orders: number[], add: (k: string, d: string | null) => void): void {
  const clean = charText(text, mask);
  for (const run of clean.split(/\s+/)) {
    if (!run) continue;
    const chars = Array.from(run);
    for (const n of orders) {
      for (let i = 0; i + n <= chars.length; i++) add(`c:${chars.slice(i, i + n).join('')}`, null);
    }
  }
}

function cueFeatures(text: string, add: (k: string, d: string | null) => void): void {
  EMOTICON_RE.lastIndex = 0;
  for (let m = EMOTICON_RE.exec(text); m; m = EMOTICON_RE.exec(text)) add(`e:${m[0]}`, m[0]);
  EMOJI_RE.lastIndex = 0;
  for (let m = EMOJI_RE.exec(text); m; m = EMOJI_RE.exec(text)) add(`j:${m[0]}`, m[0]);
  if (/!/.test(text)) add('p:!', '!');
  if (/!{2,}/.test(text)) add('p:!!', '!!');
  if (/\?/.test(text)) add('p:?', '?');
  if (/\?{2,}/.test(text)) add('p:??', '??');
  if (/[?!]{2,}/.test(text) && /\?/.test(text) && /!/.test(text)) add('p:?!', '?!');
  if (/…|\.{3,}|。{2,}/.test(text)) add('p:…', '…');
  if (/[~～]/.test(text)) add('p:~', null);
  if (REPOST_RE.test(text)) add('m:repost', null);
  URL_RE.lastIndex = 0;
  if (URL_RE.test(text)) add('m:url', null);
  if (HASHTAG_RE.test(text)) add('m:hashtag', null);
  add(`m:len${Math.min(9, Math.floor(Math.log2(text.length + 1)))}`, null);
}

/** All feature keys of a text (deduplicated), with display forms. */
export function extractFeatures(text: string, tokens: readonly string[], cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG): FeatureSet {
  const seen = new Map<string, string | null>();
  const add = (k: string, d: string | null): void => {
    if (!seen.has(k)) seen.set(k, d);
  };
  const mask = maskSpans(text);
  wordFeatures(contentWords(text, tokens, mask), cfg, add);
  charFeatures(text, mask, cfg.charNgrams, add);
  cueFeatures(text, add);
  return { keys: [...seen.keys()], displays: [...seen.values()] };
}

const C_PREFIX = fnvFeed(FNV_OFFSET, 'c:');
/** Exactly the characters JavaScript's \s matches. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Full 32-bit hashes of the character n-gram keys (as hashKey('c:' + gram)), without building the strings. */
function charHashes(text: string, mask: Uint8Array, orders: number[], out: Set<number>): void {
  const clean = charText(text, mask);
  const starts: number[] = [];
  const flush = (end: number): void => {
    for (const n of orders) {
      for (let i = 0; i + n <= starts.length; i++) {
        const to = i + n < starts.length ? starts[i + n]! : end;
        out.add(finish(fnvFeed(C_PREFIX, clean, starts[i]!, to)));
      }
    }
    starts.length = 0;
  };
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = clean.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue; // low surrogate: part of the previous code point
    }
    if (isSpace(c)) {
      flush(i);
      continue;
    }
    starts.push(i);
  }
  flush(clean.length);
}

export interface HashedFeatures {
  /** Distinct bucket indices (same multiset as hashFeatures(extractFeatures(…).keys) up to 32-bit hash collisions). */
  idx: Uint32Array;
  /** Display form per index; null for character n-grams and shape cues. */
  displays: (string | null)[];
}

/** The fast path used for training and prediction: bucket indices without materialising char n-gram keys. */
export function hashedFeatures(text: string, tokens: readonly string[], cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG): HashedFeatures {
  const hashes = new Set<number>();
  const displays: (string | null)[] = [];
  const add = (k: string, d: string | null): void => {
    const h = hashKey(k);
    if (hashes.has(h)) return;
    hashes.add(h);
    displays.push(d);
  };
  const mask = maskSpans(text);
  wordFeatures(contentWords(text, tokens, mask), cfg, add);
  cueFeatures(text, add);
  const wordCount = hashes.size;
  charHashes(text, mask, cfg.charNgrams, hashes);
  for (let i = wordCount; i < hashes.size; i++) displays.push(null);
  const maskBits = (1 << cfg.bits) - 1;
  const idx = new Uint32Array(hashes.size);
  let i = 0;
  for (const h of hashes) idx[i++] = h & maskBits;
  return { idx, displays };
}

/** Bucket indices of keys (duplicates from collisions are kept: they add up, as the weights do). */
export function hashFeatures(keys: readonly string[], bits: number): Uint32Array {
  const maskBits = (1 << bits) - 1;
  const out = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = hashKey(keys[i]!) & maskBits;
  return out;
}
