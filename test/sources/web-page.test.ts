import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceTestCommand } from '../../src/cli/commands/source-test.ts';
import { PoliteFetcher } from '../../src/sources/fetch/fetcher.ts';
import { pollOnce, type RawItem } from '../../src/sources/index.ts';
import { MESSAGES, boardConfig, boardHandler } from './board-fixture.ts';
import { startServer, type TestServer } from './http-fixture.ts';

let board: TestServer;
let misc: TestServer;
const now = new Date('2026-11-25T03:00:00Z');

const BROKEN = `<html><head><title>论坛</title><body>
<div id="header"><a href="/">首页</a><a href="/a">板块A</a><a href="/b">板块B</a></div>
<table><tr><td class="post"><div class=row><a href="/t/1">第一帖<span class="date">昨天 12:00</span>
<td class="post"><div class=row><a href='/t/2'>第二帖 &amp; 更多<span class="date">3分钟前</span></table>
<div class="footer">Copyright</div>`;

const ARTICLE = `<html><head><title>正文页</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/x">新闻</a> <a href="/y">公告</a> <a href="/z">留言</a></div>
<div class="sidebar"><ul><li><a href="/h1">热点一</a></li><li><a href="/h2">热点二</a></li></ul></div>
<div class="wrap"><h1>河道污染问题</h1><div class="article">
<p>近日，有群众反映县城北河段出现大量死鱼，河水发黑发臭，附近居民意见很大。</p>
<p>记者现场看到，排污口仍在排放污水，周边气味刺鼻，已持续一周左右。</p>
<p>县生态环境局表示，已派人调查取样，将依法处理，并及时公布结果。</p>
</div></div>
<div class="footer">主办单位：某县人民政府 <a href="/map">网站地图</a></div></body></html>`;

beforeAll(async () => {
  board = await startServer(boardHandler);
  misc = await startServer((_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/broken')
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BROKEN);
    if (url.pathname === '/list') return void res.end('<ul><li><a href="/article">河道污染问题</a></li></ul>');
    if (url.pathname === '/article')
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    res.writeHead(404).end();
  });
});

afterAll(async () => {
  await board.close();
  await misc.close();
});

function collect(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c.toString());
        cb();
      },
    }),
    text: () => chunks.join(''),
  };
}

async function poll(
  config: Record<string, unknown>,
  cursor?: unknown,
): Promise<{ items: RawItem[]; nextCursor: unknown }> {
  const fetcher = new PoliteFetcher({ userAgent: 'TingfengTest/1.0' });
  try {
    return await pollOnce('web-page', config, { fetcher, now, cursor });
  } finally {
    await fetcher.close();
  }
}

describe('web-page connector', () => {
  it('collects a GBK message board (list, pagination, detail pages) through `tingfeng source test`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-src-'));
    const file = join(dir, 'board.json');
    writeFileSync(file, JSON.stringify(boardConfig(board.origin)));
    const out = collect();
    const err = collect();
    const code = await sourceTestCommand(
      ['--config', file],
      { stdout: out.stream, stderr: err.stream },
      { userAgent: 'TingfengTest/1.0' },
    );
    expect(err.text()).toContain('12 item(s)');
    expect(code).toBe(0);
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual(
      MESSAGES.map((m) => ({
        url: `${board.origin}/detail?id=${m.id}`,
        title: m.title,
        text: m.paragraphs.join('\n'),
        published_at: `${m.time.replace(' ', 'T')}+08:00`,
        author: m.user,
      })),
    );
    expect(board.requests.filter((r) => r.startsWith('/list'))).toEqual([
      '/list?page=1',
      '/list?page=2',
      '/list?page=3',
    ]);
  });

  it('re-polls with the cursor and fetches no known detail page again', async () => {
    const cfg = boardConfig(board.origin);
    const first = await poll(cfg);
    expect(first.items).toHaveLength(12);
    const before = board.requests.length;
    const second = await poll(cfg, first.nextCursor);
    expect(second.items).toEqual([]);
    const extra = board.requests.slice(before);
    expect(extra.filter((r) => r.startsWith('/detail'))).toEqual([]);
    expect(extra.filter((r) => r.startsWith('/list'))).toEqual(['/list?page=1']);
  });

  it('stops at max_pages', async () => {
    const { items } = await poll({ ...boardConfig(board.origin), max_pages: 1 });
    expect(items).toHaveLength(5);
  });

  it('reads items from the list itself when there is no detail section, even from broken HTML', async () => {
    const { items } = await poll({
      url: `${misc.origin}/broken`,
      internal: true,
      list: { item: 'td.post', link: 'a', published_at: 'span.date' },
    });
    expect(items.map((i) => [i.url, i.published_at])).toEqual([
      [`${misc.origin}/t/1`, '2026-11-24T12:00:00+08:00'],
      [`${misc.origin}/t/2`, '2026-11-25T10:57:00+08:00'],
    ]);
    expect(items[1]?.title).toBe('第二帖 & 更多3分钟前');
  });

  it('extracts the main text when no text selector is given (no navigation, sidebar or footer)', async () => {
    const { items } = await poll({ url: `${misc.origin}/list`, internal: true, list: { item: 'li' }, detail: {} });
    expect(items).toHaveLength(1);
    expect(items[0]?.title).toBe('河道污染问题');
    expect(items[0]?.text).toBe(
      '近日，有群众反映县城北河段出现大量死鱼，河水发黑发臭，附近居民意见很大。\n记者现场看到，排污口仍在排放污水，周边气味刺鼻，已持续一周左右。\n县生态环境局表示，已派人调查取样，将依法处理，并及时公布结果。',
    );
  });

  it('finds the same text on the board without a text selector (byline, share links and footer left out)', async () => {
    const cfg = boardConfig(board.origin) as { detail: Record<string, string> };
    const { items } = await poll({ ...cfg, max_pages: 1, detail: { ...cfg.detail, text: undefined } });
    expect(items.map((i) => i.text)).toEqual(MESSAGES.slice(0, 5).map((m) => m.paragraphs.join('\n')));
  });

  it('refuses the board without internal: true (loopback)', async () => {
    const cfg = { ...boardConfig(board.origin), internal: false };
    await expect(poll(cfg)).rejects.toMatchObject({ code: 'TF_ERR_FETCH_PRIVATE_ADDRESS' });
  });

  it('reports bad settings with the field that is wrong', async () => {
    await expect(poll({ url: `${misc.origin}/list`, list: { item: 'li[' } })).rejects.toMatchObject({
      code: 'TF_ERR_SOURCE_CONFIG',
      message: expect.stringContaining('list.item') as string,
    });
  });
});
