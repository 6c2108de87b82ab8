/**
 * Near-duplicate decisions: "which earlier post is this a copy of?"
 *
 * Three stages over the canonical form of a post's coreText (letters and digits only; see simhash.ts):
 *  1. exact copies by a 64-bit content hash;
 *  2. SimHash within k = 3 bits (SimHashIndex), which catches reposts and copies with a short added comment;
 *  3. MinHash over the same 3-gram shingles (one-permutation hashing: 32 bins, one hash per shingle) with banded
 *     LSH (16 bands × 2 bins) to find candidates whose resemblance is high even when SimHash moved further
 *     (edited copies, trimmed copies, longer commentary); a candidate counts as a copy when the estimated Jaccard
 *     resemblance of the shingle sets is ≥ `minJaccard` (default 0.5). Two different complaints about one road
 *     share the road's name and a few stock phrases, well under half of their shingles.
 * Posts with fewer than `minChars` canonical characters are never called copies (「转发」「支持」 are not copies).
 *
 * Memory is a ring of `capacity` posts (allocated as it fills, doubling, so a short run stays small): SimHash index 32 B/post, MinHash sketch 128 B/post, LSH links
 * 64 B/post, root and own refs 16 B/post, plus LSH bucket heads (about one 4-byte head per band entry, up to 16 MiB at
 * the default window; the table doubles with the ring, so its random reads stay in cache on small runs) and a Map for
 * exact hashes (~80 B/post).
 */
import { canonicalCodes, simhashOfCodes } from './simhash.ts';
import { SimHashIndex } from './simhash-index.ts';

const BINS = 32;
const BANDS = 16;
const EMPTY = 0xffffffff;
/** Most LSH bucket-head bits (16 MiB of heads); the table starts smaller and doubles with the slot arrays. */
const MAX_LSH_BITS = 22;

/** Bucket-head bits for `slots` posts: about one head per band entry (load ≤ 1), within [12, MAX_LSH_BITS]. */
function lshBitsFor(slots: number): number {
  let bits = 12;
  while (bits < MAX_LSH_BITS && 1 << bits < slots * BANDS) bits++;
  return bits;
}

/** Unmasked LSH key of band b from its two MinHash bins. */
function bandHash(x: number, y: number, b: number): number {
  return fmix32(Math.imul(x, 0x9e3779b1) ^ fmix32(y + b * 0x632be5ab));
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface DuplicateVerdict {
  /** SimHash halves of the coreText. */
  hi: number;
  lo: number;
  /** Caller ref of the earliest post this one copies (root of its copy chain), or null. */
  duplicateOf: number | null;
  /** Caller ref of the post actually matched (still in the window; its own root is duplicateOf), or null. */
  matchedRef: number | null;
  /** How it was decided. */
  reason: 'exact' | 'simhash' | 'minhash' | null;
  /** Estimated Jaccard resemblance with the matched post (1 for exact copies). */
  similarity: number;
}

export interface NearDuplicateOptions {
  capacity?: number;
  k?: number;
  minJaccard?: number;
  minChars?: number;
}

const sketch = new Uint32Array(BINS);

function fillSketch(h: number): void {
  const m = fmix32(h ^ 0x5bd1e995);
  const bin = m >>> 27;
  const v = m & 0x07ffffff;
  if (v < sketch[bin]!) sketch[bin] = v;
}

function contentHash(codes: Int32Array, length: number): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < length; i++) {
    a = Math.imul(a ^ codes[i]!, 0x01000193);
    b = Math.imul(b ^ codes[i]!, 0x5bd1e995) + i;
  }
  // 53-bit key so it fits exactly in a JS number.
  return (fmix32(a) & 0x1fffff) * 0x100000000 + fmix32(b);
}

export class NearDuplicateDetector {
  readonly capacity: number;
  readonly minJaccard: number;
  readonly minChars: number;
  private readonly simIndex: SimHashIndex;
  private sketches: Uint32Array;
  private roots: Float64Array;
  private refs: Float64Array;
  private seqOfSlot: Int32Array;
  private exactKeys: Float64Array;
  /** Newest sequence + 1 per LSH bucket (0 = empty, so the table needs no fill). Rebuilt larger as the ring grows. */
  private lshHeads: Int32Array;
  private lshMask: number;
  private lshNext: Int32Array;
  /** Slots allocated so far (≤ capacity). */
  private alloc: number;
  private readonly exact = new Map<number, number>();
  private count = 0;
  private readonly bandKeys = new Int32Array(BANDS);
  private readonly parts = new Uint32Array(2);

