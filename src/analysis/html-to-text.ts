/**
 * HTML → plain text with a small linear scanner (never builds a DOM, never executes anything).
 * Block-level tags and <br> become line breaks so paragraphs survive; script/style/head content is dropped;
 * entities are decoded once (the analysis form decodes further, see normalize.ts).
 */
import { decodeEntitiesOnce } from './entities.ts';

const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre',
  'section', 'article', 'header', 'footer', 'aside', 'nav', 'dd', 'dt', 'dl', 'hr', 'figure', 'figcaption',
  'form', 'fieldset', 'address', 'main', 'tbody', 'thead', 'tfoot', 'caption', 'center',
]);
const CELL_TAGS = new Set(['td', 'th']);
const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'textarea', 'select']);

function tagNameAt(html: string, start: number): string {
  let i = start;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    const isAlnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58;
    if (!isAlnum) break;
    i++;
  }
  return html.slice(start, i).toLowerCase();
}

/** Index just past the closing '>' of a tag starting at `lt`, honouring quoted attribute values. */
function tagEnd(html: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 62) {
      return i + 1;
    }
  }
  return html.length;
}

/** Convert an HTML fragment or page to text. Paragraph breaks are kept as '\n'. */
export function htmlToText(html: string): string {
  if (typeof html !== 'string' || html.length === 0) return '';
  const parts: string[] = [];
  let i = 0;
  let skipUntil: string | null = null;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      if (!skipUntil) parts.push(html.slice(i));
      break;
    }
    if (lt > i && !skipUntil) parts.push(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const next = html.charCodeAt(lt + 1);
    const closing = next === 47; // '/'
    const nameStart = closing ? lt + 2 : lt + 1;
    const c0 = html.charCodeAt(nameStart);
    const isTagStart = (c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || (!closing && (next === 33 || next === 63));
    if (!isTagStart) {
      // A bare '<' in text (e.g. "a < b"): keep it as text.
      if (!skipUntil) parts.push('<');
      i = lt + 1;
      continue;
    }
    const end = tagEnd(html, lt);
    const name = tagNameAt(html, nameStart);
    i = end;
    if (skipUntil) {
      if (closing && name === skipUntil) skipUntil = null;
      continue;
    }
    if (!closing && SKIP_CONTENT.has(name) && html.charCodeAt(end - 2) !== 47) {
      skipUntil = name;
      continue;
    }
    if (BLOCK_TAGS.has(name)) parts.push('\n');
    else if (CELL_TAGS.has(name)) parts.push(' ');
  }
  const text = decodeEntitiesOnce(parts.join(''));
  // Tidy: trim each line, drop runs of blank lines down to one paragraph break.
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let blank = false;
  for (const raw of lines) {
    const line = raw.replace(/[ \t\f\v\u00a0]+/g, ' ').trim();
    if (line.length === 0) {
      blank = out.length > 0;
      continue;
    }
    if (blank) out.push('');
    blank = false;
    out.push(line);
  }
  return out.join('\n');
}
