/**
 * The featurizer used for training and prediction: the bucket indices of the features that features.ts defines
 * with string keys, computed without building any key. Word keys are hashed by feeding the prefix state with the
 * token; character n-grams are hashed with rolling FNV states over code units; cue checks are one scan instead of
 * a dozen regular expressions; display forms for evidence are built only when asked for. Scratch buffers are
 * reused between calls (single-threaded), so a call allocates little more than its result.
 */
import { CASED, CLAUSE, DIGIT, PICTO, PUNCT, SPACE, charClasses, isAstralCased, isAstralPicto } from './char-classes.ts';
import {
  DEFAULT_FEATURE_CONFIG,
  EMOTICON_RE,
  FNV_OFFSET,
  MENTION_RE,
  NEGATION_SCOPE,
  NEGATORS,
  PUNCT_TOKEN_RE,
  URL_RE,
  finish,
  fnvFeed,
  fnvUnit,
  type FeatureConfig,
} from './feature-common.ts';
import { FeatureSink } from './feature-sink.ts';

export interface HashedFeatures {
  /** Distinct bucket indices (the same set as hashFeatures(extractFeatures(…).keys) up to 32-bit hash collisions). */
  idx: Uint32Array;
  /** Features before this index are word and cue features (they may have a display form); the rest are n-grams. */
  shown: number;
  /** Whether feature i has a display form (cheap: no string is built). */
  displayable(i: number): boolean;
  /** Display form of feature i for evidence ("不满意", "不+及时", "[怒]"), or null (character n-grams, shape cues). */
  display(i: number): string | null;
}

const W = fnvFeed(FNV_OFFSET, 'w:');
const N = fnvFeed(FNV_OFFSET, 'n:');
const B = fnvFeed(FNV_OFFSET, 'b:');
const C = fnvFeed(FNV_OFFSET, 'c:');
const E = fnvFeed(FNV_OFFSET, 'e:');
const J = fnvFeed(FNV_OFFSET, 'j:');
const BAR = '|'.charCodeAt(0);
const CUES = ['p:!', 'p:!!', 'p:?', 'p:??', 'p:?!', 'p:…', 'p:~', 'm:repost', 'm:url', 'm:hashtag'] as const;
const CUE_DISPLAY: readonly (string | null)[] = ['!', '!!', '?', '??', '?!', '…', null, null, null, null];
const CUE_HASH = CUES.map((k) => finish(fnvFeed(FNV_OFFSET, k)));
const LEN_HASH = Array.from({ length: 10 }, (_, i) => finish(fnvFeed(FNV_OFFSET, `m:len${i}`)));
const NUM = '<num>';

const sink = new FeatureSink();
let mask = new Uint8Array(1024);

function hasWwwDot(text: string): boolean {
  for (let i = text.indexOf('.', 3); i >= 0; i = text.indexOf('.', i + 1)) {
    if ((text.charCodeAt(i - 1) | 32) === 119 && (text.charCodeAt(i - 2) | 32) === 119 && (text.charCodeAt(i - 3) | 32) === 119) return true;
  }
  return false;
}

/** Marks @mentions, URLs and emoticon codes in the shared mask; returns whether a URL was found (m:url). */
function maskSpans(text: string): { masked: boolean; url: boolean } {
  if (mask.length < text.length) mask = new Uint8Array(text.length * 2);
  let masked = false;
  let url = false;
  const runs: [RegExp, boolean][] = [
    [URL_RE, text.indexOf('//') >= 0 || hasWwwDot(text)],
    [MENTION_RE, text.indexOf('@') >= 0],
    [EMOTICON_RE, text.indexOf('[') >= 0],
  ];
  for (const [re, maybe] of runs) {
    if (!maybe) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!masked) mask.fill(0, 0, text.length);
      masked = true;
      if (re === URL_RE) url = true;
      mask.fill(1, m.index, m.index + m[0].length);
    }
  }
  return { masked, url };
}

