/**
 * `rss`: RSS 0.9x/2.0, Atom 1.0 and RDF feeds. Conditional GET (ETag / Last-Modified); entries already seen are
 * skipped; an entry without a readable date takes the date of its page (fetched, a few per poll), else fetch time.
 */
import * as cheerio from 'cheerio';
import { z } from 'zod';
import {
  commonConfigShape,
  evidence,
  boundedSeen,
  fetchPolicy,
  type Connector,
  type PollContext,
  type RawItem,
} from '../connector.ts';
import { parseDate } from '../dates.ts';
import { decodeBody } from '../fetch/charset.ts';
import { formatInZone } from '../../time/zone.ts';
import { htmlToText, oneLine } from '../html/html-text.ts';
import { pageDate } from '../html/page-date.ts';
import { parseFeed, type FeedEntry } from './feed-parser.ts';

export const rssConfigSchema = z
  .object({
    ...commonConfigShape,
    url: z.url({ protocol: /^https?$/ }).describe('Feed 地址 (RSS/Atom/RDF)'),
    date_from_page: z.boolean().default(true).describe('条目缺少日期时抓取其页面取日期'),
    max_page_fetches: z.number().int().min(0).max(50).default(10).describe('每次最多为取日期抓取的页面数'),
    max_items: z.number().int().min(1).max(5000).default(1000),
  })
  .strict();

export type RssConfig = z.infer<typeof rssConfigSchema>;

export interface RssCursor {
  etag?: string;
  last_modified?: string;
  /** Ids of entries already returned (bounded, newest last). */
  seen: string[];
}

const SEEN_MAX = 2000;
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

async function dateFromPage(ctx: PollContext<RssConfig>, link: string): Promise<string | null> {
  try {
    const res = await ctx.fetcher.fetch(link, {
      ...fetchPolicy(ctx.config, ctx.signal),
      retries: 0,
      timeoutMs: 10_000,
    });
    const $ = cheerio.load(decodeBody(res.body, res.contentType).text);
    return pageDate($, { now: ctx.now, timeZone: ctx.timeZone });
  } catch (e) {
    ctx.logger.debug({ link, err: (e as Error).message }, 'rss: page date not available');
    return null;
  }
}

async function toItem(
  ctx: PollContext<RssConfig>,
  e: FeedEntry,
  fetchedAt: Date,
  pageBudget: { left: number },
): Promise<RawItem> {
  const dates = { now: ctx.now, timeZone: ctx.timeZone };
  let published = e.dateText ? parseDate(e.dateText, dates) : null;
  if (!published && e.link && ctx.config.date_from_page && pageBudget.left > 0) {
    pageBudget.left -= 1;
    published = await dateFromPage(ctx, e.link);
  }
  const item: RawItem = {
    url: e.link ?? (e.id ? `urn:tingfeng:feed:${ctx.config.url}#${e.id}` : ctx.config.url),
    title: oneLine(htmlToText(e.title)),
    text: htmlToText(e.html),
    published_at: published ?? formatInZone(fetchedAt.getTime(), ctx.timeZone),
  };
  if (e.html) item.html = e.html;
  if (e.author) item.author = oneLine(htmlToText(e.author));
  item.raw = e.rawXml
    ? evidence(e.rawXml, fetchedAt, 'application/xml')
    : evidence(
        JSON.stringify({ id: e.id, link: e.link, title: e.title, date: e.dateText, author: e.author, html: e.html }),
        fetchedAt,
        'application/json',
      );
  return item;
}

export const rssConnector: Connector<RssConfig, RssCursor> = {
  kind: 'rss',
  title: 'RSS/Atom 订阅',
  description: 'RSS 0.9x/2.0、Atom 1.0、RDF 订阅源，支持条件请求',
  configSchema: rssConfigSchema,
  async poll(ctx, cursor) {
    const res = await ctx.fetcher.fetch(ctx.config.url, {
      ...fetchPolicy(ctx.config, ctx.signal),
      accept: FEED_ACCEPT,
      ...(cursor?.etag ? { etag: cursor.etag } : {}),
      ...(cursor?.last_modified ? { lastModified: cursor.last_modified } : {}),
    });
    const seen = cursor?.seen ?? [];
    if (res.notModified) return { items: [], nextCursor: { ...cursor, seen } };
    const feed = parseFeed(decodeBody(res.body, res.contentType).text, res.url);
    const seenSet = new Set(seen);
    const fresh = feed.entries.filter((e) => !seenSet.has(e.id || e.link || e.title)).slice(0, ctx.config.max_items);
    const budget = { left: ctx.config.max_page_fetches };
    const items: RawItem[] = [];
    for (const e of fresh) items.push(await toItem(ctx, e, res.fetchedAt, budget));
    const nextCursor: RssCursor = {
      seen: boundedSeen(seen, fresh.map((e) => e.id || e.link || e.title).reverse(), SEEN_MAX),
    };
    if (res.etag) nextCursor.etag = res.etag;
    if (res.lastModified) nextCursor.last_modified = res.lastModified;
    return { items, nextCursor };
  },
};
