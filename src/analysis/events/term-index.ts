/**
 * Inverted index from a term id (see packed.ts) to the events whose terms hold it: finds candidate events fast.
 * Events get small integer handles inside; postings are plain arrays of handles, so ranking candidates
 * accumulates shared weight in a typed array and keeps the best `limit` with a bounded heap rather than sorting
 * every event that shares a word.
 */
export class TermIndex<T extends { readonly id: string }> {
  /** Term id → handles of the events holding it. */
  private byTerm: (number[] | undefined)[] = [];
  /** Handle → term ids linked to it (each once), and a set of them once the event is added to a second time. */
  private readonly terms: (number[] | undefined)[] = [];
  private readonly termSets: (Set<number> | undefined)[] = [];
  private readonly handles = new Map<string, number>();
  private events: (T | undefined)[] = [];
  private readonly free: number[] = [];
  /** Per handle: shared weight and whether it was reached (one ranking at a time); the handles reached, in order. */
  private acc = new Float64Array(64);
  /** Per handle: the event id's order key (see idOrderKey), so that ties in shared weight rarely compare strings. */
  private keys = new Float64Array(64);
  private seen = new Uint8Array(64);
  private touched = new Int32Array(64);
  private heap = new Int32Array(16);
  /** Per term id: the call of `add` that last linked it (duplicate ids within one call are linked once). */
  private stamp = new Int32Array(1024);
  private stampGen = 0;

  private growStamp(t: number): void {
    const next = new Int32Array(Math.max(t + 1, this.stamp.length * 2));
    next.set(this.stamp);
    this.stamp = next;
  }

  private handle(ev: T): number {
    let h = this.handles.get(ev.id);
    if (h === undefined) {
      h = this.free.pop() ?? this.events.length;
      this.handles.set(ev.id, h);
      if (h === this.events.length) this.events.push(ev);
      else this.events[h] = ev;
      if (h >= this.acc.length) {
        const acc = new Float64Array(this.acc.length * 2);
        acc.set(this.acc);
        this.acc = acc;
        const keys = new Float64Array(this.keys.length * 2);
        keys.set(this.keys);
        this.keys = keys;
        const seen = new Uint8Array(this.seen.length * 2);
        seen.set(this.seen);
        this.seen = seen;
        this.touched = new Int32Array(this.seen.length);
      }
      this.keys[h] = idOrderKey(ev.id);
    } else this.events[h] = ev;
    return h;
  }

  /** Sets the terms of an event (replacing what it had). */
  set(ev: T, ids: Iterable<number>): void {
    const h = this.handle(ev);
    this.unlinkAll(h);
    const list: number[] = [];
    const set = new Set<number>();
    for (const t of ids) {
      if (set.has(t)) continue;
      set.add(t);
      this.posting(t).push(h);
      list.push(t);
    }
    this.terms[h] = list;
    this.termSets[h] = set;
  }

  /** Adds terms to an event (a new member's terms): cheaper than `set` when an event only grows. */
  add(ev: T, ids: ArrayLike<number>): void {
    const h = this.handle(ev);
    let list = this.terms[h];
    if (!list || list.length === 0) {
      // a new event: its terms (a post vector's distinct keys) need no check against what it had
      list = [];
      const g = ++this.stampGen;
      for (let i = 0; i < ids.length; i++) {
        const t = ids[i]!;
        if (t >= this.stamp.length) this.growStamp(t);
        if (this.stamp[t] === g) continue;
        this.stamp[t] = g;
        this.posting(t).push(h);
        list.push(t);
      }
      this.terms[h] = list;
      this.termSets[h] = undefined;
      return;
    }
    let set = this.termSets[h];
    if (!set) this.termSets[h] = set = new Set(list);
    for (let i = 0; i < ids.length; i++) {
      const t = ids[i]!;
      if (set.has(t)) continue;
      set.add(t);
      this.posting(t).push(h);
      list.push(t);
    }
  }

