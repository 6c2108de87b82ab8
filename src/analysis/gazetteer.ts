/**
 * Gazetteer: the office's places (county → town → village/community) and units (bureaus, town offices, villages'
 * committees), each with aliases. For a text it reports which places and units are mentioned, by leftmost-longest
 * match over a character trie of the normalised aliases (so 城关镇政府 finds the unit, not only the town).
 * Editable at runtime; its words can be added to the segmenter's user dictionary.
 */
import { normalizeText } from './normalize.ts';
import { addUserWords } from './segment.ts';

export type GazetteerKind = 'place' | 'unit';

export interface GazetteerEntry {
  name: string;
  kind: GazetteerKind;
  /** e.g. county, town, village, community, bureau. Free text. */
  level?: string;
  /** Name of the parent entry (a town's county, a village's town). */
  parent?: string;
  aliases?: string[];
  /** Optional stable id of the place or unit (e.g. the unit id cases get assigned to). */
  id?: string;
}

export interface GazetteerHit {
  name: string;
  kind: GazetteerKind;
  level?: string;
  id?: string;
  /** Ancestors then the entry itself, e.g. ['青山县', '城关镇', '东门村']. */
  path: string[];
  /** The surface forms found in the text. */
  matched: string[];
  count: number;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  entry: GazetteerEntry | null;
  alias: string;
}

const AUTO_SUFFIX = /^(.{2,})(县|区|市|镇|乡|街道|街道办事处)$/u;

function node(): TrieNode {
  return { next: new Map(), entry: null, alias: '' };
}

export class Gazetteer {
  private readonly byName = new Map<string, GazetteerEntry>();
  private root: TrieNode = node();
  private dirty = false;

  constructor(entries: Iterable<GazetteerEntry> = []) {
    for (const e of entries) this.add(e);
  }

  /** Add or replace an entry (by name). */
  add(entry: GazetteerEntry): void {
    const name = normalizeText(entry.name ?? '').replace(/\s+/g, '');
    if (!name) return;
    const clean: GazetteerEntry = { ...entry, name, aliases: (entry.aliases ?? []).map((a) => normalizeText(a).replace(/\s+/g, '')).filter(Boolean) };
    this.byName.set(name, clean);
    this.dirty = true;
  }

  remove(name: string): boolean {
    const ok = this.byName.delete(normalizeText(name));
    if (ok) this.dirty = true;
    return ok;
  }

  entries(): GazetteerEntry[] {
    return [...this.byName.values()];
  }

  get size(): number {
    return this.byName.size;
  }

  /** All surface forms (names and aliases), for the segmenter's user dictionary. */
  words(): string[] {
    const out = new Set<string>();
    for (const e of this.byName.values()) for (const a of this.surfaces(e)) out.add(a);
    return [...out];
  }

  /** Add this gazetteer's words to the jieba user dictionary (place names tagged ns, units nt). */
  registerWithSegmenter(): number {
    const words: { word: string; tag: string }[] = [];
    for (const e of this.byName.values()) for (const a of this.surfaces(e)) words.push({ word: a, tag: e.kind === 'place' ? 'ns' : 'nt' });
    return addUserWords(words);
  }

  private surfaces(e: GazetteerEntry): string[] {
    const s = new Set<string>([e.name, ...(e.aliases ?? [])]);
    if (e.kind === 'place') {
      const m = AUTO_SUFFIX.exec(e.name);
      if (m && m[1] && m[1].length >= 2) s.add(m[1]);
    }
    return [...s].filter((x) => x.length >= 2 || s.size === 1);
  }

  private build(): void {
    const root = node();
    // Longer names are inserted as separate paths; on equal surface forms the first entry added wins.
    for (const e of this.byName.values()) {
      for (const a of this.surfaces(e)) {
        let n = root;
        for (let i = 0; i < a.length; i++) {
          const c = a.charCodeAt(i);
          let child = n.next.get(c);
          if (!child) {
            child = node();
            n.next.set(c, child);
          }
          n = child;
        }
        if (!n.entry || a === e.name) {
          n.entry = e;
          n.alias = a;
        }
      }
    }
    this.root = root;
    this.dirty = false;
  }

  private pathOf(e: GazetteerEntry): string[] {
    const path = [e.name];
    const seen = new Set(path);
    let p = e.parent ? this.byName.get(normalizeText(e.parent)) : undefined;
    while (p && !seen.has(p.name)) {
      path.unshift(p.name);
      seen.add(p.name);
      p = p.parent ? this.byName.get(normalizeText(p.parent)) : undefined;
    }
    return path;
  }

  /** Places and units mentioned in `text` (normalised text expected), in order of first mention. */
  match(text: string): { places: GazetteerHit[]; units: GazetteerHit[] } {
    if (this.dirty) this.build();
    const hits = new Map<string, GazetteerHit>();
    const root = this.root;
    if (root.next.size === 0 || !text) return { places: [], units: [] };
    let i = 0;
    while (i < text.length) {
      let n = root.next.get(text.charCodeAt(i));
      if (!n) {
        i++;
        continue;
      }
      let best: TrieNode | null = null;
      let bestEnd = i;
      let j = i + 1;
      while (n) {
        if (n.entry) {
          best = n;
          bestEnd = j;
        }
        if (j >= text.length) break;
        n = n.next.get(text.charCodeAt(j));
        j++;
      }
      if (!best || !best.entry) {
        i++;
        continue;
      }
      const e = best.entry;
      const surface = text.slice(i, bestEnd);
      const h = hits.get(e.name);
      if (h) {
        h.count++;
        if (!h.matched.includes(surface)) h.matched.push(surface);
      } else {
        const hit: GazetteerHit = { name: e.name, kind: e.kind, path: this.pathOf(e), matched: [surface], count: 1 };
        if (e.level) hit.level = e.level;
        if (e.id) hit.id = e.id;
        hits.set(e.name, hit);
      }
      i = bestEnd;
    }
    const places: GazetteerHit[] = [];
    const units: GazetteerHit[] = [];
    for (const h of hits.values()) (h.kind === 'place' ? places : units).push(h);
    return { places, units };
  }
}
