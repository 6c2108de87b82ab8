import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/sources/fetch/charset.ts';
import { PoliteFetcher } from '../../src/sources/fetch/fetcher.ts';
import { SourceError } from '../../src/sources/errors.ts';
import { startServer, type TestServer } from './http-fixture.ts';

const UA = 'TingfengTest/1.0 (+https://example.org; test office)';
let server: TestServer;
let bytesSentOfBigPage = 0;
let flaky = 0;

beforeAll(async () => {
  server = await startServer(async (req, res, url) => {
    const p = url.pathname;
    if (p === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('User-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n');
    }
    if (p === '/ua') return void res.end(req.headers['user-agent']);
    if (p === '/etag') {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      return void res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 24 Apr 2019 01:00:00 GMT' }).end('first');
    }
    if (p === '/loop-a') return void res.writeHead(302, { location: '/loop-b' }).end();
    if (p === '/loop-b') return void res.writeHead(301, { location: '/loop-a' }).end();
    if (p === '/hop') return void res.writeHead(302, { location: '/final?x=1' }).end();
    if (p === '/final') return void res.end('arrived');
    if (p === '/big' || p === '/big-chunked') {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const total = 10 * 1024 * 1024;
      res.writeHead(
        200,
        p === '/big'
          ? { 'content-type': 'text/html', 'content-length': String(total) }
          : { 'content-type': 'text/html' },
      );
      bytesSentOfBigPage = 0;
      for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
        bytesSentOfBigPage += chunk.length;
        if (!res.write(chunk))
          await new Promise((r) => {
            res.once('drain', r);
            res.once('close', r);
          });
      }
      return void res.end();
    }
    if (p === '/flaky') {
      flaky++;
      if (flaky < 3) return void res.writeHead(503, { 'retry-after': '0' }).end('busy');
      return void res.end('ok after retries');
    }
    if (p === '/always-500') return void res.writeHead(500).end('broken');
    if (p === '/not-found') return void res.writeHead(404).end('no');
    if (p === '/slow') {
      await new Promise((r) => setTimeout(r, 3000));
      return void res.end('late');
    }
    const text = '<html><body><p>积水问题 城南路</p></body></html>';
    if (p === '/gzip')
      return void res
        .writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/html; charset=utf-8' })
        .end(gzipSync(text));
    if (p === '/br')
      return void res
        .writeHead(200, { 'content-encoding': 'br', 'content-type': 'text/html; charset=utf-8' })
        .end(brotliCompressSync(text));
    if (p === '/deflate')
      return void res
        .writeHead(200, { 'content-encoding': 'deflate', 'content-type': 'text/html; charset=utf-8' })
        .end(deflateSync(text));
    if (p === '/bomb')
      return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(20 * 1024 * 1024)));
    if (p === '/gbk')
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=gb2312' })
        .end(iconv.encode('<p>县长信箱：道路积水</p>', 'gbk'));
    if (p === '/big5')
      return void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(Buffer.concat([Buffer.from('<meta charset="big5">'), iconv.encode('<p>縣長信箱：道路積水</p>', 'big5')]));
    if (p.startsWith('/host/')) {
      await new Promise((r) => setTimeout(r, 20));
      return void res.end(`page ${p}`);
    }
    res.end(`hello ${p}`);
  });
});

afterAll(async () => {
  await server.close();
});

function fetcher(extra: Partial<ConstructorParameters<typeof PoliteFetcher>[0]> = {}): PoliteFetcher {
  return new PoliteFetcher({
    userAgent: UA,
    backoff: { baseMs: 10, maxMs: 50 },
    hostLimits: { ratePerSecond: 1000, burst: 1000 },
    ...extra,
  });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return e instanceof SourceError ? e.code : String(e);
  }
}

