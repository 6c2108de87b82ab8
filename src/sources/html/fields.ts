/** Reading fields out of HTML with CSS selectors: links, one-line texts, dates, author names, counts. */
import type { Cheerio, CheerioAPI } from 'cheerio';
import iconv from 'iconv-lite';
import type { AnyNode, Element } from 'domhandler';
import { parseDate, type DateContext } from '../dates.ts';
import { oneLine, nodesToText } from './html-text.ts';

/** Base URL of a document: its <base href> resolved against the URL it was fetched from. */
export function documentBase($: CheerioAPI, pageUrl: string): string {
  const href = $('base[href]').first().attr('href');
  if (!href) return pageUrl;
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

/**
 * Browsers percent-encode non-ASCII characters of a link's query in the page's own charset (a GBK board links
 * `?kw=积水` as `?kw=%BB%FD%CB%AE`); do the same so the server understands the request.
 */
export function encodeQueryInCharset(href: string, charset: string | undefined): string {
  if (!charset || charset === 'utf-8' || !/[\u0080-\uffff]/.test(href)) return href;
  const q = href.indexOf('?');
  if (q < 0) return href;
  const hash = href.indexOf('#', q);
  const query = href.slice(q + 1, hash < 0 ? undefined : hash);
  const encoded = query.replace(/[\u0080-\uffff]+/g, (run) =>
    [...iconv.encode(run, charset)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return `${href.slice(0, q + 1)}${encoded}${hash < 0 ? '' : href.slice(hash)}`;
}

function usableHref(href: string | undefined, base: string, charset?: string): string | undefined {
  const h = href?.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(h)) return undefined;
  try {
    const u = new URL(encodeQueryInCharset(h, charset), base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    u.hash = '';
    return u.href;
  } catch {
    return undefined;
  }
}

/** The <a> a selection designates: itself, its first descendant <a href>, or its closest ancestor <a>. */
export function anchorOf($: CheerioAPI, sel: Cheerio<AnyNode>): Cheerio<Element> | null {
  const first = sel.first() as Cheerio<Element>;
  if (first.length === 0) return null;
  if (first.is('a[href]')) return first;
  const inner = first.find('a[href]').first();
  if (inner.length > 0) return inner;
  const outer = first.closest('a[href]');
  return outer.length > 0 ? (outer as Cheerio<Element>) : null;
}

/** The absolute URL of the link designated by `selector` within `scope` (or the scope itself when no selector). */
export function linkIn(
  $: CheerioAPI,
  scope: Cheerio<AnyNode>,
  selector: string | undefined,
  base: string,
  charset?: string,
): { url: string; text: string; title: string | undefined } | null {
  let sel: Cheerio<AnyNode> = selector ? scope.find(selector) : scope;
  if (selector && sel.length === 0 && scope.is(selector)) sel = scope;
  const a = anchorOf($, sel);
  if (!a) return null;
  const url = usableHref(a.attr('href'), base, charset);
  if (!url) return null;
  return { url, text: oneLine(nodesToText(a.toArray())), title: a.attr('title')?.trim() || undefined };
}

/** Title of a link: its text, or its title attribute when the text is visibly cut short (…/...). */
export function linkTitle(link: { text: string; title: string | undefined }): string {
  if (link.title && (!link.text || /(\.\.\.|…+|\.\.)$/.test(link.text) || link.title.startsWith(link.text)))
    return oneLine(link.title);
  return link.text;
}

export function selectIn(scope: Cheerio<AnyNode> | CheerioAPI, selector: string): Cheerio<AnyNode> {
  return typeof scope === 'function' ? scope(selector) : scope.find(selector);
}

/** Single-line text of the first element matching the selector, or undefined. */
export function textOf(sel: Cheerio<AnyNode>): string | undefined {
  if (sel.length === 0) return undefined;
  const t = oneLine(nodesToText(sel.first().toArray()));
  return t || undefined;
}

/** Multi-line plain text of every element matching, in document order. */
export function blockTextOf(sel: Cheerio<AnyNode>): string | undefined {
  if (sel.length === 0) return undefined;
  const t = nodesToText(sel.toArray());
  return t || undefined;
}

/** A date from the first matching element: its datetime/content/title attribute or its text. */
export function dateOf(sel: Cheerio<AnyNode>, ctx: DateContext): string | null {
  const el = sel.first();
  if (el.length === 0) return null;
  for (const a of ['datetime', 'content', 'data-time', 'title']) {
    const v = el.attr(a);
    const d = v ? parseDate(v, ctx) : null;
    if (d) return d;
  }
  return parseDate(nodesToText(el.toArray()), ctx);
}

const AUTHOR_LABEL =
  /^(?:作者|留言人|留言者|发布人|发布者|发帖人|发帖者|楼主|提问人|提问者|来信人|投诉人|反映人|网友|用户|昵称|署名|姓名|author|by)\s*[:：]\s*/i;

/** An author name as shown, without a leading label such as `留言人：` nor the fields that follow it in the same cell. */
export function authorOf(sel: Cheerio<AnyNode>): string | undefined {
  const t = textOf(sel);
  if (!t) return undefined;
  // a cell like `网友：王小二 发表于：2019/4/25 9:32 点击：56` holds more than the name: keep what precedes the next label
  const cleaned = t
    .replace(AUTHOR_LABEL, '')
    .split(/\s+[^\s:：]{1,8}[:：]|\s*[|｜]\s*|\s+(?=\d{4}[-/.年]\d{1,2})/)[0]
    ?.trim();
  return cleaned || undefined;
}

/** A count (views, replies…) from text such as `浏览：1,234次` or `1.2万`. */
export function countOf(sel: Cheerio<AnyNode>): number | undefined {
  const t = textOf(sel)?.normalize('NFKC');
  const m = t ? /(\d[\d,]*(?:\.\d+)?)\s*(万|w|k|千)?/i.exec(t) : null;
  if (!m?.[1]) return undefined;
  const n = Number(m[1].replace(/,/g, ''));
  const mult = m[2] === '万' || m[2]?.toLowerCase() === 'w' ? 10_000 : m[2] ? 1000 : 1;
  return Number.isFinite(n) ? Math.round(n * mult) : undefined;
}
