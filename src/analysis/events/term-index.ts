/**
 * Inverted index from a term to the events whose centroid holds it: finds candidate events fast. Events get small
 * integer handles inside, so ranking candidates accumulates shared weight in a typed array rather than a map of
 * event ids, and keeps the best `limit` with a bounded heap rather than sorting every event that shares a word.
 */
export class TermIndex {
  private readonly byTerm = new Map<string, Set<number>>();
  /** Terms linked to each event handle (each once: a term is pushed only when its posting set gains the event). */
  private readonly byEvent = new Map<number, string[]>();
  private readonly handles = new Map<string, number>();
  private names: string[] = [];
  private readonly free: number[] = [];
  private acc = new Float64Array(64);
  private seen = new Uint8Array(64);

  private handle(eventId: string): number {
    let h = this.handles.get(eventId);
    if (h === undefined) {
      h = this.free.pop() ?? this.names.length;
      this.handles.set(eventId, h);
      this.names[h] = eventId;
      if (h >= this.acc.length) {
        const acc = new Float64Array(this.acc.length * 2);
        acc.set(this.acc);
        this.acc = acc;
        const seen = new Uint8Array(this.seen.length * 2);
        seen.set(this.seen);
        this.seen = seen;
      }
    }
    return h;
  }

  /** Sets the terms of an event (diffs against what it had). */
  set(eventId: string, terms: Iterable<string>): void {
    const h = this.handle(eventId);
    const next = new Set(terms);
    const prev = this.byEvent.get(h);
    if (prev) for (const t of prev) if (!next.has(t)) this.unlink(t, h);
    const list: string[] = [];
    for (const t of next) {
      this.link(t, h);
      list.push(t);
    }
    this.byEvent.set(h, list);
  }

  /** Adds terms to an event (a new member's terms): cheaper than `set` when an event only grows. */
  add(eventId: string, terms: Iterable<string>): void {
    const h = this.handle(eventId);
    let have = this.byEvent.get(h);
    if (!have) this.byEvent.set(h, (have = []));
    for (const t of terms) if (this.link(t, h)) have.push(t);
  }

  /**
   * The `limit` events sharing the most weight with the given weighted terms (each term counts its weight once
   * per event holding it), most first, ties by event id. Bounds the number of full similarity checks per post,
   * however common the terms are.
   */
  rankedCandidates(terms: Iterable<[string, number]>, limit: number): string[] {
    const acc = this.acc;
    const seen = this.seen;
    const touched: number[] = [];
    for (const [t, w] of terms) {
      const s = this.byTerm.get(t);
      if (!s) continue;
      for (const e of s) {
        if (seen[e] === 0) {
          seen[e] = 1;
          acc[e] = 0;
          touched.push(e);
        }
        acc[e]! += w;
      }
    }
    for (const e of touched) seen[e] = 0;
    const names = this.names;
    // worse(a, b): a ranks after b (less weight, or equal weight and a later id)
    const worse = (a: number, b: number): boolean => acc[a]! < acc[b]! || (acc[a] === acc[b] && names[a]! > names[b]!);
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
    return top.map((e) => names[e]!);
  }

  remove(eventId: string): void {
    const h = this.handles.get(eventId);
    if (h === undefined) return;
    const prev = this.byEvent.get(h);
    if (prev) for (const t of prev) this.unlink(t, h);
    this.byEvent.delete(h);
    this.handles.delete(eventId);
    this.free.push(h);
  }

  /** Events sharing at least one of the terms. */
  candidates(terms: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const t of terms) {
      const s = this.byTerm.get(t);
      if (s) for (const e of s) out.add(this.names[e]!);
    }
    return out;
  }

  /** Adds event e to the term's postings; false when it was there already. */
  private link(t: string, e: number): boolean {
    let s = this.byTerm.get(t);
    if (!s) this.byTerm.set(t, (s = new Set()));
    else if (s.has(e)) return false;
    s.add(e);
    return true;
  }

  private unlink(t: string, e: number): void {
    const s = this.byTerm.get(t);
    if (!s) return;
    s.delete(e);
    if (s.size === 0) this.byTerm.delete(t);
  }
}
