/**
 * IDF table: jieba's bundled IDF values (from a large general corpus) blended with the office's own corpus.
 *
 * The bundled table is read as if it came from a virtual corpus of N0 documents with df0(t) = N0·e^(−idf0(t)),
 * N0 = e^(max idf0). After update() has counted local documents, idf(t) = ln((N0 + N) / (df0(t) + df(t))): words
 * common in the office's stream (its own town names, its hot topic) weigh less as they become usual, and words
 * jieba never saw get the median IDF until local counts say otherwise. Only local counts are serialised; the
 * bundled table is parsed once, lazily, on first use (~0.2 s).
 */
import { idf as bundledIdf } from '@node-rs/jieba/dict';
import { StringTable } from './string-table.ts';

let base: StringTable | null = null;
let baseMedian = 11.74;
let baseMax = 13.9;

function loadBase(): StringTable {
  if (base) return base;
  const text = Buffer.from(bundledIdf.buffer, bundledIdf.byteOffset, bundledIdf.byteLength).toString('utf8');
  const m = new StringTable(300_000);
  const values: number[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const sp = text.lastIndexOf(' ', end);
    if (sp > start) {
      const v = Number(text.slice(sp + 1, end));
      if (Number.isFinite(v)) {
        m.set(text.slice(start, sp), v);
        values.push(v);
      }
    }
    start = end + 1;
  }
  values.sort((a, b) => a - b);
  baseMedian = values[values.length >> 1] ?? baseMedian;
  baseMax = values[values.length - 1] ?? baseMax;
  base = m;
  return m;
}

export interface IdfTableState {
  version: 1;
  documents: number;
  df: [string, number][];
}

export class IdfTable {
  private readonly df = new Map<string, number>();
  private documents = 0;
  private n0 = 0;

  private ensure(): StringTable {
    const b = loadBase();
    if (this.n0 === 0) this.n0 = Math.exp(baseMax);
    return b;
  }

  /** IDF of a term. */
  idf(term: string): number {
    const b = this.ensure();
    const i0 = b.get(term) ?? baseMedian;
    if (this.documents === 0) return i0;
    const local = this.df.get(term) ?? 0;
    return Math.log((this.n0 + this.documents) / (this.n0 * Math.exp(-i0) + local));
  }

  /** Count documents of the office's own corpus (each an array of tokens). */
  update(docsTokens: Iterable<readonly string[]>): void {
    for (const tokens of docsTokens) {
      this.documents++;
      for (const t of new Set(tokens)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  get localDocuments(): number {
    return this.documents;
  }

  serialize(): IdfTableState {
    return { version: 1, documents: this.documents, df: [...this.df] };
  }

  static deserialize(state: IdfTableState): IdfTable {
    const t = new IdfTable();
    if (state && state.version === 1 && Array.isArray(state.df)) {
      t.documents = Math.max(0, Math.floor(Number(state.documents) || 0));
      for (const e of state.df) {
        if (Array.isArray(e) && typeof e[0] === 'string' && Number.isFinite(e[1])) t.df.set(e[0], e[1]);
      }
    }
    return t;
  }
}

let shared: IdfTable | null = null;

/** The process-wide default table (bundled IDF, plus whatever local updates callers made). */
export function defaultIdfTable(): IdfTable {
  if (!shared) shared = new IdfTable();
  return shared;
}
