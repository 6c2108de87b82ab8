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
  private acc = new Float64Array(64);
  private seen = new Uint8Array(64);
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
        const seen = new Uint8Array(this.seen.length * 2);
        seen.set(this.seen);
        this.seen = seen;
      }
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
    const touched: number[] = [];
    const byTerm = this.byTerm;
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
          touched.push(e);
        }
        acc[e]! += w;
      }
    }
    for (const e of touched) seen[e] = 0;
    const events = this.events;
    // worse(a, b): a ranks after b (less weight, or equal weight and a later id)
    const worse = (a: number, b: number): boolean => acc[a]! < acc[b]! || (acc[a] === acc[b] && events[a]!.id > events[b]!.id);
    let top = touched;
    if (touched.length > limit) {
      // min-heap (by rank) of the best `limit` so far: its root is the worst of them
      const heap: number[] = [];
      for (const e of touched) {
        if (heap.length < limit) {
          heap.push(e);
          for (let i = heap.length - 1; i > 0; ) {
            const up = (i - 1) >> 1;
            if (!worse(heap[i]!, heap[up]!)) break;
            [heap[i], heap[up]] = [heap[up]!, heap[i]!];
            i = up;
          }
        } else if (limit > 0 && worse(heap[0]!, e)) {
          heap[0] = e;
          for (let i = 0; ; ) {
            const l = 2 * i + 1;
            const r = l + 1;
            let m = i;
            if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
            if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
            if (m === i) break;
            [heap[i], heap[m]] = [heap[m]!, heap[i]!];
            i = m;
          }
        }
      }
      top = heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
    }
    return top.map((e) => events[e]!);
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
