/**
 * What the reference featurizer (features.ts) and the fast hashed path (hashed-features.ts) share: the feature
 * configuration, negation cues, the regular expressions that define spans and cues, and the key hash.
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

export const NEGATION_SCOPE = 3;
export const EMOTICON_RE = /\[[\u4e00-\u9fffA-Za-z0-9]{1,8}\]/g;
export const URL_RE = /\b(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
export const MENTION_RE = /@[\u4e00-\u9fffA-Za-z0-9_\-·]{1,30}/g;
export const REPOST_RE = /\/\/\s*@/;
export const HASHTAG_RE = /#[^#\n]{1,60}#/;
export const EMOJI_RE = /\p{Extended_Pictographic}/gu;
export const PUNCT_TOKEN_RE = /^[\p{P}\p{S}\s]+$/u;
export const CLAUSE_END_RE = /^[,.!?;:。，！？；：、…~\n()（）"“”'‘’[\]【】《》/]+$/;
export const DIGITS_RE = /^[0-9.%]+$/;

export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over the UTF-16 code units s[from, to), continuing from state h. */
export function fnvFeed(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** FNV-1a of one code unit, continuing from state h. */
export function fnvUnit(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** murmur3's finaliser: the 32-bit hash of an FNV state. */
export function finish(h: number): number {
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
