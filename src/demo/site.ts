/**
 * The demo site: a local HTTP server (node:http) publishing the demo county's posts over time, for the real
 * connectors to read — the leaders' message board (UTF-8) and the residents' forum (GBK), a news RSS feed, a
 * microblog-style JSON API and the 12345 hotline export (.xlsx, .csv). Only posts with publishedAt ≤ clock.now()
 * are shown, so an accelerated clock makes the county come alive.
 */
import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAcceleratedClock, type DemoClock } from './clock.ts';
import { generatePosts } from './generator.ts';
import { hotlineCsv, hotlineXlsx, jsonItem, rssXml, ticketStatus } from './site-feeds.ts';
import { detailBody, encodeGbk, escapeHtml, listBody, page } from './site-html.ts';
import { channelOf, SiteStore, type SiteChannel } from './site-store.ts';
import type { DemoPost, StorylineId } from './types.ts';

const HOUR = 3600_000;

export interface DemoSiteOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: number;
  /** Default: real time at speed 1. */
  clock?: DemoClock;
  /** Generated period; defaults from `demoTimeline(clock.now())`. */
  start?: Date;
  days?: number;
  postsPerDay?: number;
  storylines?: Partial<Record<StorylineId, Date | null>>;
  /** Items per list page and API page (default 20). */
  pageSize?: number;
  /**
   * Also write the hotline .xlsx export to this file (atomically, at start and every `hotlineFileSeconds`), for
   * the spreadsheet connector, which imports files from a path.
   */
  hotlineFile?: string;
  hotlineFileSeconds?: number;
}

export interface DemoSite {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  clock: DemoClock;
  /** Every generated post, published or not yet (ground truth for tests). */
  posts: readonly DemoPost[];
  close(): Promise<void>;
}

/**
 * The default timeline around `now` (the clock's time when the site starts): one day of history and a week ahead.
 * The rumour has run its course, the canteen complaint awaits its report, the flood began 90 minutes ago and peaks
 * 3–5 demo hours after `now` (just when a clock 3 hours behind at ×180 catches up with real time, a minute after
 * start), and the holiday crowds come the next day.
 */
export function demoTimeline(now: Date): { start: Date; days: number; storylines: Record<StorylineId, Date> } {
  const t = now.getTime();
  return {
    start: new Date(t - 24 * HOUR),
    days: 8,
    storylines: { rumour: new Date(t - 22 * HOUR), canteen: new Date(t - 14 * HOUR), flood: new Date(t - 1.5 * HOUR), scenic: new Date(t + 20 * HOUR) },
  };
}

const CHANNEL_TITLES: Record<SiteChannel, string> = { mailbox: '县长信箱 · 领导留言板', bbs: '临澜百姓论坛', news: '临澜新闻网', weibo: '临澜同城微博', hotline: '12345政务服务便民热线' };

function positiveInt(v: string | null, dflt: number, max: number): number {
  const n = v === null ? dflt : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : dflt;
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(buf.length), ...headers });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

function notFound(req: IncomingMessage, res: ServerResponse): void {
  send(res, req, 404, 'text/html; charset=utf-8', page({ title: '页面不存在', charset: 'utf-8', crumbs: [['/', '首页']], body: '<p>页面不存在或尚未发布。</p>' }));
}

/** Send with a validator; answers 304 when the client already has it. */
function sendCached(req: IncomingMessage, res: ServerResponse, type: string, body: string | Buffer, lastModified?: Date): void {
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
  const headers: Record<string, string> = { ETag: etag, 'Cache-Control': 'no-cache' };
  if (lastModified) headers['Last-Modified'] = lastModified.toUTCString();
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  send(res, req, 200, type, body, headers);
}

