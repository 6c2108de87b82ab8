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
 *
 * This file is the readable reference (string keys). Training and prediction use the hashed fast path in
 * hashed-features.ts, which yields the same buckets without building the keys (a property test checks it).
 */

import {
  CLAUSE_END_RE,
  DEFAULT_FEATURE_CONFIG,
  DIGITS_RE,
  EMOJI_RE,
  EMOTICON_RE,
  HASHTAG_RE,
  MENTION_RE,
  NEGATION_SCOPE,
  NEGATORS,
  PUNCT_TOKEN_RE,
  REPOST_RE,
  URL_RE,
  hashKey,
  type FeatureConfig,
} from './feature-common.ts';

export { DEFAULT_FEATURE_CONFIG, NEGATORS, hashKey, type FeatureConfig } from './feature-common.ts';
export { hashedFeatures, type HashedFeatures } from './hashed-features.ts';

export interface FeatureSet {
  keys: string[];
  /** Human-readable form of each key for evidence, or null for keys not worth showing (char n-grams, shape). */
  displays: (string | null)[];
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

/** Bucket indices of keys (duplicates from collisions are kept: they add up, as the weights do). */
export function hashFeatures(keys: readonly string[], bits: number): Uint32Array {
  const maskBits = (1 << bits) - 1;
  const out = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = hashKey(keys[i]!) & maskBits;
  return out;
}
