/**
 * A read-mostly string → number table for large dictionaries (jieba's 270k-word IDF table): open addressing over
 * typed arrays. Each slot holds a key hash and an offset into one pool where the entry's value (8 bytes), length
 * and UTF-16 code units sit together, so a lookup touches one slot line and one pool line — where a JS Map of that
 * size walks a bucket, an entry and a key string scattered over the heap (and takes twice the memory).
 */
export class StringTable {
  /** Per slot: key hash, pool offset + 1 (0 = empty). */
  private slots: Int32Array;
  /** Entries at offsets that are multiples of 4 units: value (4 units, a float64), length, code units, padding. */
  private pool: Uint16Array;
  private values: Float64Array;
  private poolUsed = 0;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap * 0.7 < expected) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2);
    this.pool = new Uint16Array(Math.max(64, expected * 8));
    this.values = new Float64Array(this.pool.buffer);
  }

  get size(): number {
    return this.count;
  }

  private static hash(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) | 0;
  }

  /** Slot holding `s`, or the empty slot where it would go. */
  private find(s: string, h: number): number {
    const slots = this.slots;
    const pool = this.pool;
    let i = h & this.mask;
    for (;;) {
      const off = slots[2 * i + 1]! - 1;
      if (off < 0) return i;
      if (slots[2 * i] === h && pool[off + 4] === s.length) {
        let same = true;
        for (let c = 0; c < s.length; c++) {
          if (pool[off + 5 + c] !== s.charCodeAt(c)) {
            same = false;
            break;
          }
        }
        if (same) return i;
      }
      i = (i + 1) & this.mask;
    }
  }

  get(s: string): number | undefined {
    const off = this.slots[2 * this.find(s, StringTable.hash(s)) + 1]! - 1;
    return off < 0 ? undefined : this.values[off >> 2];
  }

  /** Sets (or replaces) the value of `s`. Keys longer than 65535 code units are not stored. */
  set(s: string, v: number): void {
    if (s.length > 0xffff) return;
    if (10 * (this.count + 1) > 7 * (this.mask + 1)) this.rehash();
    const h = StringTable.hash(s);
    const i = this.find(s, h);
    if (this.slots[2 * i + 1] !== 0) {
      this.values[(this.slots[2 * i + 1]! - 1) >> 2] = v;
      return;
    }
    const units = 4 + ((s.length + 1 + 3) & ~3);
    if (this.poolUsed + units > this.pool.length) {
      const p = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + units));
      p.set(this.pool);
      this.pool = p;
      this.values = new Float64Array(p.buffer);
    }
    const off = this.poolUsed;
    this.values[off >> 2] = v;
    this.pool[off + 4] = s.length;
    for (let c = 0; c < s.length; c++) this.pool[off + 5 + c] = s.charCodeAt(c);
    this.poolUsed += units;
    this.slots[2 * i] = h;
    this.slots[2 * i + 1] = off + 1;
    this.count++;
  }

  private rehash(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2);
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue;
      let i = old[j]! & this.mask;
      while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      this.slots[2 * i] = old[j]!;
      this.slots[2 * i + 1] = old[j + 1]!;
    }
  }
}
