// Splits untrusted text into plain and matching segments for search highlighting. Pure; no HTML is produced.

export interface HighlightSegment {
  text: string;
  match: boolean;
}

const MAX_TERMS = 64;
const MAX_TERM_LENGTH = 200;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Trims, drops empty and duplicate terms, and orders longest first so the longest term wins at a position. */
export function normalizeTerms(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.trim().slice(0, MAX_TERM_LENGTH);
    const key = term.toLowerCase();
    if (term === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
    if (out.length >= MAX_TERMS) break;
  }
  return out.sort((a, b) => b.length - a.length);
}

/**
 * Splits `text` at every case-insensitive occurrence of any term. Concatenating the segments' text gives back
 * `text` exactly; matching segments have `match: true`.
 */
export function splitHighlight(text: string, terms: readonly string[]): HighlightSegment[] {
  const list = normalizeTerms(terms);
  if (text === '') return [];
  if (list.length === 0) return [{ text, match: false }];
  const re = new RegExp(list.map(escapeRegExp).join('|'), 'giu');
  const out: HighlightSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    if (m[0] === '') continue;
    if (start > last) out.push({ text: text.slice(last, start), match: false });
    out.push({ text: m[0], match: true });
    last = start + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out;
}
