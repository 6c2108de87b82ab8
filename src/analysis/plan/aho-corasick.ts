/**
 * Aho–Corasick automaton over UTF-16 code units: one pass over a text reports every pattern that occurs in it.
 * Used to test thousands of plan terms against a post at once. Patterns are matched as substrings, so Chinese
 * terms match however the segmenter would have cut the text.
 */
export class AhoCorasick {
  private readonly goto: Map<number, number>[] = [new Map<number, number>()];
  private fail = new Int32Array(1);
  private out: number[][] = [[]];
  private readonly rootTable = new Int32Array(65536);
  private built = false;

  /** Add a pattern with the id to report. */
  add(pattern: string, id: number): void {
    if (!pattern) return;
    let s = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let n = this.goto[s]!.get(c);
      if (n === undefined) {
        n = this.goto.length;
        this.goto.push(new Map());
        this.out.push([]);
        this.goto[s]!.set(c, n);
      }
      s = n;
    }
    this.out[s]!.push(id);
    this.built = false;
  }

  private build(): void {
    const n = this.goto.length;
    this.fail = new Int32Array(n);
    this.rootTable.fill(0);
    const queue: number[] = [];
    for (const [c, child] of this.goto[0]!) {
      this.rootTable[c] = child;
      this.fail[child] = 0;
      queue.push(child);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      for (const [c, child] of this.goto[s]!) {
        queue.push(child);
        let f = this.fail[s]!;
        while (f !== 0 && !this.goto[f]!.has(c)) f = this.fail[f]!;
        const target = f === 0 ? this.rootTable[c]! : this.goto[f]!.get(c)!;
        this.fail[child] = target === child ? 0 : target;
        const inherited = this.out[this.fail[child]]!;
        if (inherited.length > 0) this.out[child] = [...this.out[child]!, ...inherited];
      }
    }
    this.built = true;
  }

  /** Calls onMatch(id) for each pattern occurrence in `text` (possibly several times for repeated patterns). */
  scan(text: string, onMatch: (id: number) => void): void {
    if (!this.built) this.build();
    const root = this.rootTable;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (s === 0) {
        s = root[c]!;
        if (s === 0) continue;
      } else {
        let next = this.goto[s]!.get(c);
        while (next === undefined && s !== 0) {
          s = this.fail[s]!;
          next = s === 0 ? root[c]! : this.goto[s]!.get(c);
        }
        s = next ?? 0;
        if (s === 0) continue;
      }
      const o = this.out[s]!;
      for (let k = 0; k < o.length; k++) onMatch(o[k]!);
    }
  }
}
