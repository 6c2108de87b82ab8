import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';
import { freshPgSchema, testDatabaseUrl } from './helpers/store.ts';

let dir: string;
let server: Server;
let base: string;
let env: Record<string, string | undefined>;
let drop: (() => Promise<void>) | null = null;

const rss = (n: number) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>县政府网</title><link>http://x/</link>
${Array.from({ length: n }, (_, i) => `<item><title>通知${i}</title><link>/news/${i}.html</link><description><![CDATA[<p>关于第${i}期道路施工的通知，请市民绕行。</p>]]></description><pubDate>Tue, 24 Nov 2026 0${i % 10}:00:00 +0800</pubDate></item>`).join('\n')}
</channel></rss>`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tf-src-'));
  server = createServer((req, res) => {
    if (req.url === '/robots.txt') return res.end('User-agent: *\nAllow: /\n');
    if (req.url === '/rss.xml') {
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      return res.end(rss(5));
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const pg = testDatabaseUrl();
  let url: string | undefined;
  if (pg) {
    const s = await freshPgSchema(pg);
    url = s.url;
    drop = s.drop;
  }
  env = { TINGFENG_DATA_DIR: join(dir, 'data'), DATABASE_URL: url, LOG_LEVEL: 'silent' };
});
afterAll(async () => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
  if (drop) await drop();
});

describe('tingfeng source', () => {
  it('adds, lists, runs (storing once) and disables a source; imports OPML', async () => {
    const cfg = join(dir, 'feed.json');
    writeFileSync(cfg, JSON.stringify({ kind: 'rss', name: '县政府网', url: `${base}/rss.xml`, internal: true }));
    const add = await runCli(['source', 'add', '--config', cfg, '--interval', '600'], { env });
    expect(add.code, add.stderr).toBe(0);
    const run1 = await runCli(['source', 'run', '县政府网'], { env });
    expect(run1.code, run1.stderr).toBe(0);
    expect(run1.stdout).toContain('5 new posts stored');
    const run2 = await runCli(['source', 'run', '县政府网'], { env });
    expect(run2.stdout).toMatch(/0 new posts stored/);
    const list = await runCli(['source', 'list'], { env });
    expect(list.stdout).toMatch(/县政府网\trss\tenabled\tok/);
    expect((await runCli(['source', 'disable', '县政府网'], { env })).code).toBe(0);
    expect((await runCli(['source', 'list'], { env })).stdout).toMatch(/县政府网\trss\tdisabled/);
    const bad = await runCli(['source', 'add', '--config', cfg], { env });
    expect(bad.code).toBe(1);
    const opml = join(dir, 'feeds.opml');
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><body><outline text="新闻"><outline text="市政府" xmlUrl="https://www.example.gov.cn/rss.xml"/><outline text="日报" title="日报" xmlUrl="https://news.example.cn/feed"/></outline></body></opml>`);
    const imp = await runCli(['sources', 'import', 'opml', opml], { env });
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('2 of 2 feeds added');
  }, 120_000);
});