  constructor(opts: NearDuplicateOptions = {}) {
    this.capacity = Math.max(1, Math.floor(opts.capacity ?? 1 << 18));
    this.minJaccard = opts.minJaccard ?? 0.5;
    this.minChars = opts.minChars ?? 8;
    this.simIndex = new SimHashIndex({ k: opts.k ?? 3, capacity: this.capacity });
    this.alloc = Math.min(this.capacity, 4096);
    this.sketches = new Uint32Array(this.alloc * BINS);
    this.roots = new Float64Array(this.alloc);
    this.refs = new Float64Array(this.alloc);
    this.seqOfSlot = new Int32Array(this.alloc).fill(-1);
    this.exactKeys = new Float64Array(this.alloc);
    this.lshNext = new Int32Array(this.alloc * BANDS);
    const bits = lshBitsFor(this.alloc);
    this.lshHeads = new Int32Array(1 << bits);
    this.lshMask = (1 << bits) - 1;
  }

  /** Doubles the slot arrays (up to capacity); only before the ring first wraps, when slot = sequence. */
  private grow(): void {
    const size = Math.min(this.capacity, this.alloc * 2);
    const sketches = new Uint32Array(size * BINS);
    sketches.set(this.sketches);
    const roots = new Float64Array(size);
    roots.set(this.roots);
    const refs = new Float64Array(size);
    refs.set(this.refs);
    const seqOfSlot = new Int32Array(size).fill(-1);
    seqOfSlot.set(this.seqOfSlot);
    const exactKeys = new Float64Array(size);
    exactKeys.set(this.exactKeys);
    const lshNext = new Int32Array(size * BANDS);
    lshNext.set(this.lshNext);
    this.sketches = sketches;
    this.roots = roots;
    this.refs = refs;
    this.seqOfSlot = seqOfSlot;
    this.exactKeys = exactKeys;
    this.lshNext = lshNext;
    this.alloc = size;
    const bits = lshBitsFor(size);
    if (1 << bits !== this.lshHeads.length) this.rebuildLsh(bits);
  }

  /** Re-buckets every remembered post into a table of 2^bits heads (before the ring wraps, slot = sequence). */
  private rebuildLsh(bits: number): void {
    const heads = new Int32Array(1 << bits);
    const mask = (1 << bits) - 1;
    const next = this.lshNext;
    const sketches = this.sketches;
    for (let seq = 0; seq < this.count; seq++) {
      const base = seq * BINS;
      for (let b = 0; b < BANDS; b++) {
        if (!this.hasBand(base, b)) {
          next[seq * BANDS + b] = -1;
          continue;
        }
        const x = sketches[base + 2 * b]!;
        const y = sketches[base + 2 * b + 1]!;
        const bk = bandHash(x, y, b) & mask;
        next[seq * BANDS + b] = heads[bk]! - 1;
        heads[bk] = seq + 1;
      }
    }
    this.lshHeads = heads;
    this.lshMask = mask;
  }

  private hasBand(base: number, b: number): boolean {
    return this.sketches[base + 2 * b] !== EMPTY && this.sketches[base + 2 * b + 1] !== EMPTY;
  }

  /** Decide whether `coreText` copies an earlier post, then remember it under `ref`. */
  observe(coreText: string, ref: number): DuplicateVerdict {
    const { codes, length } = canonicalCodes(coreText);
    const key = contentHash(codes, length);
    sketch.fill(EMPTY);
    const parts = simhashOfCodes(codes, length, this.parts, fillSketch);
    const hi = parts[0]!;
    const lo = parts[1]!;
    const bandCount = this.computeBands();
    let verdict: DuplicateVerdict = { hi, lo, duplicateOf: null, matchedRef: null, reason: null, similarity: 0 };
    if (length >= this.minChars) verdict = this.find(hi, lo, key, length) ?? verdict;
    this.insert(ref, hi, lo, key, bandCount, verdict.duplicateOf);
    return verdict;
  }

