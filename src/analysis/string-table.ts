/**
 * A read-mostly string → number table for large dictionaries (jieba's 270k-word IDF table): open addressing over
 * typed arrays, keys' UTF-16 code units pooled in one array. A lookup costs one probe line and one key compare,
 * where a JS Map of that size walks a bucket, an entry and a key string scattered over the heap.
 */
export class StringTable {
  private slots: Int32Array;
  private pool: Uint16Array;
  private poolUsed = 0;
  private values: Float64Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 3);
    this.pool = new Uint16Array(Math.max(64, expected * 4));
    this.values = new Float64Array(Math.max(16, expected));
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

  /** Slot (index into slots / 3) holding `s`, or the empty slot where it would go. */
  private find(s: string, h: number): number {
    const slots = this.slots;
    const pool = this.pool;
    let i = h & this.mask;
    for (;;) {
      const off = slots[3 * i + 1]!;
      if (off === 0) return i;
      if (slots[3 * i] === h && pool[off - 1] === s.length) {
        let same = true;
        for (let c = 0; c < s.length; c++) {
          if (pool[off + c] !== s.charCodeAt(c)) {
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
    const i = this.find(s, StringTable.hash(s));
    return this.slots[3 * i + 1] === 0 ? undefined : this.values[this.slots[3 * i + 2]!];
  }

  /** Sets (or replaces) the value of `s`. Keys longer than 65535 code units are not stored. */
  set(s: string, v: number): void {
    if (s.length > 0xffff) return;
    if (2 * (this.count + 1) > this.mask + 1) this.rehash();
    const h = StringTable.hash(s);
    const i = this.find(s, h);
    if (this.slots[3 * i + 1] !== 0) {
      this.values[this.slots[3 * i + 2]!] = v;
      return;
    }
    if (this.poolUsed + s.length + 1 > this.pool.length) {
      const p = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + s.length + 1));
      p.set(this.pool);
      this.pool = p;
    }
    if (this.count >= this.values.length) {
      const v2 = new Float64Array(this.values.length * 2);
      v2.set(this.values);
      this.values = v2;
    }
    const off = this.poolUsed;
    this.pool[off] = s.length;
    for (let c = 0; c < s.length; c++) this.pool[off + 1 + c] = s.charCodeAt(c);
    this.poolUsed += s.length + 1;
    this.slots[3 * i] = h;
    this.slots[3 * i + 1] = off + 1;
    this.slots[3 * i + 2] = this.count;
    this.values[this.count++] = v;
  }

  private rehash(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 3);
    for (let j = 0; j < old.length; j += 3) {
      if (old[j + 1] === 0) continue;
      let i = old[j]! & this.mask;
      while (this.slots[3 * i + 1] !== 0) i = (i + 1) & this.mask;
      this.slots[3 * i] = old[j]!;
      this.slots[3 * i + 1] = old[j + 1]!;
      this.slots[3 * i + 2] = old[j + 2]!;
    }
  }
}
