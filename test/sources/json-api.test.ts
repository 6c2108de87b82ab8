import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../../src/sources/fetch/fetcher.ts';
import { pollOnce, type RawItem } from '../../src/sources/index.ts';
import { startServer, type TestServer } from './http-fixture.ts';

let server: TestServer;
const now = new Date('2026-11-25T03:00:00Z');
const ALL = Array.from({ length: 7 }, (_, i) => ({
  msgId: 500 + i,
  subject: `留言${i}`,
  body: { html: `<p>内容${i}&amp;更多</p>` },
  ctime: 1556155929 + i * 60,
  user: { nick: `用户${i}` },
  stats: { views: String(10 * i), replies: i },
}));

beforeAll(async () => {
  server = await startServer((_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/api/list') {
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('size'));
      const rows = ALL.slice((page - 1) * size, page * size);
      return void res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ code: 0, data: { list: rows } }));
    }
    if (url.pathname === '/api/cursor') {
      const after = url.searchParams.get('after');
      const start = after ? ALL.findIndex((m) => String(m.msgId) === after) + 1 : 0;
      const rows = ALL.slice(start, start + 3);
      return void res.end(JSON.stringify({ items: rows, next: rows.length === 3 ? String(rows[2]?.msgId) : null }));
    }
    res.writeHead(404).end();
  });
});

afterAll(async () => {
  await server.close();
});

const fields = {
  id: 'msgId',
  url_template: 'http://example.gov.cn/msg/{msgId}',
  title: 'subject',
  text: 'body.html',
  published_at: 'ctime',
  author: 'user.nick',
  views: 'stats.views',
  replies: 'stats.replies',
};

async function poll(
  config: Record<string, unknown>,
  cursor?: unknown,
): Promise<{ items: RawItem[]; nextCursor: unknown }> {
  const fetcher = new PoliteFetcher({ userAgent: 'TingfengTest/1.0' });
  try {
    return await pollOnce('json-api', { internal: true, ...config }, { fetcher, now, cursor });
  } finally {
    await fetcher.close();
  }
}

describe('json-api connector', () => {
  it('pages through {page} until an empty page and maps fields by dot path', async () => {
    const { items, nextCursor } = await poll({
      url: `${server.origin}/api/list?page={page}&size={page_size}`,
      page_size: 3,
      max_pages: 10,
      items_path: 'data.list',
      fields,
    });
    expect(items).toHaveLength(7);
    expect(items[1]).toMatchObject({
      url: 'http://example.gov.cn/msg/501',
      title: '留言1',
      text: '内容1&更多',
      published_at: '2019-04-25T09:33:09+08:00',
      author: '用户1',
      engagement: { views: 10, replies: 1 },
    });
    expect(server.requests.filter((r) => r.startsWith('/api/list'))).toEqual([
      '/api/list?page=1&size=3',
      '/api/list?page=2&size=3',
      '/api/list?page=3&size=3',
      '/api/list?page=4&size=3',
    ]);
    const again = await poll(
      { url: `${server.origin}/api/list?page={page}&size={page_size}`, page_size: 3, items_path: 'data.list', fields },
      nextCursor,
    );
    expect(again.items).toEqual([]);
  });

  it('follows a next cursor', async () => {
    const { items } = await poll({
      url: `${server.origin}/api/cursor?after={cursor}`,
      items_path: 'items',
      next_cursor_path: 'next',
      fields,
    });
    expect(items.map((i) => i.title)).toEqual(ALL.map((m) => m.subject));
  });

  it('says where the items are missing', async () => {
    await expect(
      poll({ url: `${server.origin}/api/list?page={page}&size=3`, items_path: 'data.rows', fields }),
    ).rejects.toMatchObject({ code: 'TF_ERR_SOURCE_PARSE', message: expect.stringContaining('data.rows') as string });
  });
});
