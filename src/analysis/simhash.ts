/**
 * 64-bit SimHash over character shingles of a canonical form of the text.
 *
 * Canonical form: only letters and digits (CJK ideographs, kana, hangul, Latin lower-cased, digits); punctuation,
 * whitespace, emoji and emoticon brackets are dropped, so re-punctuated or re-spaced copies hash alike.
 * Shingles are overlapping character 3-grams: for Chinese, word segmentation of an edited copy can shift, while
 * character n-grams change only around the edit. Each shingle is hashed to 64 bits (two independent 32-bit
 * mixes) and votes ±1 per bit. The work buffers are reused, so hashing allocates almost nothing.
 */

export const SHINGLE = 3;

const SEED_HI = 0x9e3779b1;
const SEED_LO = 0x85ebca77;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c >= 0x3400 && c <= 0x4dbf) return true;
  if (c >= 0x3040 && c <= 0x30ff) return true;
  if (c >= 0xac00 && c <= 0xd7af) return true;
  if (c >= 0xf900 && c <= 0xfaff) return true;
  if (c >= 0x20000 && c <= 0x3134f) return true;
  if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) return true;
  return false;
}

let codes = new Int32Array(4096);

/**
 * Write the canonical code points of `text` into the shared buffer; returns how many.
 * Exposed so other near-duplicate helpers (shingle sets) use exactly the same canonical form.
 */
export function canonicalCodes(text: string): { codes: Int32Array; length: number } {
  if (codes.length < text.length) codes = new Int32Array(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (!isWordCode(c)) continue;
    if (c >= 65 && c <= 90) c += 32;
    codes[n++] = c;
  }
  return { codes, length: n };
}

/** 32-bit hash of the shingle of `len` code points starting at `at` (one mix per shingle). */
export function shingleHash(buf: Int32Array, at: number, len: number): number {
  let x = 0x2545f491;
  for (let j = 0; j < len; j++) x = Math.imul(x ^ buf[at + j]!, 0x9e3779b1) + j;
  return fmix32(x);
}

/** Calls `fn(hash)` for every 3-gram shingle of the canonical form of `text`; returns the shingle count. */
export function forEachShingle(text: string, fn: (h: number) => void): number {
  const { codes: buf, length: n } = canonicalCodes(text);
  const len = n < SHINGLE ? n : SHINGLE;
  const count = n === 0 ? 0 : n - len + 1;
  for (let i = 0; i < count; i++) fn(shingleHash(buf, i, len));
  return count;
}

// Nibble counters: 16 nibble positions × 16 values. Voting costs 16 increments per shingle instead of 64.
const nib = new Int32Array(256);

function vote(h: number): void {
  const hi = fmix32(h ^ SEED_HI);
  const lo = fmix32(h ^ SEED_LO);
  for (let k = 0; k < 8; k++) {
    nib[(k << 4) | ((hi >>> (k << 2)) & 15)]!++;
    nib[((k + 8) << 4) | ((lo >>> (k << 2)) & 15)]!++;
  }
}

/** SimHash of `text` as [hi, lo] unsigned 32-bit halves (the fast path; no BigInt). */
export function simhashParts(text: string, out: Uint32Array = new Uint32Array(2)): Uint32Array {
  const { codes: buf, length: n } = canonicalCodes(text);
  return simhashOfCodes(buf, n, out, null);
}

/**
 * SimHash of canonical code points buf[0..n); `onShingle`, when given, also receives every shingle hash
 * (so callers can build other sketches in the same pass).
 */
export function simhashOfCodes(buf: Int32Array, n: number, out: Uint32Array, onShingle: ((h: number) => void) | null): Uint32Array {
  nib.fill(0);
  const len = n < SHINGLE ? n : SHINGLE;
  const total = n === 0 ? 0 : n - len + 1;
  for (let i = 0; i < total; i++) {
    const h = shingleHash(buf, i, len);
    vote(h);
    if (onShingle) onShingle(h);
  }
  let hi = 0;
  let lo = 0;
  for (let k = 0; k < 16; k++) {
    const base = k << 4;
    for (let bit = 0; bit < 4; bit++) {
      let ones = 0;
      for (let v = 0; v < 16; v++) if ((v >>> bit) & 1) ones += nib[base | v]!;
      if (ones * 2 > total) {
        const pos = ((k & 7) << 2) + bit;
        if (k < 8) hi |= 1 << pos;
        else lo |= 1 << pos;
      }
    }
  }
  out[0] = hi >>> 0;
  out[1] = lo >>> 0;
  return out;
}

/** 64-bit SimHash of `text` (canonical 3-gram shingles). */
export function simhash64(text: string): bigint {
  const p = simhashParts(text);
  return (BigInt(p[0]!) << 32n) | BigInt(p[1]!);
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between two 64-bit hashes. */
export function hamming(a: bigint, b: bigint): number {
  const x = BigInt.asUintN(64, a ^ b);
  return popcount32(Number(x >> 32n)) + popcount32(Number(x & 0xffffffffn));
}

/** 16 lower-case hex digits. */
export function toHex(h: bigint): string {
  return BigInt.asUintN(64, h).toString(16).padStart(16, '0');
}

/** Hex of a [hi, lo] pair, without BigInt. */
export function partsToHex(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** Parse 16 hex digits back into a hash. */
export function fromHex(hex: string): bigint {
  return BigInt.asUintN(64, BigInt('0x' + hex));
}
