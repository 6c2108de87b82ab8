/**
 * Collects a text's feature hashes: deduplicated on the full 32-bit hash, in first-seen order, with a small
 * display descriptor per feature (kind, a, b) so evidence strings are built only when shown. Open addressing
 * over reused typed arrays; a generation stamp clears the table in O(1) per text.
 */
export class FeatureSink {
  private keys = new Int32Array(1024);
  private stamps = new Uint32Array(1024);
  private gen = 0;
  private order = new Int32Array(512);
  private desc = new Int32Array(3 * 512);
  count = 0;

  /** Starts a new text that will add at most `maxFeatures` features. */
  reset(maxFeatures: number): void {
    let cap = this.keys.length;
    while (cap < 2 * maxFeatures) cap *= 2;
    if (cap !== this.keys.length) {
      this.keys = new Int32Array(cap);
      this.stamps = new Uint32Array(cap);
      this.gen = 0;
    }
    if (this.order.length < maxFeatures) {
      this.order = new Int32Array(maxFeatures);
      this.desc = new Int32Array(3 * maxFeatures);
    }
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.stamps.fill(0);
      this.gen = 1;
    }
    this.count = 0;
  }

  /** Adds hash h (unsigned 32-bit) unless already present; kind/a/b describe its display form. */
  add(h: number, kind: number, a: number, b: number): void {
    if (2 * this.count + 2 >= this.keys.length || this.count >= this.order.length) this.grow();
    const mask = this.keys.length - 1;
    const key = h | 0;
    let slot = (key ^ (key >>> 15)) & mask;
    while (this.stamps[slot] === this.gen) {
      if (this.keys[slot] === key) return;
      slot = (slot + 1) & mask;
    }
    this.stamps[slot] = this.gen;
    this.keys[slot] = key;
    const n = this.count++;
    this.order[n] = key;
    this.desc[3 * n] = kind;
    this.desc[3 * n + 1] = a;
    this.desc[3 * n + 2] = b;
  }

  /** Doubles the table and the order arrays, re-inserting what is there (only when the size hint was short). */
  private grow(): void {
    const n = this.count;
    const order = new Int32Array(Math.max(2 * this.order.length, 2 * n + 2));
    order.set(this.order.subarray(0, n));
    const desc = new Int32Array(3 * order.length);
    desc.set(this.desc.subarray(0, 3 * n));
    this.keys = new Int32Array(this.keys.length * 2);
    this.stamps = new Uint32Array(this.keys.length);
    this.gen = 1;
    const mask = this.keys.length - 1;
    for (let i = 0; i < n; i++) {
      const key = order[i]!;
      let slot = (key ^ (key >>> 15)) & mask;
      while (this.stamps[slot] === 1) slot = (slot + 1) & mask;
      this.stamps[slot] = 1;
      this.keys[slot] = key;
    }
    this.order = order;
    this.desc = desc;
  }

  /** Bucket indices into `out` (at least `count` long). */
  bucketsInto(bits: number, out: Uint32Array): void {
    const m = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
    for (let i = 0; i < this.count; i++) out[i] = (this.order[i]! & m) >>> 0;
  }

  /** The descriptors (kind, a, b per feature), valid until the next reset. */
  descriptorView(): Int32Array {
    return this.desc;
  }
}
