/**
 * `web-page`: a list page read with CSS selectors, followed through its "next" links and, when `detail` is set,
 * into each item's detail page. Pages are decoded with charset detection (GBK boards are common). The cursor
 * remembers the URLs already returned so re-polls skip them and stop paging once a page is mostly known.
 */
import { canonicalUrl, contentHash } from '../canonical-url.ts';
import { boundedSeen, evidence, fetchPolicy, type Connector, type PollContext, type RawItem } from '../connector.ts';
import { decodeBody } from '../fetch/charset.ts';
import type { FetchResult } from '../fetch/fetcher.ts';
import { formatInZone } from '../../time/zone.ts';
import { extractDetailPage, extractListPage, type ListEntry } from './extract.ts';
import { webPageConfigSchema, type WebPageConfig } from './web-page.schema.ts';

export interface WebPageCursor {
  /** Canonical URLs (or content keys) already returned, bounded, newest last. */
  seen: string[];
}

const SEEN_MAX = 5000;

function entryKey(e: ListEntry): string {
  return e.link ? canonicalUrl(e.link) : `urn:tingfeng:web:${contentHash(e.text ?? '', e.title ?? '')}`;
}

/** Runs `fn` over `xs` with at most `limit` at a time, keeping order. */
async function mapLimit<T, R>(xs: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(xs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await fn(xs[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, worker));
  return out;
}

function listOnlyItem(ctx: PollContext<WebPageConfig>, e: ListEntry, key: string, fetchedAt: Date): RawItem {
  const item: RawItem = {
    url: e.link ?? key,
    title: e.title ?? '',
    text: e.text ?? e.title ?? '',
    published_at: e.published_at ?? formatInZone(fetchedAt.getTime(), ctx.timeZone),
    raw: evidence(e.html, fetchedAt, 'text/html; charset=utf-8'),
  };
  if (e.author) item.author = e.author;
  if (e.engagement) item.engagement = e.engagement;
  return item;
}

async function detailItem(ctx: PollContext<WebPageConfig>, e: ListEntry & { link: string }): Promise<RawItem | null> {
  const sel = ctx.config.detail ?? {};
  try {
    const res = await ctx.fetcher.fetch(e.link, fetchPolicy(ctx.config, ctx.signal));
    if (res.contentType && !/html|xml|text\//i.test(res.contentType)) {
      ctx.logger.warn(
        { url: e.link, contentType: res.contentType },
        'web-page: detail link is not a web page; skipped',
      );
      return null;
    }
    const { text: html } = decodeBody(res.body, res.contentType);
    const d = extractDetailPage(html, sel, { now: ctx.now, timeZone: ctx.timeZone });
    const item: RawItem = {
      url: e.link,
      title: d.title ?? e.title ?? d.pageTitle ?? '',
      text: d.text || e.text || '',
      published_at:
        d.published_at ?? e.published_at ?? d.guessedDate ?? formatInZone(res.fetchedAt.getTime(), ctx.timeZone),
      raw: evidence(res.body, res.fetchedAt, res.contentType),
    };
    if (d.html) item.html = d.html;
    const author = d.author ?? e.author;
    if (author) item.author = author;
    const engagement = { ...e.engagement, ...d.engagement };
    if (Object.keys(engagement).length > 0) item.engagement = engagement;
    return item;
  } catch (err) {
    ctx.logger.warn({ url: e.link, err: (err as Error).message }, 'web-page: detail page skipped');
    return null;
  }
}

export const webPageConnector: Connector<WebPageConfig, WebPageCursor> = {
  kind: 'web-page',
  title: '网页列表',
  description: '用 CSS 选择器读取列表页（可翻页）及详情页，如问政留言板、论坛版块',
  configSchema: webPageConfigSchema,
  async poll(ctx, cursor) {
    const cfg = ctx.config;
    const seen = new Set(cursor?.seen ?? []);
    const visited = new Set<string>();
    const items: RawItem[] = [];
    const newKeys: string[] = [];
    let pageUrl: string | undefined = cfg.url;
    for (let page = 0; pageUrl && page < cfg.max_pages && items.length < cfg.max_items; page++) {
      visited.add(canonicalUrl(pageUrl));
      let res: FetchResult;
      try {
        res = await ctx.fetcher.fetch(pageUrl, fetchPolicy(cfg, ctx.signal));
      } catch (err) {
        // the first page failing fails the run; a later page failing keeps what the earlier pages gave
        if (page === 0 || ctx.signal.aborted) throw err;
        ctx.logger.warn({ page: pageUrl, err: (err as Error).message }, 'web-page: list page failed; stopping here');
        break;
      }
      const { text: html, charset } = decodeBody(res.body, res.contentType);
      const list = extractListPage(html, res.url, cfg.list, { now: ctx.now, timeZone: ctx.timeZone }, charset);
      const fresh: Array<{ e: ListEntry; key: string }> = [];
      let known = 0;
      for (const e of list.entries) {
        const key = entryKey(e);
        if (seen.has(key)) known++;
        else if (cfg.detail ? e.link : e.link || e.title || e.text) {
          seen.add(key);
          fresh.push({ e, key });
        }
      }
      const room = cfg.max_items - items.length;
      const batch = fresh.slice(0, room);
      const got = cfg.detail
        ? await mapLimit(batch, cfg.detail_concurrency, ({ e }) => detailItem(ctx, e as ListEntry & { link: string }))
        : batch.map(({ e, key }) => listOnlyItem(ctx, e, key, res.fetchedAt));
      got.forEach((item, i) => {
        if (!item) return;
        items.push(item);
        newKeys.push((batch[i] as { key: string }).key);
      });
      ctx.logger.debug(
        { page: res.url, entries: list.entries.length, fresh: fresh.length, known },
        'web-page: list page read',
      );
      if (list.entries.length === 0 || known * 2 >= list.entries.length) break;
      const next = list.next;
      pageUrl = next && !visited.has(canonicalUrl(next)) ? next : undefined;
    }
    return { items, nextCursor: { seen: boundedSeen(cursor?.seen ?? [], newKeys, SEEN_MAX) } };
  },
};
