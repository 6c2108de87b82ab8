/**
 * Near-duplicate lookup over 64-bit SimHashes: "is there an earlier post within Hamming distance k?"
 *
 * Scheme (Manku, Jain & Das Sarma, WWW 2007): split the 64 bits into k+1 blocks; if two hashes differ in at most
 * k bits, at least one block is identical (pigeonhole). One table per block maps the block's bits to a chain of
 * entries, and only those candidates get a full popcount. With k = 3 the blocks are 16 bits wide, so at 1M posts a
 * bucket holds ~15 entries and a lookup checks ~60 candidates. Default k = 3 is Manku's setting for 64-bit web
 * SimHash; for Chinese char-shingle SimHash it catches reposts, retitled copies and short added comments, while
 * distinct posts sit at ~32 bits (same-road complaints written from one template at ≥ 14). Heavier edits are found
 * by the MinHash stage in near-duplicates.ts, not by widening k.
 *
 * Storage is a ring of `capacity` slots (oldest evicted first) in typed arrays, so memory is bounded up front
 * (the arrays start small and double until they reach `capacity`, so a short run never pays for a large window):
 * per post 8 B hash + 4 B sequence + 4 B ref + 4 B chain link per table (k = 3: 32 B/post), plus 2^blockBits
 * 4-byte heads per table (k = 3: 1 MiB once full; while the ring is small the heads use fewer of the block's bits,
 * about one head per post, and are rebuilt as it doubles, so a short run's lookups stay in cache). Chains run
 * newest → oldest, so stale entries end a walk.
 */
import { popcount32 } from './simhash.ts';

export interface SimHashMatch {
  ref: number;
  distance: number;
  /** Insertion sequence number (smaller = earlier). */
  seq: number;
}

interface Block {
  start: number;
  width: number;
}

function blockValue(hi: number, lo: number, b: Block): number {
  // Bits are numbered 0..63 with 0..31 in `lo` and 32..63 in `hi`.
  const end = b.start + b.width;
  const mask = b.width >= 32 ? 0xffffffff : (1 << b.width) - 1;
  if (end <= 32) return (lo >>> b.start) & mask;
  if (b.start >= 32) return (hi >>> (b.start - 32)) & mask;
  let v = 0;
  for (let i = 0; i < b.width; i++) {
    const bit = b.start + i;
    const w = bit < 32 ? (lo >>> bit) & 1 : (hi >>> (bit - 32)) & 1;
    v |= w << i;
  }
  return v;
}

export class SimHashIndex {
  readonly k: number;
  readonly capacity: number;
  private readonly blocks: Block[];
  private heads: Int32Array[];
  /** Mask applied to block values to pick a head (fewer bits than the block while the ring is small). */
  private headMask: number;
  private his: Uint32Array;
  private los: Uint32Array;
  private seqs: Int32Array;
  private refs: Int32Array;
  private next: Int32Array;
  /** Slots allocated so far (≤ capacity). */
  private alloc: number;
  private count = 0;

  constructor(opts: { k?: number; capacity?: number } = {}) {
    const k = Math.max(0, Math.min(7, Math.floor(opts.k ?? 3)));
    this.k = k;
    this.capacity = Math.max(1, Math.floor(opts.capacity ?? 1 << 20));
    const nBlocks = k + 1;
    this.blocks = [];
    let start = 0;
    for (let i = 0; i < nBlocks; i++) {
      const width = Math.floor(64 / nBlocks) + (i < 64 % nBlocks ? 1 : 0);
      this.blocks.push({ start, width: Math.min(width, 20) });
      start += width;
    }
    this.alloc = Math.min(this.capacity, 4096);
    this.headMask = this.maskFor(this.alloc);
    this.heads = this.blocks.map(() => new Int32Array(this.headMask + 1).fill(-1));
    this.his = new Uint32Array(this.alloc);
    this.los = new Uint32Array(this.alloc);
    this.seqs = new Int32Array(this.alloc).fill(-1);
    this.refs = new Int32Array(this.alloc);
    this.next = new Int32Array(this.alloc * nBlocks);
  }