export async function startDemoSite(opts: DemoSiteOptions = {}): Promise<DemoSite> {
  const clock = opts.clock ?? createAcceleratedClock();
  const timeline = demoTimeline(clock.now());
  const posts = [
    ...generatePosts({
      seed: opts.seed ?? 1,
      start: opts.start ?? timeline.start,
      days: opts.days ?? timeline.days,
      postsPerDay: opts.postsPerDay ?? 400,
      storylines: opts.storylines ?? (opts.start ? undefined : timeline.storylines),
    }),
  ];
  const store = new SiteStore(posts);
  const size = opts.pageSize ?? 20;
  let boundBase = '';

  const baseOf = (req: IncomingMessage): string => {
    const host = req.headers.host;
    return host && /^[A-Za-z0-9.\-:[\]]{1,100}$/.test(host) ? `http://${host}` : boundBase;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, req, 405, 'text/plain; charset=utf-8', 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const u = new URL(req.url ?? '/', 'http://demo.invalid');
    const path = u.pathname;
    const now = clock.now();
    const base = baseOf(req);
    let m: RegExpExecArray | null;

    if (path === '/robots.txt') return send(res, req, 200, 'text/plain; charset=utf-8', 'User-agent: *\nAllow: /\n');
    if (path === '/') return send(res, req, 200, 'text/html; charset=utf-8', homePage(now));
    if ((m = /^\/forum\/(mailbox|bbs)\/(?:list)?$/.exec(path))) {
      const channel = m[1] as 'mailbox' | 'bbs';
      const n = positiveInt(u.searchParams.get('page'), 1, 100_000);
      const r = store.page(channel, now, n, size);
      const body = listBody({ heading: CHANNEL_TITLES[channel], items: r.items, page: n, pages: r.pages, pageHref: (k) => `list?page=${k}`, itemHref: (p) => `thread-${p.id}.html` });
      const charset = channel === 'bbs' ? 'gbk' : 'utf-8';
      const html = page({ title: `${CHANNEL_TITLES[channel]} 第${n}页`, charset, crumbs: [['/', '首页'], [`/forum/${channel}/list`, CHANNEL_TITLES[channel]]], body });
      return sendCached(req, res, `text/html; charset=${charset}`, charset === 'gbk' ? encodeGbk(html) : html);
    }
    if ((m = /^\/forum\/(mailbox|bbs)\/thread-(p\d+)\.html$/.exec(path))) {
      const channel = m[1] as 'mailbox' | 'bbs';
      const p = store.get(m[2] as string, now);
      if (!p || channelOf(p) !== channel) return notFound(req, res);
      const charset = channel === 'bbs' ? 'gbk' : 'utf-8';
      const html = page({ title: p.title, charset, crumbs: [['/', '首页'], [`/forum/${channel}/list`, CHANNEL_TITLES[channel]]], body: detailBody(p, replyNote(p)) });
      return sendCached(req, res, `text/html; charset=${charset}`, charset === 'gbk' ? encodeGbk(html) : html);
    }
    if (path === '/news/' || path === '/news') {
      const n = positiveInt(u.searchParams.get('page'), 1, 100_000);
      const r = store.page('news', now, n, size);
      const body = listBody({ heading: CHANNEL_TITLES.news, items: r.items, page: n, pages: r.pages, pageHref: (k) => `/news/?page=${k}`, itemHref: (p) => p.url });
      return sendCached(req, res, 'text/html; charset=utf-8', page({ title: CHANNEL_TITLES.news, charset: 'utf-8', crumbs: [['/', '首页']], body }));
    }
    if ((m = /^\/news\/(p\d+)\.html$/.exec(path)) || (m = /^\/weibo\/(p\d+)$/.exec(path))) {
      const p = store.get(m[1] as string, now);
      if (!p || p.url !== path) return notFound(req, res);
      const ch = channelOf(p);
      return sendCached(req, res, 'text/html; charset=utf-8', page({ title: p.title, charset: 'utf-8', crumbs: [['/', '首页'], [ch === 'news' ? '/news/' : '/api/posts', CHANNEL_TITLES[ch]]], body: detailBody(p) }));
    }
    if (path === '/rss.xml') {
      const items = store.latest('news', now, 50);
      return sendCached(req, res, 'application/rss+xml; charset=utf-8', rssXml(base, items, now), items[0]?.publishedAt);
    }
    if (path === '/api/posts') {
      const n = positiveInt(u.searchParams.get('page'), 1, 100_000);
      const ps = positiveInt(u.searchParams.get('page_size'), size, 100);
      const r = store.page('weibo', now, n, ps);
      const body = JSON.stringify({ data: r.items.map((p) => jsonItem(base, p)), page: n, page_size: ps, total: r.total, has_more: n * ps < r.total });
      return sendCached(req, res, 'application/json; charset=utf-8', body);
    }
    if ((m = /^\/api\/posts\/(p\d+)$/.exec(path))) {
      const p = store.get(m[1] as string, now);
      if (!p || channelOf(p) !== 'weibo') return send(res, req, 404, 'application/json; charset=utf-8', JSON.stringify({ error: 'not found' }));
      return sendCached(req, res, 'application/json; charset=utf-8', JSON.stringify({ data: jsonItem(base, p) }));
    }
    if (path === '/hotline/export.csv' || path === '/hotline/export.xlsx') {
      const days = positiveInt(u.searchParams.get('days'), 7, 365);
      const tickets = store.latest('hotline', now, 5000).filter((p) => now.getTime() - p.publishedAt.getTime() <= days * 24 * HOUR);
      if (path.endsWith('.csv')) return send(res, req, 200, 'text/csv; charset=utf-8', hotlineCsv(tickets, now), { 'Content-Disposition': 'attachment; filename="12345-tickets.csv"' });
      const xlsx = await hotlineXlsx(tickets, now);
      return send(res, req, 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xlsx, { 'Content-Disposition': 'attachment; filename="12345-tickets.xlsx"' });
    }
    if ((m = /^\/hotline\/ticket\/(LL\d+)$/.exec(path))) {
      const p = store.ticket(m[1] as string, now);
      if (!p) return notFound(req, res);
      const h = p.hotline;
      const extra = h ? `<table class="ticket"><tr><th>工单编号</th><td>${escapeHtml(h.ticketNo)}</td></tr><tr><th>诉求类型</th><td>${escapeHtml(h.callType)}</td></tr><tr><th>所属区域</th><td>${escapeHtml(h.area)}</td></tr><tr><th>承办单位</th><td>${escapeHtml(h.unitName)}</td></tr><tr><th>办理状态</th><td>${ticketStatus(p, now)}</td></tr></table>` : '';
      return send(res, req, 200, 'text/html; charset=utf-8', page({ title: p.title, charset: 'utf-8', crumbs: [['/', '首页']], body: detailBody(p, extra) }));
    }
    return notFound(req, res);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  let timer: NodeJS.Timeout | undefined;
  if (opts.hotlineFile) {
    const file = opts.hotlineFile;
    const write = async () => {
      const now = clock.now();
      const tickets = store.latest('hotline', now, 5000).filter((p) => now.getTime() - p.publishedAt.getTime() <= 7 * 24 * HOUR);
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, await hotlineXlsx(tickets, now));
      await rename(tmp, file);
    };
    try {
      await write();
    } catch (e) {
      server.close();
      throw new Error(`TF_ERR_DEMO_HOTLINE_FILE: cannot write ${file} (${e instanceof Error ? e.message : String(e)}); choose a writable path`);
    }
    timer = setInterval(() => void write().catch(() => undefined), (opts.hotlineFileSeconds ?? 30) * 1000);
    timer.unref();
  }
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  boundBase = `http://${host}:${addr.port}`;
  return {
    url: boundBase,
    port: addr.port,
    clock,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  function homePage(now: Date): string {
    const links: [string, string, SiteChannel][] = [
      ['/forum/mailbox/list', CHANNEL_TITLES.mailbox, 'mailbox'],
      ['/forum/bbs/list', `${CHANNEL_TITLES.bbs}（GBK 编码）`, 'bbs'],
      ['/news/', CHANNEL_TITLES.news, 'news'],
      ['/api/posts?page=1', `${CHANNEL_TITLES.weibo}（JSON API）`, 'weibo'],
      ['/hotline/export.xlsx', `${CHANNEL_TITLES.hotline}工单导出（.xlsx）`, 'hotline'],
    ];
    const rows = links.map(([href, label, ch]) => `<li><a href="${href}">${escapeHtml(label)}</a> <span class="count">${store.visibleCount(ch, now)} 条</span></li>`).join('\n');
    const body = `<h2>临澜县民生网</h2><p>演示时间：<span class="time">${escapeHtml(now.toISOString())}</span></p><ul>${rows}<li><a href="/rss.xml">RSS</a></li><li><a href="/hotline/export.csv">12345工单导出（.csv）</a></li></ul>`;
    return page({ title: '临澜县民生网（演示）', charset: 'utf-8', crumbs: [], body });
  }
}

function replyNote(p: DemoPost): string {
  if (!p.isOfficial || !p.replyTo) return '';
  return `<div class="reply-to">本帖为对 <a href="thread-${escapeHtml(p.replyTo)}.html">${escapeHtml(p.replyTo)}</a> 的官方答复</div>`;
}