const enum Tok {
  Clause = 1,
  Punct = 2,
  Digits = 4,
  Surrogate = 8,
  Cased = 16,
  EdgeSpace = 32,
}

/** Class summary of a token: all-clause, all-punct (BMP), all-digits, has surrogates, needs lower-casing, edge spaces. */
function classify(s: string, cls: Uint8Array): number {
  let all = CLAUSE | PUNCT | DIGIT;
  let out = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      out |= Tok.Surrogate;
      all = 0;
      if (c <= 0xdbff && i + 1 < s.length) {
        const lo = s.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff && isAstralCased(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000)) out |= Tok.Cased;
      }
      continue;
    }
    const f = cls[c]!;
    all &= f;
    if (f & CASED) out |= Tok.Cased;
  }
  if (s.length > 0) {
    if (all & CLAUSE) out |= Tok.Clause;
    if (all & PUNCT) out |= Tok.Punct;
    if (all & DIGIT) out |= Tok.Digits;
    if (cls[s.charCodeAt(0)]! & SPACE || cls[s.charCodeAt(s.length - 1)]! & SPACE) out |= Tok.EdgeSpace;
  }
  return out;
}

/** Words usable as features, in order, with null where a clause boundary (punctuation) falls. */
function contentWords(text: string, tokens: readonly string[], masked: boolean, cls: Uint8Array): (string | null)[] {
  const out: (string | null)[] = [];
  let pos = 0;
  for (const tok of tokens) {
    const at = text.indexOf(tok, pos);
    const start = at >= 0 ? at : pos;
    if (at >= 0) pos = at + tok.length;
    if (masked && start < text.length && mask[start] === 1) continue;
    let k = classify(tok, cls);
    if (k & Tok.Clause) {
      out.push(null);
      continue;
    }
    let t = tok;
    if (k & Tok.EdgeSpace) t = t.trim();
    if (k & Tok.Cased) t = t.toLowerCase();
    if (!t) continue;
    if (t !== tok) k = classify(t, cls);
    if (k & Tok.Surrogate ? PUNCT_TOKEN_RE.test(t) : k & Tok.Punct) continue;
    out.push(k & Tok.Digits ? NUM : t);
  }
  return out;
}

function wordFeatures(words: (string | null)[], cfg: FeatureConfig): void {
  let negator = -1;
  let scopeLeft = 0;
  let prev = -1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === null || w === undefined) {
      negator = -1;
      scopeLeft = 0;
      prev = -1;
      continue;
    }
    const isNeg = cfg.negation && NEGATORS.has(w);
    if (cfg.negation && scopeLeft > 0 && negator >= 0 && !isNeg) {
      sink.add(finish(fnvFeed(N, w)), 2, negator, i);
      scopeLeft--;
    } else {
      sink.add(finish(fnvFeed(W, w)), 1, i, 0);
    }
    if (cfg.wordBigrams && prev >= 0) sink.add(finish(fnvFeed(fnvUnit(fnvFeed(B, words[prev]!), BAR), w)), 3, prev, i);
    if (isNeg) {
      negator = i;
      scopeLeft = NEGATION_SCOPE;
    }
    prev = i;
  }
}

