/** HTML character-reference decoding (named subset common in Chinese web text + all numeric references). */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', zwsp: '\u200b', zwnj: '\u200c', zwj: '\u200d', shy: '\u00ad', hellip: '…', mdash: '—',
  ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', middot: '·', bull: '•',
  times: '×', divide: '÷', copy: '©', reg: '®', trade: '™', yen: '¥', cent: '¢', pound: '£', euro: '€',
  laquo: '«', raquo: '»', deg: '°', plusmn: '±', sect: '§', para: '¶', permil: '‰', prime: '′', Prime: '″',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', iexcl: '¡', iquest: '¿', micro: 'µ', frac12: '½',
  frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', le: '≤', ge: '≥', ne: '≠', infin: '∞',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', pi: 'π', mu: 'μ', sigma: 'σ', omega: 'ω', star: '☆',
  hearts: '♥', check: '✓', tilde: '˜', circ: 'ˆ', ordm: 'º', ordf: 'ª', macr: '¯', acute: '´', uml: '¨',
  cedil: '¸', not: '¬', brvbar: '¦', curren: '¤', lowast: '∗', minus: '−', sdot: '⋅', lang: '⟨', rang: '⟩',
};

const ENTITY_RE = /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

function fromCodePoint(cp: number): string {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(cp);
}

/** Decode character references once. Unknown names are left untouched. Never throws. */
export function decodeEntitiesOnce(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY_RE, (m: string, body: string) => {
    if (body.charCodeAt(0) === 35) {
      const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
      return fromCodePoint(hex ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
    }
    const v = NAMED[body] ?? NAMED[body.toLowerCase()];
    return v ?? m;
  });
}
