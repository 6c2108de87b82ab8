/**
 * HTML → plain text: entities decoded, tags gone, scripts and styles dropped, whitespace collapsed as a browser
 * does (source line breaks are spaces), one line per block (paragraph, <br>, list item, heading, table row), lines
 * trimmed, empty lines dropped. Text without any markup keeps its own line breaks.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'head',
  'object',
  'embed',
  'canvas',
  'select',
  'button',
  'input',
  'textarea',
]);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'nav',
  'main',
  'blockquote',
  'pre',
  'hr',
  'figure',
  'figcaption',
  'form',
  'fieldset',
  'address',
  'center',
  'caption',
  'body',
  'html',
  'details',
  'summary',
]);
const CELL = new Set(['td', 'th']);

/** Appends the text of `node`; HTML whitespace (line breaks included) collapses to one space outside <pre>. */
/** The node's type as a plain string (domhandler's ElementType enum values). */
export function nodeType(node: AnyNode): string {
  return node.type;
}

function walk(node: AnyNode, out: string[], pre = false): void {
  const type = nodeType(node);
  if (type === 'text') {
    const data = (node as unknown as { data: string }).data;
    out.push(pre ? data : data.replace(/[ \t\n\r\f]+/g, ' '));
    return;
  }
  if (type === 'cdata') {
    for (const c of (node as unknown as { children: AnyNode[] }).children) walk(c, out, pre);
    return;
  }
  if (type !== 'tag' && type !== 'root' && type !== 'script' && type !== 'style') return;
  if (type !== 'root') {
    const el = node as Element;
    const name = el.name.toLowerCase();
    if (SKIP.has(name) || type === 'script' || type === 'style') return;
    if (name === 'br' || name === 'hr') {
      out.push('\n');
      return;
    }
    const block = BLOCK.has(name);
    if (block) out.push('\n');
    for (const c of el.children) walk(c, out, pre || name === 'pre' || name === 'textarea');
    if (block) out.push('\n');
    else if (CELL.has(name)) out.push(' ');
    return;
  }
  for (const c of (node as unknown as { children: AnyNode[] }).children) walk(c, out, pre);
}

/** Cleans raw text: invisible characters removed, spaces collapsed per line, lines trimmed, blank lines dropped. */
export function tidyText(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Plain text of the given nodes (a cheerio selection's elements). */
export function nodesToText(nodes: ArrayLike<AnyNode>): string {
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n) walk(n, out);
    out.push('\n');
  }
  return tidyText(out.join(''));
}

/** Plain text of an HTML fragment or document. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidyText(html);
  const $ = cheerio.load(html);
  // text without any tag (a plain-text feed description, a JSON field): entities decoded, its own line breaks kept
  if (!/<[a-zA-Z!/?]/.test(html)) return tidyText($.root().text());
  return nodesToText($.root().toArray());
}

/** A single-line text (titles, names): all whitespace collapsed to single spaces. */
export function oneLine(text: string): string {
  return tidyText(text).replace(/\n+/g, ' ').trim();
}