  private find(hi: number, lo: number, key: number, length: number): DuplicateVerdict | null {
    const oldest = this.count - this.capacity;
    const exactSeq = this.exact.get(key);
    if (exactSeq !== undefined && exactSeq >= oldest) {
      const slot = exactSeq % this.capacity;
      return { hi, lo, duplicateOf: this.roots[slot]!, matchedRef: this.refs[slot]!, reason: 'exact', similarity: 1 };
    }
    let bestSeq = -1;
    let bestSim = 0;
    let reason: DuplicateVerdict['reason'] = null;
    for (const m of this.simIndex.query(hi, lo)) {
      const sim = this.jaccardWith(m.seq % this.capacity);
      if (bestSeq < 0 || m.seq < bestSeq) {
        bestSeq = m.seq;
        bestSim = sim;
        reason = 'simhash';
      }
    }
    if (length >= 15) {
      for (let b = 0; b < BANDS; b++) {
        const bk = this.bandKeys[b]!;
        if (bk === -1) continue;
        let seq = this.lshHeads[bk]! - 1;
        let steps = 0;
        while (seq >= 0 && seq >= oldest && steps++ < 256) {
          const slot = seq % this.capacity;
          if (this.seqOfSlot[slot] !== seq) break;
          if (bestSeq < 0 || seq < bestSeq) {
            const sim = this.jaccardWith(slot);
            if (sim >= this.minJaccard) {
              bestSeq = seq;
              bestSim = sim;
              reason = 'minhash';
            }
          }
          seq = this.lshNext[slot * BANDS + b]!;
        }
      }
    }
    if (bestSeq < 0) return null;
    const slot = bestSeq % this.capacity;
    return { hi, lo, duplicateOf: this.roots[slot]!, matchedRef: this.refs[slot]!, reason, similarity: bestSim };
  }

  /** Estimated Jaccard resemblance between the current sketch and the stored one in `slot`. */
  private jaccardWith(slot: number): number {
    const base = slot * BINS;
    let same = 0;
    let used = 0;
    for (let i = 0; i < BINS; i++) {
      const a = sketch[i]!;
      const b = this.sketches[base + i]!;
      if (a === EMPTY && b === EMPTY) continue;
      used++;
      if (a === b) same++;
    }
    return used === 0 ? 0 : same / used;
  }

  private computeBands(): number {
    let n = 0;
    for (let b = 0; b < BANDS; b++) {
      const x = sketch[2 * b]!;
      const y = sketch[2 * b + 1]!;
      if (x === EMPTY || y === EMPTY) {
        this.bandKeys[b] = -1;
        continue;
      }
      this.bandKeys[b] = bandHash(x, y, b) & this.lshMask;
      n++;
    }
    return n;
  }

  private insert(ref: number, hi: number, lo: number, key: number, bandCount: number, root: number | null): void {
    const seq = this.count++;
    if (seq >= this.alloc && this.alloc < this.capacity) this.grow();
    const slot = seq % this.capacity;
    if (this.seqOfSlot[slot]! >= 0) {
      const oldKey = this.exactKeys[slot]!;
      if (this.exact.get(oldKey) === this.seqOfSlot[slot]) this.exact.delete(oldKey);
    }
    this.seqOfSlot[slot] = seq;
    this.roots[slot] = root ?? ref;
    this.refs[slot] = ref;
    this.exactKeys[slot] = key;
    if (!this.exact.has(key) || this.exact.get(key)! < seq - this.capacity) this.exact.set(key, seq);
    this.sketches.set(sketch, slot * BINS);
    this.simIndex.add(hi, lo, ref);
    for (let b = 0; b < BANDS; b++) {
      const bk = this.bandKeys[b]!;
      if (bandCount === 0 || bk === -1) {
        this.lshNext[slot * BANDS + b] = -1;
        continue;
      }
      this.lshNext[slot * BANDS + b] = this.lshHeads[bk]! - 1;
      this.lshHeads[bk] = seq + 1;
    }
  }
}

