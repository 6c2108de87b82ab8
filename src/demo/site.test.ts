import * as cheerio from 'cheerio';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcceleratedClock } from './clock.ts';
import { formatChinaTime } from './post-fields.ts';
import { startDemoSite, type DemoSite } from './site.ts';
import { demoSources } from './sources.ts';
import type { DemoPost } from './types.ts';

const NOW = new Date('2026-11-25T10:00:00+08:00');
let site: DemoSite;
let real = 1_000_000;

const norm = (s: string) => s.replace(/\s+/g, '');
async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: Buffer; headers: Headers }> {
  const r = await fetch(site.url + path, { headers });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: Buffer.from(await r.arrayBuffer()), headers: r.headers };
}
const visible = (pred: (p: DemoPost) => boolean) => site.posts.filter((p) => p.publishedAt <= site.clock.now() && pred(p));

beforeAll(async () => {
  // Real time is injected: 1 real second = 10 demo minutes; the test moves it by hand (no waiting).
  const clock = createAcceleratedClock({ start: NOW, speed: 600, realNow: () => real });
  site = await startDemoSite({ seed: 5, clock });
});
afterAll(async () => {
  await site.close();
});

describe('demo site over HTTP', () => {
  it('serves robots.txt allowing everything and a home page', async () => {
    const r = await get('/robots.txt');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toMatch(/User-agent: \*\nAllow: \//);
    expect((await get('/')).body.toString()).toContain('临澜县民生网');
  });

  it('serves the message board list pages, paginated with a.next, newest first', async () => {
    const r1 = await get('/forum/mailbox/list?page=1');
    expect(r1.type).toBe('text/html; charset=utf-8');
    const $ = cheerio.load(r1.body.toString());
    const items = $('ul.msg-list li');
    expect(items.length).toBe(20);
    const expected = visible((p) => p.section === 'mailbox').reverse();
    expect(items.first().find('a').text()).toBe(expected[0]?.title);
    expect(items.first().find('span.time').text()).toBe(formatChinaTime(expected[0]?.publishedAt as Date));
    const next = $('a.next').attr('href');
    expect(next).toBe('list?page=2');
    const $2 = cheerio.load((await get(`/forum/mailbox/${next}`)).body.toString());
    expect($2('ul.msg-list li').first().find('a').text()).toBe(expected[20]?.title);
    const last = Math.ceil(expected.length / 20);
    const $last = cheerio.load((await get(`/forum/mailbox/list?page=${last}`)).body.toString());
    expect($last('a.next').length).toBe(0);
    expect($last('ul.msg-list li').length).toBe(expected.length - 20 * (last - 1));
  });

  it('serves detail pages with h1.title, div.content, span.time, span.user', async () => {
    const p = visible((q) => q.kind === 'letter')[0] as DemoPost;
    const $ = cheerio.load((await get(p.url)).body.toString());
    expect($('h1.title').text()).toBe(p.title);
    expect(norm($('div.content').text())).toBe(norm(p.text));
    expect($('span.time').text()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect($('span.time').text()).toBe(formatChinaTime(p.publishedAt));
    expect($('span.user').text()).toBe(p.author);
  });

  it('serves the residents forum in GBK that decodes back to the same Chinese (emoji as character references)', async () => {
    const list = await get('/forum/bbs/list?page=1');
    expect(list.type).toBe('text/html; charset=gbk');
    expect(list.body.toString('utf8')).not.toContain('临澜'); // not UTF-8 on the wire
    const html = iconv.decode(list.body, 'gbk');
    expect(html).toContain('<meta charset="gbk">');
    const $ = cheerio.load(html);
    const expected = visible((p) => p.section === 'bbs').reverse();
    expect($('ul.msg-list li a').first().text()).toBe(expected[0]?.title);
    // Every visible GBK thread with non-GBK characters, Traditional text or plain text comes back exactly.
    const sample = [expected.find((p) => /\p{Extended_Pictographic}/u.test(p.text)), expected.find((p) => p.traditional), expected[1]].filter((p): p is DemoPost => !!p);
    expect(sample.length).toBe(3);
    for (const p of sample) {
      const d = await get(p.url);
      expect(d.type).toBe('text/html; charset=gbk');
      const $d = cheerio.load(iconv.decode(d.body, 'gbk'));
      expect($d('h1.title').text()).toBe(p.title);
      expect(norm($d('div.content').text())).toBe(norm(p.text));
      expect($d('span.user').text()).toBe(p.author);
    }
  });

  it('publishes an RSS 2.0 feed of the news site, and answers 304 to a known ETag', async () => {
    const r = await get('/rss.xml');
    expect(r.type).toContain('application/rss+xml');
    const $ = cheerio.load(r.body.toString(), { xml: true });
    expect($('rss').attr('version')).toBe('2.0');
    const items = $('item');
    const expected = visible((p) => p.sourceKind === 'rss').reverse();
    expect(items.length).toBe(Math.min(50, expected.length));
    expect(items.first().find('title').text()).toBe(expected[0]?.title);
    expect(items.first().find('link').text()).toBe(site.url + expected[0]?.url);
    expect(items.first().find('pubDate').text()).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0800$/);
    const etag = r.headers.get('etag') as string;
    expect((await get('/rss.xml', { 'If-None-Match': etag })).status).toBe(304);
    const article = await get(expected[0]?.url as string);
    expect(cheerio.load(article.body.toString())('h1.title').text()).toBe(expected[0]?.title);
  });

  it('serves the JSON API with paging and has_more', async () => {
    const expected = visible((p) => p.sourceKind === 'json').reverse();
    const r = await get('/api/posts?page=2&page_size=10');
    expect(r.type).toContain('application/json');
    const body = JSON.parse(r.body.toString()) as { data: Array<Record<string, unknown>>; page: number; has_more: boolean; total: number };
    expect(body.page).toBe(2);
    expect(body.total).toBe(expected.length);
    expect(body.has_more).toBe(true);
    expect(body.data.map((d) => d['id'])).toEqual(expected.slice(10, 20).map((p) => p.id));
    const first = body.data[0] as { text: string; user: { name: string }; created_at: string; url: string };
    expect(first.text).toBe(expected[10]?.text);
    expect(first.user.name).toBe(expected[10]?.author);
    expect(new Date(first.created_at).getTime()).toBe(Math.floor((expected[10]?.publishedAt.getTime() ?? 0) / 1000) * 1000);
    const lastPage = Math.ceil(expected.length / 10);
    expect((JSON.parse((await get(`/api/posts?page=${lastPage}&page_size=10`)).body.toString()) as { has_more: boolean }).has_more).toBe(false);
  });

  it('exports 12345 tickets as .xlsx and .csv with the hotline columns', async () => {
    const expected = visible((p) => p.sourceKind === 'hotline' && NOW.getTime() - p.publishedAt.getTime() <= 7 * 86_400_000).reverse();
    const x = await get('/hotline/export.xlsx');
    expect(x.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['工单编号', '来电时间', '诉求类型', '诉求分类', '标题', '诉求内容', '所属区域', '承办单位', '办理状态', '来电人']);
    expect(ws.rowCount - 1).toBe(expected.length);
    const row2 = ws.getRow(2);
    const e0 = expected[0] as DemoPost;
    expect(row2.getCell(1).value).toBe(e0.hotline?.ticketNo);
    expect(row2.getCell(6).value).toBe(e0.text);
    const when = row2.getCell(2).value as Date;
    expect(formatChinaTime(new Date(when.getTime() - 8 * 3600_000), true)).toBe(formatChinaTime(e0.publishedAt, true));
    const c = await get('/hotline/export.csv');
    expect([...c.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = c.body.toString('utf8').slice(1);
    expect(csv.split('\r\n')[0]).toBe(header.join(','));
    expect(csv).toContain(e0.hotline?.ticketNo as string);
  });

  it('shows only what is published: the accelerated clock reveals later posts', async () => {
    const future = site.posts.find((p) => p.sourceKind === 'forum' && p.section === 'mailbox' && p.publishedAt.getTime() > NOW.getTime() + 3600_000) as DemoPost;
    expect((await get(future.url)).status).toBe(404);
    const before = (JSON.parse((await get('/api/posts?page=1')).body.toString()) as { total: number }).total;
    real += Math.ceil((future.publishedAt.getTime() - site.clock.now().getTime()) / 600) + 1000; // that much real time at ×600
    expect(site.clock.now().getTime()).toBeGreaterThan(future.publishedAt.getTime());
    const after = (JSON.parse((await get('/api/posts?page=1')).body.toString()) as { total: number }).total;
    expect(after).toBeGreaterThan(before);
    const page = await get(future.url);
    expect(page.status).toBe(200);
    expect(cheerio.load(page.body.toString())('h1.title').text()).toBe(future.title);
  });

  it('answers unknown paths and other methods plainly', async () => {
    expect((await get('/forum/bbs/thread-p999999999.html')).status).toBe(404);
    expect((await get('/nope')).status).toBe(404);
    const r = await fetch(`${site.url}/rss.xml`, { method: 'POST' });
    expect(r.status).toBe(405);
  });

  it('gives connector settings for every endpoint, all pointing at the site and internal', async () => {
    const sources = demoSources(site.url);
    expect(sources.map((s) => s.kind).sort()).toEqual(['json-api', 'rss', 'web-page', 'web-page']);
    expect(demoSources(site.url, { hotlineFile: '/tmp/x.xlsx' }).map((s) => s.kind)).toContain('spreadsheet');
    for (const s of sources) {
      expect(s.config['internal']).toBe(true);
      const url = String(s.config['url']).replace('{page}', '1').replace('{page_size}', '5');
      expect((await get(url.slice(site.url.length))).status).toBe(200);
    }
  });
});
