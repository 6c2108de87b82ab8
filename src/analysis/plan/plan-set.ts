/**
 * Matching many monitoring plans against posts.
 *
 * Each plan is parsed and compiled once. Every distinct term of every plan goes into one Aho–Corasick automaton,
 * so a post's title and text are each scanned once, whatever the number of plans. A plan is only evaluated when
 * one of its trigger terms occurs (a set of terms at least one of which must be present for the plan to match;
 * plans made only of NOT get evaluated every time). Terms match as substrings of the normalised, lower-cased
 * text, so Chinese terms hit however jieba segments the post; NEAR/n measures distance in segmenter tokens.
 */
import { segment } from '../segment.ts';
import type { FieldScope, PlanNode, PlanSyntaxError } from './ast.ts';
import { AhoCorasick } from './aho-corasick.ts';
import { parsePlan, type ParseOptions } from './parser.ts';

export interface PlanDefinition {
  name: string;
  expression: string;
}

export interface PlanDocument {
  /** normalizeText forms; they are lower-cased here. */
  title?: string;
  text: string;
  source?: string;
  author?: string;
}

export interface PlanMatch {
  name: string;
  /** The terms that hit, in the plan's order (list words as the word itself). */
  hits: string[];
}

export interface PlanError {
  name: string;
  error: PlanSyntaxError;
}

type CNode =
  | { t: 'term'; id: number; value: string; field: FieldScope }
  | { t: 'list'; ids: number[]; words: string[]; field: FieldScope }
  | { t: 'and' | 'or'; c: CNode[] }
  | { t: 'not'; c: CNode }
  | { t: 'near'; l: CNode; r: CNode; n: number };

interface Compiled {
  name: string;
  root: CNode;
}

interface DocState {
  title: string;
  text: string;
  source: string;
  author: string;
  tokenStarts: Map<'title' | 'text', number[]>;
}

export class PlanSet {
  readonly errors: PlanError[] = [];
  private readonly plans: Compiled[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly ac = new AhoCorasick();
  private termToPlans: number[][] = [];
  private readonly always: number[] = [];
  private inTitle = new Uint8Array(0);
  private inText = new Uint8Array(0);
  private readonly touched: number[] = [];
  private stamp = new Uint32Array(0);
  private round = 0;

  constructor(plans: readonly PlanDefinition[], opts: ParseOptions = {}) {
    for (const p of plans) {
      const r = parsePlan(p.expression, opts);
      if (!r.ok) {
        this.errors.push({ name: p.name, error: r.error });
        continue;
      }
      this.plans.push({ name: p.name, root: this.compile(r.ast) });
    }
    this.termToPlans = this.terms.map(() => []);
    this.plans.forEach((p, i) => {
      const trig = triggers(p.root);
      if (trig === null) this.always.push(i);
      else for (const id of trig) this.termToPlans[id]!.push(i);
    });
    this.inTitle = new Uint8Array(this.terms.length);
    this.inText = new Uint8Array(this.terms.length);
    this.stamp = new Uint32Array(this.plans.length);
  }

  get size(): number {
    return this.plans.length;
  }

  private termId(value: string): number {
    let id = this.termIds.get(value);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(value);
      this.termIds.set(value, id);
      this.ac.add(value, id);
    }
    return id;
  }

  private compile(n: PlanNode): CNode {
    switch (n.type) {
      case 'term':
        return { t: 'term', id: this.termId(n.value), value: n.value, field: n.field };
      case 'list':
        return { t: 'list', ids: n.words.map((w) => this.termId(w)), words: n.words, field: n.field };
      case 'and':
      case 'or':
        return { t: n.type, c: n.children.map((c) => this.compile(c)) };
      case 'not':
        return { t: 'not', c: this.compile(n.child) };
      case 'near':
        return { t: 'near', l: this.compile(n.left), r: this.compile(n.right), n: n.distance };
    }
  }

  /** Plans that match the document, in plan order, each with the terms that hit. */
  match(doc: PlanDocument): PlanMatch[] {
    if (this.plans.length === 0) return [];
    const st: DocState = {
      title: (doc.title ?? '').toLowerCase(),
      text: (doc.text ?? '').toLowerCase(),
      source: (doc.source ?? '').toLowerCase(),
      author: (doc.author ?? '').toLowerCase(),
      tokenStarts: new Map(),
    };
    for (const id of this.touched) {
      this.inTitle[id] = 0;
      this.inText[id] = 0;
    }
    this.touched.length = 0;
    const inTitle = this.inTitle;
    const inText = this.inText;
    const touched = this.touched;
    if (st.title) {
      this.ac.scan(st.title, (id) => {
        if (!inTitle[id]) {
          inTitle[id] = 1;
          if (!inText[id]) touched.push(id);
        }
      });
    }
    this.ac.scan(st.text, (id) => {
      if (!inText[id]) {
        inText[id] = 1;
        if (!inTitle[id]) touched.push(id);
      }
    });
    if (++this.round === 0xffffffff) {
      this.stamp.fill(0);
      this.round = 1;
    }
    const candidates: number[] = [...this.always];
    for (const id of touched) {
      for (const p of this.termToPlans[id]!) {
        if (this.stamp[p] !== this.round) {
          this.stamp[p] = this.round;
          candidates.push(p);
        }
      }
    }
    candidates.sort((a, b) => a - b);
    const out: PlanMatch[] = [];
    for (const p of candidates) {
      const hits: string[] = [];
      const plan = this.plans[p]!;
      if (this.evalNode(plan.root, st, hits)) out.push({ name: plan.name, hits: [...new Set(hits)] });
    }
    return out;
  }