/** Emoticon codes, emoji, punctuation and shape cues, in the reference order. Returns whether n-grams can skip lower-casing. */
function cueFeatures(text: string, url: boolean, cls: Uint8Array): boolean {
  if (text.indexOf('[') >= 0) {
    EMOTICON_RE.lastIndex = 0;
    for (let m = EMOTICON_RE.exec(text); m; m = EMOTICON_RE.exec(text)) sink.add(finish(fnvFeed(E, text, m.index, m.index + m[0].length)), 4, m.index, m.index + m[0].length);
  }
  let bang = false, bang2 = false, q = false, q2 = false, mixRun = false, dots = false, tilde = false, repost = false, hashtag = false;
  let asciiCaseOnly = true;
  let prev = 0;
  let dotRun = 0;
  let lastHash = -1;
  let newline = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        if (isAstralPicto(cp)) sink.add(finish(fnvUnit(fnvUnit(J, c), lo)), 4, i, i + 2);
        if (isAstralCased(cp)) asciiCaseOnly = false;
        i++;
        prev = lo;
        dotRun = 0;
        continue;
      }
    }
    const f = cls[c]!;
    if (f & PICTO) sink.add(finish(fnvUnit(J, c)), 4, i, i + 1);
    if (f & CASED && c >= 0x80) asciiCaseOnly = false;
    if (c === 33 || c === 63) {
      if (c === 33) {
        bang = true;
        if (prev === 33) bang2 = true;
      } else {
        q = true;
        if (prev === 63) q2 = true;
      }
      if (prev === 33 || prev === 63) mixRun = true;
    } else if (c === 46) {
      if (++dotRun >= 3) dots = true;
    } else if (c === 0x2026 || (c === 0x3002 && prev === 0x3002)) dots = true;
    else if (c === 126 || c === 0xff5e) tilde = true;
    else if (c === 47 && prev === 47 && !repost) {
      let j = i + 1;
      while (j < text.length && cls[text.charCodeAt(j)]! & SPACE) j++;
      if (text.charCodeAt(j) === 64) repost = true;
    } else if (c === 35) {
      const gap = i - lastHash - 1;
      if (lastHash >= 0 && !newline && gap >= 1 && gap <= 60) hashtag = true;
      lastHash = i;
      newline = false;
    } else if (c === 10) newline = true;
    if (c !== 46) dotRun = 0;
    prev = c;
  }
  const flags = [bang, bang2, q, q2, mixRun && q && bang, dots, tilde, repost, url, hashtag];
  for (let k = 0; k < flags.length; k++) if (flags[k]) sink.add(CUE_HASH[k]!, 5, k, 0);
  sink.add(LEN_HASH[Math.min(9, Math.floor(Math.log2(text.length + 1)))]!, 0, 0, 0);
  return asciiCaseOnly;
}

/** The text with masked spans blanked, lower-cased (only needed when lower-casing is more than ASCII A–Z). */
function charText(text: string, masked: boolean): string {
  if (!masked) return text.toLowerCase();
  let clean = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (mask[i] !== 1) continue;
    clean += text.slice(from, i) + ' ';
    from = i + 1;
  }
  return (clean + text.slice(from)).toLowerCase();
}

const MAX_ORDER = 8;
const state = new Int32Array(MAX_ORDER);
let grams: Int32Array[] = Array.from({ length: MAX_ORDER + 1 }, () => new Int32Array(256));
const gramCount = new Int32Array(MAX_ORDER + 1);

function flushRun(orders: readonly number[]): void {
  for (const n of orders) {
    const g = grams[n]!;
    for (let i = 0; i < gramCount[n]!; i++) sink.add(g[i]! >>> 0, 0, 0, 0);
  }
  gramCount.fill(0);
}

/**
 * Character n-gram hashes (as hashKey('c:' + gram)) over runs of non-space, unmasked code points: one rolling FNV
 * state per order, emitted per run in the reference order (all 1-grams of the run, then all 2-grams, …).
 */
function charGrams(src: string, useMask: boolean, orders: readonly number[], maxOrder: number, cls: Uint8Array): void {
  if (grams[1]!.length < src.length + 1) grams = grams.map(() => new Int32Array(src.length * 2 + 1));
  let run = 0;
  for (let i = 0; i < src.length; i++) {
    let c = src.charCodeAt(i);
    let lo = -1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < src.length) {
      const l = src.charCodeAt(i + 1);
      if (l >= 0xdc00 && l <= 0xdfff) lo = l;
    }
    if ((useMask && mask[i] === 1) || (lo < 0 && cls[c]! & SPACE)) {
      if (run > 0) flushRun(orders);
      run = 0;
      continue;
    }
    if (c >= 65 && c <= 90) c += 32;
    run++;
    for (let k = Math.min(run, maxOrder) - 1; k >= 1; k--) {
      let h = fnvUnit(state[k - 1]!, c);
      if (lo >= 0) h = fnvUnit(h, lo);
      state[k] = h;
    }
    state[0] = lo >= 0 ? fnvUnit(fnvUnit(C, c), lo) : fnvUnit(C, c);
    for (let k = 0; k < Math.min(run, maxOrder); k++) grams[k + 1]![gramCount[k + 1]!++] = finish(state[k]!);
    if (lo >= 0) i++;
  }
  if (run > 0) flushRun(orders);
}

