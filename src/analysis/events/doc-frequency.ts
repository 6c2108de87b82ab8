/**
 * Document frequencies learnt from the stream itself, so that words every post of this office shares (the
 * county's own name, "通报") stop looking distinctive even when a general IDF table rates them high.
 */
export interface DocFrequencyState {
  docs: number;
  df: [string, number][];
}

export class DocFrequency {
  private docs = 0;
  private readonly df = new Map<string, number>();

  constructor(private readonly maxTerms = 200_000) {}

  get count(): number {
    return this.docs;
  }

  add(terms: Iterable<string>): void {
    this.docs += 1;
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    if (this.df.size > this.maxTerms) this.shrink();
  }

  /** Share of documents containing the term (0 when nothing is known). */
  share(term: string): number {
    return this.docs === 0 ? 0 : (this.df.get(term) ?? 0) / this.docs;
  }

  /** Halves every count and drops what falls to zero: bounded memory, recent usage weighs more. */
  private shrink(): void {
    this.docs = Math.max(1, Math.floor(this.docs / 2));
    for (const [t, n] of this.df) {
      const h = Math.floor(n / 2);
      if (h === 0) this.df.delete(t);
      else this.df.set(t, h);
    }
  }

  toJSON(): DocFrequencyState {
    return { docs: this.docs, df: [...this.df.entries()] };
  }

  static from(s: DocFrequencyState, maxTerms?: number): DocFrequency {
    const d = new DocFrequency(maxTerms);
    d.docs = s.docs;
    for (const [t, n] of s.df) d.df.set(t, n);
    return d;
  }
}