  private present(id: number, value: string, field: FieldScope, st: DocState): boolean {
    switch (field) {
      case 'any':
        return this.inTitle[id] === 1 || this.inText[id] === 1;
      case 'title':
        return this.inTitle[id] === 1;
      case 'text':
        return this.inText[id] === 1;
      case 'source':
        return st.source.includes(value);
      case 'author':
        return st.author.includes(value);
    }
  }

  private evalNode(n: CNode, st: DocState, hits: string[]): boolean {
    switch (n.t) {
      case 'term': {
        const ok = this.present(n.id, n.value, n.field, st);
        if (ok) hits.push(n.value);
        return ok;
      }
      case 'list': {
        let ok = false;
        for (let i = 0; i < n.ids.length; i++) {
          if (this.present(n.ids[i]!, n.words[i]!, n.field, st)) {
            hits.push(n.words[i]!);
            ok = true;
          }
        }
        return ok;
      }
      case 'and': {
        const mark = hits.length;
        for (const c of n.c) {
          if (!this.evalNode(c, st, hits)) {
            hits.length = mark;
            return false;
          }
        }
        return true;
      }
      case 'or': {
        let ok = false;
        for (const c of n.c) if (this.evalNode(c, st, hits)) ok = true;
        return ok;
      }
      case 'not': {
        const mark = hits.length;
        const r = this.evalNode(n.c, st, hits);
        hits.length = mark;
        return !r;
      }
      case 'near':
        return this.evalNear(n, st, hits);
    }
  }

  private evalNear(n: Extract<CNode, { t: 'near' }>, st: DocState, hits: string[]): boolean {
    const mark = hits.length;
    if (!this.evalNode(n.l, st, hits) || !this.evalNode(n.r, st, hits)) {
      hits.length = mark;
      return false;
    }
    const fields: ('title' | 'text')[] = [];
    const lf = leafField(n.l);
    const rf = leafField(n.r);
    for (const f of ['title', 'text'] as const) {
      if ((lf === 'any' || lf === f) && (rf === 'any' || rf === f)) fields.push(f);
    }
    for (const f of fields) {
      const s = st[f];
      const starts = this.tokenStarts(st, f);
      const a = positions(s, leafWords(n.l), starts);
      const b = positions(s, leafWords(n.r), starts);
      for (const x of a) for (const y of b) if (x !== y && Math.abs(x - y) <= n.n) return true;
    }
    hits.length = mark;
    return false;
  }

  private tokenStarts(st: DocState, f: 'title' | 'text'): number[] {
    let s = st.tokenStarts.get(f);
    if (!s) {
      s = [];
      let at = 0;
      const text = st[f];
      for (const t of segment(text)) {
        const i = text.indexOf(t.toLowerCase(), at);
        if (i < 0) continue;
        s.push(i);
        at = i + t.length;
      }
      st.tokenStarts.set(f, s);
    }
    return s;
  }
}

function leafField(n: CNode): FieldScope {
  return n.t === 'term' || n.t === 'list' ? n.field : 'any';
}

function leafWords(n: CNode): string[] {
  return n.t === 'term' ? [n.value] : n.t === 'list' ? n.words : [];
}

/** Token indices at which any of `words` starts in `s` (at most 64 occurrences per word). */
function positions(s: string, words: string[], starts: number[]): number[] {
  const out: number[] = [];
  for (const w of words) {
    let i = s.indexOf(w);
    let k = 0;
    while (i >= 0 && k++ < 64) {
      out.push(tokenIndex(starts, i));
      i = s.indexOf(w, i + 1);
    }
  }
  return out;
}

function tokenIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let ans = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * Terms at least one of which must occur (in title or text) for the node to be true; null when the node can be
 * true without any (NOT, or a source:/author:-only condition).
 */
function triggers(n: CNode): number[] | null {
  switch (n.t) {
    case 'term':
      return n.field === 'source' || n.field === 'author' ? null : [n.id];
    case 'list':
      return n.field === 'source' || n.field === 'author' ? null : n.ids;
    case 'or': {
      const all: number[] = [];
      for (const c of n.c) {
        const t = triggers(c);
        if (t === null) return null;
        all.push(...t);
      }
      return all;
    }
    case 'and': {
      let best: number[] | null = null;
      for (const c of n.c) {
        const t = triggers(c);
        if (t !== null && (best === null || t.length < best.length)) best = t;
      }
      return best;
    }
    case 'not':
      return null;
    case 'near':
      return triggers(n.l) ?? triggers(n.r);
  }
}
