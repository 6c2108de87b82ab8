/**
 * `json-api`: an API answering JSON. A URL template with `{page}`, `{page_size}` and `{cursor}`; the items array
 * found at `items_path`; each field read at a dot path. Paging stops at an empty page, a known item, a missing next
 * cursor or `max_pages`.
 */
import { z } from 'zod';
import { canonicalUrl, contentHash } from '../canonical-url.ts';
import {
  boundedSeen,
  commonConfigShape,
  evidence,
  fetchPolicy,
  type Connector,
  type Engagement,
  type PollContext,
  type RawItem,
} from '../connector.ts';
import { parseDate } from '../dates.ts';
import { decodeBody } from '../fetch/charset.ts';
import { SourceError } from '../errors.ts';
import { htmlToText, oneLine } from '../html/html-text.ts';
import { fillTemplate, getNumber, getPath, getString } from '../json-path.ts';
import { formatInZone } from '../../time/zone.ts';

const path = z.string().max(200);

export const jsonApiConfigSchema = z
  .object({
    ...commonConfigShape,
    url: z.string().min(1).max(2000).describe('URL 模板，可含 {page} {page_size} {cursor}'),
    headers: z.record(z.string(), z.string().max(2000)).optional().describe('附加请求头'),
    start_page: z.number().int().min(0).default(1),
    page_size: z.number().int().min(1).max(1000).default(20),
    max_pages: z.number().int().min(1).max(500).default(5),
    max_items: z.number().int().min(1).max(10_000).default(5000),
    items_path: path.default('').describe('条目数组所在路径，如 data.list'),
    next_cursor_path: path.optional().describe('下一页游标所在路径，如 data.next'),
    fields: z
      .object({
        id: path.optional(),
        url: path.optional(),
        url_template: z.string().max(2000).optional().describe('如 https://example.gov.cn/msg/{id}'),
        title: path.optional(),
        text: path,
        published_at: path.optional(),
        author: path.optional(),
        likes: path.optional(),
        replies: path.optional(),
        reposts: path.optional(),
        views: path.optional(),
      })
      .strict(),
  })
  .strict();

export type JsonApiConfig = z.infer<typeof jsonApiConfigSchema>;

export interface JsonApiCursor {
  seen: string[];
}

/** Maps one JSON object to a RawItem with the configured field paths. */
export function mapJsonItem(
  obj: unknown,
  cfg: Pick<JsonApiConfig, 'fields' | 'url'>,
  ctx: { now: Date; timeZone: string },
  fetchedAt: Date,
): RawItem {
  const f = cfg.fields;
  const rawText = getString(obj, f.text) ?? '';
  const title = oneLine(htmlToText(getString(obj, f.title) ?? ''));
  const text = htmlToText(rawText);
  const link = getString(obj, f.url) ?? (f.url_template ? fillTemplate(f.url_template, obj) : undefined);
  const id = getString(obj, f.id);
  let url: string;
  try {
    url = link
      ? new URL(link, /^https?:/.test(cfg.url) ? cfg.url : undefined).href
      : `urn:tingfeng:json:${id ?? contentHash(text, title)}`;
  } catch {
    url = `urn:tingfeng:json:${id ?? contentHash(text, title)}`;
  }
  const dateValue = f.published_at ? getPath(obj, f.published_at) : undefined;
  const published = typeof dateValue === 'string' || typeof dateValue === 'number' ? parseDate(dateValue, ctx) : null;
  const item: RawItem = {
    url,
    title,
    text,
    published_at: published ?? formatInZone(fetchedAt.getTime(), ctx.timeZone),
  };
  if (/<[a-z][\s\S]*>/i.test(rawText)) item.html = rawText;
  const author = getString(obj, f.author);
  if (author?.trim()) item.author = oneLine(author);
  const engagement: Engagement = {};
  for (const k of ['likes', 'replies', 'reposts', 'views'] as const) {
    const n = getNumber(obj, f[k]);
    if (n !== undefined) engagement[k] = n;
  }
  if (Object.keys(engagement).length > 0) item.engagement = engagement;
  return item;
}

async function fetchPage(
  ctx: PollContext<JsonApiConfig>,
  url: string,
): Promise<{ json: unknown; body: Buffer; contentType: string | undefined; fetchedAt: Date }> {
  const res = await ctx.fetcher.fetch(url, {
    ...fetchPolicy(ctx.config, ctx.signal),
    accept: 'application/json, */*;q=0.5',
    ...(ctx.config.headers ? { headers: ctx.config.headers } : {}),
  });
  try {
    return {
      json: JSON.parse(decodeBody(res.body, res.contentType).text) as unknown,
      body: res.body,
      contentType: res.contentType,
      fetchedAt: res.fetchedAt,
    };
  } catch (e) {
    throw new SourceError('TF_ERR_SOURCE_PARSE', `${url}: the answer is not JSON; check the API URL`, { cause: e });
  }
}

export const jsonApiConnector: Connector<JsonApiConfig, JsonApiCursor> = {
  kind: 'json-api',
  title: 'JSON 接口',
  description: '返回 JSON 的接口：URL 模板分页，字段按点路径映射',
  configSchema: jsonApiConfigSchema,
  async poll(ctx, cursor) {
    const cfg = ctx.config;
    const seen = new Set(cursor?.seen ?? []);
    const items: RawItem[] = [];
    const newKeys: string[] = [];
    let next: string | undefined;
    for (let i = 0; i < cfg.max_pages && items.length < cfg.max_items; i++) {
      const url = fillTemplate(cfg.url, { page: cfg.start_page + i, page_size: cfg.page_size, cursor: next ?? '' });
      const page = await fetchPage(ctx, url);
      const list = getPath(page.json, cfg.items_path);
      if (!Array.isArray(list))
        throw new SourceError(
          'TF_ERR_SOURCE_PARSE',
          `${url}: no array at items_path "${cfg.items_path}"; check the field mapping`,
        );
      let known = 0;
      for (const obj of list) {
        const item = mapJsonItem(obj, cfg, ctx, page.fetchedAt);
        const key = canonicalUrl(item.url);
        if (seen.has(key)) {
          known++;
          continue;
        }
        seen.add(key);
        item.raw = evidence(JSON.stringify(obj), page.fetchedAt, 'application/json');
        items.push(item);
        newKeys.push(key);
        if (items.length >= cfg.max_items) break;
      }
      if (list.length === 0 || known > 0) break;
      if (cfg.next_cursor_path) {
        next = getString(page.json, cfg.next_cursor_path);
        if (!next) break;
      } else if (!/\{page\}/.test(cfg.url)) break;
    }
    return { items, nextCursor: { seen: boundedSeen(cursor?.seen ?? [], newKeys, 5000) } };
  },
};
