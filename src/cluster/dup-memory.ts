/**
 * The track stage's near-duplicate memory: NearDuplicateDetector (src/analysis/near-duplicates.ts) over the core
 * text the analysis stage sends, mapping each match to the id of the earliest post of its copy chain, exactly as
 * createAnalyzer does in the embedded pipeline. It lives in the one process that owns a partition; after a
 * restart it starts empty (as the embedded runner's does), so a copy of a post seen before the restart is not
 * marked as a duplicate.
 */
import { NearDuplicateDetector } from '../analysis/near-duplicates.ts';

export class DuplicateMemory {
  private readonly detector: NearDuplicateDetector;
  private readonly rootIds: string[];
  private seq = 0;

  constructor(readonly capacity = 1 << 17) {
    this.detector = new NearDuplicateDetector({ capacity });
    this.rootIds = new Array<string>(capacity);
  }

  /** The id of the earliest earlier post `coreText` copies, or null; then remembers this post. */
  observe(coreText: string, id: string): string | null {
    const mySeq = this.seq++;
    const v = this.detector.observe(coreText, mySeq);
    const dup = v.matchedRef !== null ? (this.rootIds[v.matchedRef % this.capacity] ?? null) : null;
    this.rootIds[mySeq % this.capacity] = dup ?? id;
    return dup;
  }
}
