/** Inverted index from a term to the events whose centroid holds it: finds candidate events fast. */
export class TermIndex {
  private readonly byTerm = new Map<string, Set<string>>();
  private readonly byEvent = new Map<string, Set<string>>();

  /** Sets the terms of an event (diffs against what it had). */
  set(eventId: string, terms: Iterable<string>): void {
    const next = new Set(terms);
    const prev = this.byEvent.get(eventId);
    if (prev) for (const t of prev) if (!next.has(t)) this.unlink(t, eventId);
    for (const t of next) if (!prev?.has(t)) this.link(t, eventId);
    this.byEvent.set(eventId, next);
  }

  /** Adds terms to an event (a new member's terms): cheaper than `set` when an event only grows. */
  add(eventId: string, terms: Iterable<string>): void {
    let have = this.byEvent.get(eventId);
    if (!have) this.byEvent.set(eventId, (have = new Set()));
    for (const t of terms) {
      if (have.has(t)) continue;
      have.add(t);
      this.link(t, eventId);
    }
  }

  /**
   * The `limit` events sharing the most weight with the given weighted terms (each term counts its weight once
   * per event holding it). Bounds the number of full similarity checks per post, however common the terms are.
   */
  rankedCandidates(terms: Iterable<[string, number]>, limit: number): string[] {
    const acc = new Map<string, number>();
    for (const [t, w] of terms) {
      const s = this.byTerm.get(t);
      if (!s) continue;
      for (const e of s) acc.set(e, (acc.get(e) ?? 0) + w);
    }
    if (acc.size <= limit) return [...acc.keys()];
    return [...acc.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([e]) => e);
  }

  remove(eventId: string): void {
    const prev = this.byEvent.get(eventId);
    if (!prev) return;
    for (const t of prev) this.unlink(t, eventId);
    this.byEvent.delete(eventId);
  }

  /** Events sharing at least one of the terms. */
  candidates(terms: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const t of terms) {
      const s = this.byTerm.get(t);
      if (s) for (const e of s) out.add(e);
    }
    return out;
  }

  private link(t: string, e: string): void {
    let s = this.byTerm.get(t);
    if (!s) this.byTerm.set(t, (s = new Set()));
    s.add(e);
  }

  private unlink(t: string, e: string): void {
    const s = this.byTerm.get(t);
    if (!s) return;
    s.delete(e);
    if (s.size === 0) this.byTerm.delete(t);
  }
}
