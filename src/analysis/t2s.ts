/**
 * Traditional → Simplified Chinese for analysis, via opencc-js.
 *
 * opencc-js's `from: 'tw'|'twp'|'hk'` presets each handle one region's variants, and applied to text that is
 * already Simplified they rewrite some legitimate Simplified characters (e.g. 么→幺, 才→纔, 著→着 would turn 著名
 * into 着名). We therefore chain the Taiwan (with phrases, 軟體→软件) and Hong Kong variant tables with the
 * Traditional→Simplified tables, but keep only entries whose key contains a genuinely Traditional character (one the
 * Traditional→Simplified table converts and that is not itself a Simplified output). The converter is built once, lazily. A per-character flag table lets us skip
 * conversion entirely for text with no convertible character (the common case).
 */
import { ConverterFactory, Locale } from 'opencc-js/t2cn';

type DictGroup = readonly (string | readonly (readonly [string, string])[])[];

let converter: ((s: string) => string) | null = null;
let flags: Uint8Array | null = null;

function pairsOf(d: string | readonly (readonly [string, string])[]): [string, string][] {
  if (typeof d !== 'string') return d.map(([k, v]) => [k, v]);
  const out: [string, string][] = [];
  for (const e of d.split('|')) {
    const sp = e.indexOf(' ');
    if (sp > 0) out.push([e.slice(0, sp), e.slice(sp + 1)]);
  }
  return out;
}

function build(): void {
  const toCn = Locale.to['cn'] as unknown as DictGroup[];
  const tsKeys = new Set<string>();
  const tsValues = new Set<string>();
  for (const g of toCn) {
    for (const d of g) {
      for (const [k, v] of pairsOf(d)) {
        if (k.length === 1 || [...k].length === 1) {
          tsKeys.add(k);
          tsValues.add(v.split(' ')[0] ?? v);
        }
      }
    }
  }
  const keep = (k: string): boolean => {
    const chars = [...k];
    if (chars.length === 1) return tsKeys.has(k) && !tsValues.has(k);
    return chars.some((c) => tsKeys.has(c));
  };
  const regional: [string, string][][] = [];
  for (const preset of ['twp', 'hk']) {
    for (const g of Locale.from[preset] as unknown as DictGroup[]) {
      const merged: [string, string][] = [];
      for (const d of g) for (const p of pairsOf(d)) if (keep(p[0])) merged.push(p);
      regional.push(merged);
    }
  }
  converter = ConverterFactory(regional, ...toCn);
  // Flag only genuinely Traditional characters (keys of the character table and kept regional keys): text without
  // any of them is left alone. Phrase rules whose keys hold no such character (variant spellings like 一目瞭然)
  // are skipped for such text, which is harmless for analysis.
  const f = new Uint8Array(0x110000 >> 3);
  const mark = (k: string): void => {
    const cp = k.codePointAt(0);
    if (cp !== undefined) f[cp >> 3]! |= 1 << (cp & 7);
  };
  for (const k of tsKeys) mark(k);
  for (const g of regional) for (const [k] of g) if ([...k].length === 1) mark(k);
  flags = f;
}

/** True when `s` holds at least one character that starts a conversion rule. */
function hasConvertible(s: string, f: Uint8Array): boolean {
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 0x2e80) continue;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (f[cp >> 3]! & (1 << (cp & 7))) return true;
  }
  return false;
}

/** Convert Traditional (Taiwan/Hong Kong) Chinese to Simplified. Returns the input itself when nothing changes. */
export function toSimplified(s: string): string {
  if (!converter) build();
  if (!hasConvertible(s, flags!)) return s;
  return converter!(s);
}
