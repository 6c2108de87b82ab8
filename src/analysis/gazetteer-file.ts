/**
 * Reading a dictionary / gazetteer file (for `tingfeng analyze --dict FILE` and the desk's dictionary editor).
 *
 * Accepted forms:
 *  - YAML or JSON object: { places: [...], units: [...], words: [...] }. A place or unit is a name string or
 *    { name, level?, parent?, aliases?, id?, children? }; children nest (county → towns → villages) and get their
 *    parent from the nesting. `words` are extra segmenter words (hot words): strings or { word, freq?, tag? }.
 *  - Plain text in jieba's user-dictionary format: one `word [freq] [tag]` per line; tag ns = place, nt = unit,
 *    anything else is just a segmenter word. Lines starting with # are comments.
 */
import { parse as parseYaml } from 'yaml';
import type { GazetteerEntry, GazetteerKind } from './gazetteer.ts';

export interface DictionaryFile {
  entries: GazetteerEntry[];
  words: { word: string; freq?: number; tag?: string }[];
}

export class DictionaryFormatError extends Error {
  readonly code = 'TF_ERR_DICT_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'DictionaryFormatError';
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

function entriesFrom(list: unknown, kind: GazetteerKind, parent: string | undefined, out: GazetteerEntry[], where: string): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new DictionaryFormatError(`${where} must be a list / ${where} 应为列表`);
  list.forEach((item, i) => {
    if (typeof item === 'string') {
      if (item.trim()) out.push({ name: item.trim(), kind, ...(parent ? { parent } : {}) });
      return;
    }
    if (!item || typeof item !== 'object') throw new DictionaryFormatError(`${where}[${i}] must be a name or an object / ${where}[${i}] 应为名称或对象`);
    const o = item as Record<string, unknown>;
    const name = str(o.name);
    if (!name) throw new DictionaryFormatError(`${where}[${i}] needs a name / ${where}[${i}] 缺少 name`);
    const e: GazetteerEntry = { name, kind };
    const lvl = str(o.level);
    if (lvl) e.level = lvl;
    const par = str(o.parent) ?? parent;
    if (par) e.parent = par;
    const id = str(o.id);
    if (id) e.id = id;
    if (Array.isArray(o.aliases)) e.aliases = o.aliases.map(str).filter((a): a is string => !!a);
    out.push(e);
    entriesFrom(o.children, kind, name, out, `${where}[${i}].children`);
  });
}

function fromPlainText(text: string): DictionaryFile {
  const out: DictionaryFile = { entries: [], words: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [word, a, b] = line.split(/\s+/);
    if (!word) continue;
    const freq = a !== undefined && /^\d+$/.test(a) ? Number(a) : undefined;
    const tag = freq === undefined ? a : b;
    if (tag === 'ns') out.entries.push({ name: word, kind: 'place' });
    else if (tag === 'nt') out.entries.push({ name: word, kind: 'unit' });
    out.words.push({ word, ...(freq !== undefined ? { freq } : {}), ...(tag ? { tag } : {}) });
  }
  return out;
}

/** Parse a dictionary file's text. Throws DictionaryFormatError (TF_ERR_DICT_FORMAT) with what to fix. */
export function parseDictionaryFile(text: string): DictionaryFile {
  const trimmed = text.replace(/^\ufeff/, '').trim();
  if (!trimmed) return { entries: [], words: [] };
  const looksStructured = /^[{[]/.test(trimmed) || /^(places|units|words)\s*:/m.test(trimmed);
  if (!looksStructured) return fromPlainText(trimmed);
  let doc: unknown;
  try {
    doc = parseYaml(trimmed);
  } catch (err) {
    throw new DictionaryFormatError(`dictionary file is not valid YAML/JSON: ${(err as Error).message} / 词典文件不是有效的 YAML/JSON`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new DictionaryFormatError('dictionary file must be an object with places, units and/or words / 词典文件应包含 places、units 或 words');
  }
  const o = doc as Record<string, unknown>;
  const out: DictionaryFile = { entries: [], words: [] };
  entriesFrom(o.places, 'place', undefined, out.entries, 'places');
  entriesFrom(o.units, 'unit', undefined, out.entries, 'units');
  if (o.words !== undefined) {
    if (!Array.isArray(o.words)) throw new DictionaryFormatError('words must be a list / words 应为列表');
    for (const w of o.words) {
      if (typeof w === 'string' && w.trim()) out.words.push({ word: w.trim() });
      else if (w && typeof w === 'object' && str((w as Record<string, unknown>).word)) {
        const r = w as Record<string, unknown>;
        const freq = typeof r.freq === 'number' ? r.freq : undefined;
        const tag = str(r.tag);
        out.words.push({ word: str(r.word)!, ...(freq !== undefined ? { freq } : {}), ...(tag ? { tag } : {}) });
      }
    }
  }
  return out;
}
