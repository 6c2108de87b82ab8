import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../../src/sources/fetch/fetcher.ts';
import { pollOnce, type RawItem } from '../../src/sources/index.ts';
import type { RssCursor } from '../../src/sources/rss/rss.connector.ts';
import { startServer, type TestServer } from './http-fixture.ts';

const now = new Date('2026-11-25T03:00:00Z');
let server: TestServer;

const RSS = `<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>某县融媒体 &amp; 民生</title><link>http://example.gov.cn/</link>
<item>
  <title><![CDATA[城南路积水<b>严重</b> &amp; 无人管]]></title>
  <link>/news/1.html</link>
  <description><![CDATA[<p>连续三天降雨，&nbsp;城南路积水。</p><p>居民出行困难&hellip;</p>]]></description>
  <pubDate>Thu, 25 Apr 2019 09:32:09 +0800</pubDate>
  <dc:creator>记者 李四</dc:creator>
  <guid isPermaLink="false">news-1</guid>
</item>
<item>
  <title>县医院挂号难 &#x95EE;题</title>
  <link>news/2.html</link>
  <description>&lt;p&gt;挂号要排&lt;b&gt;两小时&lt;/b&gt;&lt;/p&gt;</description>
  <pubDate>2019-04-24 18:05:00</pubDate>
  <author>news@example.gov.cn (王五)</author>
</item>
<item>
  <title>日期写坏了</title>
  <link>/news/3.html</link>
  <description>正文三</description>
  <pubDate>not a date at all</pubDate>
</item>
<item>
  <title>没有日期</title>
  <link>/news/4.html</link>
  <description>正文四</description>
</item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.gov.cn/blog/">
  <title>政务博客</title>
  <entry>
    <title type="html">路灯不亮 &lt;em&gt;一个月&lt;/em&gt;</title>
    <link rel="self" href="/self/1"/><link rel="alternate" href="posts/1"/>
    <id>tag:example.gov.cn,2019:1</id>
    <published>2019-04-25T01:32:09Z</published>
    <author><name>赵六</name></author>
    <content type="html">&lt;p&gt;第一段&lt;/p&gt;&lt;p&gt;第二段&lt;/p&gt;</content>
  </entry>
</feed>`;

const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://example.gov.cn/"><title>RDF</title></channel>
  <item rdf:about="http://example.gov.cn/rdf/1"><title>RDF 条目</title><link>http://example.gov.cn/rdf/1</link>
    <description>RDF 正文</description><dc:date>2019-04-25T09:32:09+08:00</dc:date><dc:creator>钱七</dc:creator></item>
</rdf:RDF>`;

beforeAll(async () => {
  server = await startServer((req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/feed.xml') {
      if (req.headers['if-none-match'] === 'W/"feed-1"') return void res.writeHead(304).end();
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml', etag: 'W/"feed-1"' })
        .end(iconv.encode(RSS, 'gbk'));
    }
    if (url.pathname === '/atom.xml')
      return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
    if (url.pathname === '/rdf.xml') return void res.writeHead(200, { 'content-type': 'application/rdf+xml' }).end(RDF);
    if (url.pathname === '/news/4.html')
      return void res.end(
        '<html><head><meta property="article:published_time" content="2019-04-20T08:00:00+08:00"></head><body>x</body></html>',
      );
    if (url.pathname === '/news/3.html') return void res.end('<html><body><p>没有日期的页面</p></body></html>');
    if (url.pathname === '/html') return void res.end('<html><body>not a feed</body></html>');
    res.writeHead(404).end();
  });
});

afterAll(async () => {
  await server.close();
});

async function poll(path: string, cursor?: RssCursor): Promise<{ items: RawItem[]; nextCursor: RssCursor }> {
  const fetcher = new PoliteFetcher({ userAgent: 'TingfengTest/1.0' });
  try {
    const r = await pollOnce(
      'rss',
      { kind: 'rss', url: `${server.origin}${path}`, internal: true },
      { fetcher, now, cursor },
    );
    return r as { items: RawItem[]; nextCursor: RssCursor };
  } finally {
    await fetcher.close();
  }
}

describe('rss connector', () => {
  it('reads a GBK RSS 2.0 feed: CDATA, entities, relative links, authors, bad and missing dates', async () => {
    const { items } = await poll('/feed.xml');
    const o = server.origin;
    expect(
      items.map(({ url, title, text, published_at, author }) => ({ url, title, text, published_at, author })),
    ).toEqual([
      {
        url: `${o}/news/1.html`,
        title: '城南路积水严重 & 无人管',
        text: '连续三天降雨， 城南路积水。\n居民出行困难…',
        published_at: '2019-04-25T09:32:09+08:00',
        author: '记者 李四',
      },
      {
        url: `${o}/news/2.html`,
        title: '县医院挂号难 问题',
        text: '挂号要排两小时',
        published_at: '2019-04-24T18:05:00+08:00',
        author: '王五',
      },
      {
        url: `${o}/news/3.html`,
        title: '日期写坏了',
        text: '正文三',
        published_at: expect.any(String) as string,
        author: undefined,
      },
      {
        url: `${o}/news/4.html`,
        title: '没有日期',
        text: '正文四',
        published_at: '2019-04-20T08:00:00+08:00',
        author: undefined,
      },
    ]);
    // a bad date whose page has none either falls back to the fetch time
    expect(Math.abs(Date.parse(items[2]?.published_at ?? '') - Date.now())).toBeLessThan(60_000);
    expect(items[0]?.raw?.body).toContain('<guid isPermaLink="false">news-1</guid>');
    expect(items[0]?.raw?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a re-poll with a conditional GET (304) and no items', async () => {
    const first = await poll('/feed.xml');
    expect(first.nextCursor.etag).toBe('W/"feed-1"');
    const second = await poll('/feed.xml', first.nextCursor);
    expect(second.items).toEqual([]);
    expect(second.nextCursor.seen).toEqual(first.nextCursor.seen);
    // without the ETag, the entries already seen are skipped
    const third = await poll('/feed.xml', { seen: first.nextCursor.seen });
    expect(third.items).toEqual([]);
  });

  it('reads Atom 1.0 with xml:base and the alternate link', async () => {
    const { items } = await poll('/atom.xml');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      url: 'http://example.gov.cn/blog/posts/1',
      title: '路灯不亮 一个月',
      text: '第一段\n第二段',
      published_at: '2019-04-25T09:32:09+08:00',
      author: '赵六',
    });
  });

  it('reads RDF / RSS 1.0', async () => {
    const { items } = await poll('/rdf.xml');
    expect(items[0]).toMatchObject({
      url: 'http://example.gov.cn/rdf/1',
      title: 'RDF 条目',
      text: 'RDF 正文',
      published_at: '2019-04-25T09:32:09+08:00',
      author: '钱七',
    });
  });

  it('says clearly when the URL is not a feed', async () => {
    await expect(poll('/html')).rejects.toMatchObject({ code: 'TF_ERR_SOURCE_PARSE' });
  });
});
