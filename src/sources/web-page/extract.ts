/** Pure extraction from list and detail pages of the `web-page` connector. */
import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { Engagement } from '../connector.ts';
import type { DateContext } from '../dates.ts';
import { authorOf, blockTextOf, countOf, dateOf, documentBase, linkIn, linkTitle, textOf } from '../html/fields.ts';
import { extractMainText } from '../html/readability.ts';
import { oneLine, nodesToText } from '../html/html-text.ts';
import { pageDate } from '../html/page-date.ts';
import type { FieldSelectors, WebPageConfig } from './web-page.schema.ts';

export interface ListEntry {
  link: string | undefined;
  title: string | undefined;
  text: string | undefined;
  published_at: string | null;
  author: string | undefined;
  engagement: Engagement | undefined;
  /** The list item's own HTML (evidence for items without a detail page). */
  html: string;
}

export interface ListPage {
  entries: ListEntry[];
  next: string | undefined;
}

function engagementOf(scope: (s: string) => Cheerio<AnyNode>, sel: FieldSelectors): Engagement | undefined {
  const e: Engagement = {};
  if (sel.views) e.views = countOf(scope(sel.views));
  if (sel.replies) e.replies = countOf(scope(sel.replies));
  if (sel.likes) e.likes = countOf(scope(sel.likes));
  for (const k of Object.keys(e) as Array<keyof Engagement>) if (e[k] === undefined) delete e[k];
  return Object.keys(e).length > 0 ? e : undefined;
}

/** Reads the entries and the next-page link of one list page. */
export function extractListPage(
  html: string,
  pageUrl: string,
  list: WebPageConfig['list'],
  dates: DateContext,
  charset?: string,
): ListPage {
  const $ = cheerio.load(html);
  const base = documentBase($, pageUrl);
  const entries: ListEntry[] = [];
  $(list.item).each((_, el) => {
    const item = $(el);
    const find = (s: string): Cheerio<AnyNode> => item.find(s);
    const link = linkIn($, item, list.link, base, charset);
    const title = (list.title ? textOf(find(list.title)) : undefined) ?? (link ? linkTitle(link) : undefined);
    entries.push({
      link: link?.url,
      title: title || undefined,
      text: list.text ? blockTextOf(find(list.text)) : undefined,
      published_at: list.published_at ? dateOf(find(list.published_at), dates) : null,
      author: list.author ? authorOf(find(list.author)) : undefined,
      engagement: engagementOf(find, list),
      html: $.html(el),
    });
  });
  const next = list.next ? linkIn($, $.root(), list.next, base, charset)?.url : undefined;
  return { entries, next };
}

export interface DetailFields {
  /** From the title selector. */
  title: string | undefined;
  /** The page's <h1> or <title>, for when there is no title selector nor a list title. */
  pageTitle: string | undefined;
  text: string;
  html: string | undefined;
  published_at: string | null;
  /** A date found by heuristics (meta tags, date-like elements), for when no selector gave one. */
  guessedDate: string | null;
  author: string | undefined;
  engagement: Engagement | undefined;
}

function pageTitle($: CheerioAPI): string | undefined {
  return textOf($('h1')) ?? (oneLine($('title').first().text()) || undefined);
}

/** Reads a detail page with the configured selectors; main text extracted when no text selector is set. */
export function extractDetailPage(html: string, sel: FieldSelectors, dates: DateContext): DetailFields {
  const $ = cheerio.load(html);
  const q = (s: string): Cheerio<AnyNode> => $(s);
  const title = sel.title ? textOf(q(sel.title)) : undefined;
  const published_at = sel.published_at ? dateOf(q(sel.published_at), dates) : null;
  const author = sel.author ? authorOf(q(sel.author)) : undefined;
  const engagement = engagementOf(q, sel);
  let text = '';
  let textHtml: string | undefined;
  const nodes = sel.text ? q(sel.text).toArray() : [];
  if (nodes.length > 0) {
    text = nodesToText(nodes);
    textHtml = nodes.map((n) => $.html(n)).join('\n');
  } else {
    // no text selector, or one that matches nothing on this page: find the main text
    text = extractMainText(cheerio.load(html));
  }
  const guessedDate = published_at ? null : pageDate($, dates);
  return { title, pageTitle: pageTitle($), text, html: textHtml, published_at, guessedDate, author, engagement };
}