  /**
   * The `limit` events sharing the most weight with the given weighted terms (the first `n` of `ids`/`ws`; each
   * term counts its weight once per event holding it), most first, ties by event id. Up to `limit` matches come
   * back in first-seen order. Bounds the number of full similarity checks per post, however common the terms are.
   */
  rankedCandidates(ids: ArrayLike<number>, ws: ArrayLike<number>, n: number, limit: number): T[] {
    const acc = this.acc;
    const seen = this.seen;
    const touched = this.touched;
    const byTerm = this.byTerm;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const t = ids[i]!;
      const s = t < byTerm.length ? byTerm[t] : undefined;
      if (!s) continue;
      const w = ws[i]!;
      for (let j = 0; j < s.length; j++) {
        const e = s[j]!;
        if (seen[e] === 0) {
          seen[e] = 1;
          acc[e] = 0;
          touched[count++] = e;
        }
        acc[e]! += w;
      }
    }
    for (let i = 0; i < count; i++) seen[touched[i]!] = 0;
    const events = this.events;
    if (count <= limit) {
      const out: T[] = new Array<T>(count);
      for (let i = 0; i < count; i++) out[i] = events[touched[i]!]!;
      return out;
    }
    if (limit <= 0) return [];
    // min-heap (by rank) of the best `limit` so far: its root is the worst of them
    if (this.heap.length < limit) this.heap = new Int32Array(limit);
    const heap = this.heap;
    let size = 0;
    for (let k = 0; k < count; k++) {
      const e = touched[k]!;
      if (size < limit) {
        let i = size++;
        heap[i] = e;
        while (i > 0) {
          const up = (i - 1) >> 1;
          if (!this.worse(heap[i]!, heap[up]!)) break;
          const x = heap[i]!;
          heap[i] = heap[up]!;
          heap[up] = x;
          i = up;
        }
      } else if (this.worse(heap[0]!, e)) {
        heap[0] = e;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < size && this.worse(heap[l]!, heap[m]!)) m = l;
          if (r < size && this.worse(heap[r]!, heap[m]!)) m = r;
          if (m === i) break;
          const x = heap[i]!;
          heap[i] = heap[m]!;
          heap[m] = x;
          i = m;
        }
      }
    }
    // best first (the ranking is a total order: any sort gives the same list)
    for (let i = 1; i < size; i++) {
      const x = heap[i]!;
      let j = i - 1;
      for (; j >= 0 && this.worse(heap[j]!, x); j--) heap[j + 1] = heap[j]!;
      heap[j + 1] = x;
    }
    const out: T[] = new Array<T>(size);
    for (let i = 0; i < size; i++) out[i] = events[heap[i]!]!;
    return out;
  }

  /** Handle `a` ranks after `b` in the last ranking: less shared weight, or equal weight and a later event id. */
  private worse(a: number, b: number): boolean {
    const x = this.acc[a]!;
    const y = this.acc[b]!;
    if (x !== y) return x < y;
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    // keys that differ order as the ids do; equal keys (or ids without one: NaN) compare the ids themselves
    if (ka !== kb && ka === ka && kb === kb) return ka > kb;
    return this.events[a]!.id > this.events[b]!.id;
  }

  remove(eventId: string): void {
    const h = this.handles.get(eventId);
    if (h === undefined) return;
    this.unlinkAll(h);
    this.terms[h] = undefined;
    this.termSets[h] = undefined;
    this.events[h] = undefined;
    this.handles.delete(eventId);
    this.free.push(h);
  }

  /** Forgets everything (the term ids changed: see TermTable.maybeCompact). */
  clear(): void {
    this.byTerm = [];
    this.terms.length = 0;
    this.termSets.length = 0;
    this.handles.clear();
    this.events = [];
    this.free.length = 0;
  }

  /** Ids of the events sharing at least one of the terms. */
  candidates(ids: Iterable<number>): Set<string> {
    const out = new Set<string>();
    for (const t of ids) {
      const s = this.byTerm[t];
      if (s) for (const e of s) out.add(this.events[e]!.id);
    }
    return out;
  }

  private posting(t: number): number[] {
    const byTerm = this.byTerm;
    while (byTerm.length <= t) byTerm.push(undefined);
    let s = byTerm[t];
    if (!s) byTerm[t] = s = [];
    return s;
  }

  private unlinkAll(h: number): void {
    const list = this.terms[h];
    if (!list) return;
    for (const t of list) {
      const s = this.byTerm[t];
      if (!s) continue;
      const i = s.indexOf(h);
      if (i < 0) continue;
      s[i] = s[s.length - 1]!;
      s.pop();
      if (s.length === 0) this.byTerm[t] = undefined;
    }
    this.terms[h] = [];
    this.termSets[h] = undefined;
  }
}

/**
 * A number that orders event ids as strings do, for ids of the tracker's form ("ev-" and 16 lower-case hex digits,
 * maybe a suffix): the first 13 hex digits as a number (exact in a double). Two ids whose keys differ compare as
 * their keys; equal keys say nothing (compare the strings). NaN for other ids.
 */
export function idOrderKey(id: string): number {
  if (id.length < 16 || id.charCodeAt(0) !== 101 || id.charCodeAt(1) !== 118 || id.charCodeAt(2) !== 45) return Number.NaN;
  let k = 0;
  for (let i = 3; i < 16; i++) {
    const c = id.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return Number.NaN;
    k = k * 16 + d;
  }
  return k;
}