  /** Doubles the slot arrays (up to capacity). Only happens before the ring first wraps, so slot = seq here. */
  private grow(): void {
    const size = Math.min(this.capacity, this.alloc * 2);
    const widen = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T, per = 1): T => {
      const b = make(size * per);
      b.set(a);
      return b;
    };
    this.his = widen(this.his, (n) => new Uint32Array(n));
    this.los = widen(this.los, (n) => new Uint32Array(n));
    this.seqs = widen(this.seqs, (n) => new Int32Array(n));
    this.seqs.fill(-1, this.alloc);
    this.refs = widen(this.refs, (n) => new Int32Array(n));
    this.next = widen(this.next, (n) => new Int32Array(n), this.blocks.length);
    this.alloc = size;
    const mask = this.maskFor(size);
    if (mask !== this.headMask) this.rebuildHeads(mask);
  }

  /** Head mask for `slots` entries: about one head per entry, at most the widest block. */
  private maskFor(slots: number): number {
    const widest = Math.max(...this.blocks.map((b) => b.width));
    let bits = 8;
    while (bits < widest && 1 << bits < slots) bits++;
    return (1 << bits) - 1;
  }

  /** Re-chains every entry under a wider head mask (before the ring wraps, slot = sequence). */
  private rebuildHeads(mask: number): void {
    const nb = this.blocks.length;
    this.heads = this.blocks.map(() => new Int32Array(mask + 1).fill(-1));
    this.headMask = mask;
    for (let seq = 0; seq < this.count; seq++) {
      for (let t = 0; t < nb; t++) {
        const key = blockValue(this.his[seq]!, this.los[seq]!, this.blocks[t]!) & mask;
        const head = this.heads[t]!;
        this.next[seq * nb + t] = head[key]!;
        head[key] = seq;
      }
    }
  }

  get size(): number {
    return Math.min(this.count, this.capacity);
  }

  /** Bytes held by the index (typed arrays only). */
  get bytes(): number {
    const heads = this.heads.reduce((s, h) => s + h.byteLength, 0);
    return heads + this.his.byteLength + this.los.byteLength + this.seqs.byteLength + this.refs.byteLength + this.next.byteLength;
  }

  /** Add a hash with a caller-chosen reference (e.g. an index into the caller's id table). Returns its sequence. */
  add(hi: number, lo: number, ref: number): number {
    const seq = this.count++;
    if (seq >= this.alloc && this.alloc < this.capacity) this.grow();
    const slot = seq % this.capacity;
    this.his[slot] = hi >>> 0;
    this.los[slot] = lo >>> 0;
    this.seqs[slot] = seq;
    this.refs[slot] = ref | 0;
    const nb = this.blocks.length;
    for (let t = 0; t < nb; t++) {
      const key = blockValue(hi, lo, this.blocks[t]!) & this.headMask;
      const head = this.heads[t]!;
      this.next[slot * nb + t] = head[key]!;
      head[key] = seq;
    }
    return seq;
  }

  /** All earlier entries within `maxDistance` (≤ k) bits, each once, earliest first. */
  query(hi: number, lo: number, maxDistance: number = this.k): SimHashMatch[] {
    const limit = Math.min(maxDistance, this.k);
    const oldest = this.count - this.capacity;
    const nb = this.blocks.length;
    const out: SimHashMatch[] = [];
    for (let t = 0; t < nb; t++) {
      let seq = this.heads[t]![blockValue(hi, lo, this.blocks[t]!) & this.headMask]!;
      while (seq >= 0 && seq >= oldest) {
        const slot = seq % this.capacity;
        if (this.seqs[slot] !== seq) break;
        const d = popcount32((this.his[slot]! ^ hi) >>> 0) + popcount32((this.los[slot]! ^ lo) >>> 0);
        if (d <= limit && !out.some((m) => m.seq === seq)) out.push({ ref: this.refs[slot]!, distance: d, seq });
        seq = this.next[slot * nb + t]!;
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** The earliest earlier entry within `maxDistance` bits, or null. */
  earliest(hi: number, lo: number, maxDistance: number = this.k): SimHashMatch | null {
    return this.query(hi, lo, maxDistance)[0] ?? null;
  }
}