describe('PoliteFetcher', () => {
  it('refuses loopback addresses unless the source is internal', async () => {
    const f = fetcher();
    expect(await codeOf(f.fetch(`${server.origin}/hello`))).toBe('TF_ERR_FETCH_PRIVATE_ADDRESS');
    expect(await codeOf(f.fetch(`http://localhost:${new URL(server.origin).port}/hello`))).toBe(
      'TF_ERR_FETCH_PRIVATE_ADDRESS',
    );
    const ok = await f.fetch(`${server.origin}/hello`, { internal: true });
    expect(ok.body.toString()).toBe('hello /hello');
    await f.close();
  });

  it('refuses private, link-local and mapped addresses, and names that resolve to them', async () => {
    const f = fetcher({
      resolver: async (host) => (host === 'intranet.example' ? ['93.184.216.34', '10.1.2.3'] : ['93.184.216.34']),
    });
    for (const u of [
      'http://10.0.0.1/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]/',
      'http://192.168.1.1/',
      'http://intranet.example/',
    ]) {
      expect(await codeOf(f.fetch(u)), u).toBe('TF_ERR_FETCH_PRIVATE_ADDRESS');
    }
    await f.close();
  });

  it('checks the address again when connecting (a name that re-resolves to loopback is refused)', async () => {
    // the pre-check is told "localhost" is public (as a rebinding DNS server would); the connection's own lookup is not fooled
    const f = fetcher({ resolver: async () => ['93.184.216.34'] });
    const port = new URL(server.origin).port;
    expect(await codeOf(f.fetch(`http://localhost:${port}/hello`, { ignoreRobots: true }))).toBe(
      'TF_ERR_FETCH_PRIVATE_ADDRESS',
    );
    await f.close();
  });

  it('spaces requests to one host by its rate limit', async () => {
    const arrivals: number[] = [];
    const h = await startServer((_req, res, url) => {
      if (url.pathname !== '/robots.txt') arrivals.push(performance.now());
      res.end('ok');
    });
    const f = fetcher({ hostLimits: { concurrency: 4, ratePerSecond: 20, burst: 2 } });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => f.fetch(`${h.origin}/r${i}`, { internal: true, ignoreRobots: true })),
    );
    expect(arrivals.length).toBe(12);
    // 2 at once from the burst, then one per 50 ms: the last arrives at least ~500 ms after the first
    expect((arrivals[11] as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(400);
    await f.close();
    await h.close();
  });

  it('sends the User-Agent it was given', async () => {
    const f = fetcher();
    expect((await f.fetch(`${server.origin}/ua`, { internal: true })).body.toString()).toBe(UA);
    await f.close();
  });

  it('honours robots.txt, unless the source overrides it', async () => {
    const f = fetcher();
    expect(await codeOf(f.fetch(`${server.origin}/private/page`, { internal: true }))).toBe(
      'TF_ERR_FETCH_ROBOTS_DISALLOWED',
    );
    expect(server.requests).not.toContain('/private/page');
    const over = await f.fetch(`${server.origin}/private/page`, { internal: true, ignoreRobots: true });
    expect(over.status).toBe(200);
    const bad = new PoliteFetcher({ userAgent: 'BadBot/2.0' });
    expect(await codeOf(bad.fetch(`${server.origin}/anything`, { internal: true }))).toBe(
      'TF_ERR_FETCH_ROBOTS_DISALLOWED',
    );
    await Promise.all([f.close(), bad.close()]);
  });

  it('does conditional GETs: 304 means not modified', async () => {
    const f = fetcher();
    const first = await f.fetch(`${server.origin}/etag`, { internal: true });
    expect(first.notModified).toBe(false);
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe('Wed, 24 Apr 2019 01:00:00 GMT');
    const second = await f.fetch(`${server.origin}/etag`, { internal: true, etag: first.etag });
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    await f.close();
  });

  it('follows redirects, detects loops and bounds their number', async () => {
    const f = fetcher();
    const r = await f.fetch(`${server.origin}/hop`, { internal: true });
    expect(r.url).toBe(`${server.origin}/final?x=1`);
    expect(r.body.toString()).toBe('arrived');
    expect(await codeOf(f.fetch(`${server.origin}/loop-a`, { internal: true }))).toBe('TF_ERR_FETCH_REDIRECT_LOOP');
    const short = fetcher({ maxRedirects: 0 });
    expect(await codeOf(short.fetch(`${server.origin}/hop`, { internal: true }))).toBe(
      'TF_ERR_FETCH_TOO_MANY_REDIRECTS',
    );
    await Promise.all([f.close(), short.close()]);
  });

  it('refuses a 10 MB page without reading it all', async () => {
    const f = fetcher();
    expect(await codeOf(f.fetch(`${server.origin}/big`, { internal: true }))).toBe('TF_ERR_FETCH_TOO_LARGE');
    expect(await codeOf(f.fetch(`${server.origin}/big-chunked`, { internal: true }))).toBe('TF_ERR_FETCH_TOO_LARGE');
    await new Promise((r) => setTimeout(r, 100));
    expect(bytesSentOfBigPage).toBeLessThan(10 * 1024 * 1024);
    expect(await codeOf(f.fetch(`${server.origin}/bomb`, { internal: true }))).toBe('TF_ERR_FETCH_TOO_LARGE');
    await f.close();
  });

  it('undoes gzip, br and deflate', async () => {
    const f = fetcher();
    for (const p of ['/gzip', '/br', '/deflate']) {
      const r = await f.fetch(`${server.origin}${p}`, { internal: true });
      expect(decodeBody(r.body, r.contentType).text).toContain('积水问题 城南路');
    }
    await f.close();
  });

  it('decodes GB2312 (as GB18030) and Big5', async () => {
    const f = fetcher();
    const g = await f.fetch(`${server.origin}/gbk`, { internal: true });
    expect(decodeBody(g.body, g.contentType)).toEqual({ text: '<p>县长信箱：道路积水</p>', charset: 'gb18030' });
    const b = await f.fetch(`${server.origin}/big5`, { internal: true });
    expect(decodeBody(b.body, b.contentType).text).toContain('縣長信箱：道路積水');
    await f.close();
  });

  it('retries 5xx with backoff (Retry-After honoured) and gives up with the status', async () => {
    const f = fetcher({ retries: 3 });
    flaky = 0;
    expect((await f.fetch(`${server.origin}/flaky`, { internal: true })).body.toString()).toBe('ok after retries');
    expect(flaky).toBe(3);
    const before = server.requests.filter((r) => r === '/always-500').length;
    const err = await f.fetch(`${server.origin}/always-500`, { internal: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).status).toBe(500);
    expect(server.requests.filter((r) => r === '/always-500').length - before).toBe(4);
    const nf = await f.fetch(`${server.origin}/not-found`, { internal: true }).catch((e: unknown) => e);
    expect((nf as SourceError).retryable).toBe(false);
    await f.close();
  });

  it('times out', async () => {
    const f = fetcher({ retries: 0 });
    expect(await codeOf(f.fetch(`${server.origin}/slow`, { internal: true, timeoutMs: 200 }))).toBe(
      'TF_ERR_FETCH_TIMEOUT',
    );
    await f.close();
  });

  it('polls 50 sources concurrently without exceeding the per-host limit', async () => {
    const hosts = await Promise.all(
      [0, 1].map(() =>
        startServer(async (_req, res, url) => {
          if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
          await new Promise((r) => setTimeout(r, 15));
          res.end('ok');
        }),
      ),
    );
    const f = fetcher({ hostLimits: { concurrency: 3, ratePerSecond: 1000, burst: 1000 } });
    const jobs = Array.from({ length: 50 }, (_, i) => {
      const h = hosts[i % 2] as TestServer;
      return Promise.all([1, 2, 3].map((n) => f.fetch(`${h.origin}/s${i}/p${n}`, { internal: true })));
    });
    const results = await Promise.all(jobs);
    expect(results.flat().every((r) => r.status === 200)).toBe(true);
    for (const h of hosts) {
      expect(h.requests.filter((r) => r.startsWith('/s')).length).toBe(75);
      expect(h.maxConcurrent).toBeLessThanOrEqual(3);
      expect(h.maxConcurrent).toBeGreaterThanOrEqual(2);
    }
    await f.close();
    await Promise.all(hosts.map((h) => h.close()));
  });
});