/** Features of a text in reused buffers: valid only until the next call (what prediction uses, allocation-free). */
export interface ScratchFeatures {
  /** Bucket indices in idx[0, n). */
  readonly idx: Uint32Array;
  readonly n: number;
  readonly shown: number;
  displayable(i: number): boolean;
  display(i: number): string | null;
}

class Scratch implements ScratchFeatures {
  idx = new Uint32Array(1024);
  n = 0;
  shown = 0;
  text = '';
  words: (string | null)[] = [];
  desc: Int32Array = new Int32Array(0);

  displayable(i: number): boolean {
    if (i < 0 || i >= this.shown) return false;
    const kind = this.desc[3 * i]!;
    return kind >= 1 && kind <= 4 ? true : kind === 5 && CUE_DISPLAY[this.desc[3 * i + 1]!] != null;
  }

  display(i: number): string | null {
    if (i < 0 || i >= this.shown) return null;
    const a = this.desc[3 * i + 1]!;
    const b = this.desc[3 * i + 2]!;
    const words = this.words;
    switch (this.desc[3 * i]) {
      case 1:
        return words[a]!;
      case 2:
        return `${words[a]!}+${words[b]!}`;
      case 3:
        return words[a]! + words[b]!;
      case 4:
        return this.text.slice(a, b);
      case 5:
        return CUE_DISPLAY[a] ?? null;
      default:
        return null;
    }
  }
}

const scratch = new Scratch();

/** The featurizer behind both entry points: fills the shared sink and scratch. */
export function scratchFeatures(text: string, tokens: readonly string[], cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG): ScratchFeatures {
  const cls = charClasses();
  const orders = cfg.charNgrams.filter((n) => n >= 1 && n <= MAX_ORDER);
  const maxOrder = orders.reduce((a, b) => Math.max(a, b), 0);
  sink.reset(2 * tokens.length + text.length * (2 + orders.length) + 16);
  const { masked, url } = maskSpans(text);
  const words = contentWords(text, tokens, masked, cls);
  wordFeatures(words, cfg);
  const asciiCaseOnly = cueFeatures(text, url, cls);
  const shown = sink.count;
  if (maxOrder > 0) {
    if (asciiCaseOnly) charGrams(text, masked, orders, maxOrder, cls);
    else charGrams(charText(text, masked), false, orders, maxOrder, cls);
  }
  if (scratch.idx.length < sink.count) scratch.idx = new Uint32Array(sink.count * 2);
  sink.bucketsInto(cfg.bits, scratch.idx);
  scratch.n = sink.count;
  scratch.shown = shown;
  scratch.text = text;
  scratch.words = words;
  scratch.desc = sink.descriptorView();
  return scratch;
}

/** The fast path used for training and prediction: bucket indices without materialising any key. */
export function hashedFeatures(text: string, tokens: readonly string[], cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG): HashedFeatures {
  const f = scratchFeatures(text, tokens, cfg);
  const idx = f.idx.slice(0, f.n);
  const shown = f.shown;
  const copy = new Scratch();
  copy.idx = idx;
  copy.n = idx.length;
  copy.shown = shown;
  copy.text = text;
  copy.words = scratch.words;
  copy.desc = scratch.desc.slice(0, 3 * shown);
  return {
    idx,
    shown,
    displayable: (i) => copy.displayable(i),
    display: (i) => copy.display(i),
  };
}
