/** Tokens of the plan language. Columns are 1-based character (code point) positions. */

export type TokenKind = 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'near' | 'field' | 'word' | 'phrase' | 'list' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  column: number;
  /** NEAR distance. */
  n?: number;
}

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; message: string; column: number };

const FIELDS = new Set(['title', 'text', 'source', 'author']);
const STOP = new Set([' ', '\t', '\n', '\r', '(', ')', '"', '\u3000']);

export function lex(src: string): LexResult {
  const chars = Array.from(src);
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    const column = i + 1;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u3000') {
      i++;
      continue;
    }
    if (c === '(' || c === '（') {
      tokens.push({ kind: 'lparen', text: c, column });
      i++;
      continue;
    }
    if (c === ')' || c === '）') {
      tokens.push({ kind: 'rparen', text: c, column });
      i++;
      continue;
    }
    if (c === '"' || c === '“' || c === '”') {
      let j = i + 1;
      let value = '';
      while (j < chars.length && chars[j] !== '"' && chars[j] !== '”' && chars[j] !== '“') value += chars[j++];
      if (j >= chars.length) return { ok: false, message: '引号没有闭合 / unterminated quoted phrase', column };
      if (!value.trim()) return { ok: false, message: '引号里没有内容 / empty quoted phrase', column };
      tokens.push({ kind: 'phrase', text: value, column });
      i = j + 1;
      continue;
    }
    let j = i;
    let word = '';
    while (j < chars.length && !STOP.has(chars[j]!) && chars[j] !== '（' && chars[j] !== '）' && chars[j] !== '“' && chars[j] !== '”') {
      word += chars[j];
      j++;
      if (chars[j - 1] === ':' && FIELDS.has(word.slice(0, -1).toLowerCase())) break;
    }
    i = j;
    const upper = word.toUpperCase();
    if (word.endsWith(':') && FIELDS.has(word.slice(0, -1).toLowerCase())) {
      tokens.push({ kind: 'field', text: word.slice(0, -1).toLowerCase(), column });
    } else if (upper === 'AND' || word === '&&') tokens.push({ kind: 'and', text: word, column });
    else if (upper === 'OR' || word === '||' || word === '|') tokens.push({ kind: 'or', text: word, column });
    else if (upper === 'NOT') tokens.push({ kind: 'not', text: word, column });
    else if (upper === 'NEAR' || upper.startsWith('NEAR/')) {
      const m = /^NEAR(?:\/(\d{1,4}))?$/.exec(upper);
      if (!m) return { ok: false, message: 'NEAR 的写法应为 NEAR/数字，如 NEAR/5 / write NEAR/n with a number, e.g. NEAR/5', column };
      tokens.push({ kind: 'near', text: word, column, n: m[1] ? Number(m[1]) : 10 });
    } else if (word.startsWith('@')) {
      if (word.length === 1) return { ok: false, message: '@ 后面要写词表名，如 @places / write a word-list name after @, e.g. @places', column };
      tokens.push({ kind: 'list', text: word.slice(1), column });
    } else if (/^[A-Za-z]+:$/.test(word)) {
      return { ok: false, message: `未知字段 ${word}，可用 title: text: source: author: / unknown field ${word}; use title:, text:, source: or author:`, column };
    } else tokens.push({ kind: 'word', text: word, column });
  }
  tokens.push({ kind: 'end', text: '', column: chars.length + 1 });
  return { ok: true, tokens };
}
