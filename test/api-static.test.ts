// The dashboard's files as the API server sends them (src/api/web-static.ts): precompressed copies (written by
// scripts/build-web.mjs) to browsers that accept them, hashed assets cached for a year, index.html checked on every
// load, 304 for a copy the browser holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { loadConfig } from '../src/config/config.ts';
import { buildApp } from '../src/api/app.ts';
import type { App } from '../src/api/types.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';
import { acceptedEncodings } from '../src/api/web-static.ts';

let ts: TestStore;
let app: App;
let dist: string;
const js = `export const x = ${JSON.stringify('听风'.repeat(400))};\n`;
const html = '<!doctype html><title>听风</title><script type="module" src="/assets/index-AbC123.js"></script>';

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'tf-web-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), html);
  writeFileSync(join(dist, 'index.html.br'), brotliCompressSync(html));
  writeFileSync(join(dist, 'assets', 'index-AbC123.js'), js);
  writeFileSync(join(dist, 'assets', 'index-AbC123.js.br'), brotliCompressSync(js));
  writeFileSync(join(dist, 'assets', 'index-AbC123.js.gz'), gzipSync(js));
  writeFileSync(join(dist, 'assets', 'plain-XyZ789.css'), 'body{margin:0}');
  ts = await openTestStore();
  const config = loadConfig({ overrides: { dataDir: ts.dataDir, logLevel: 'silent', databaseUrl: ts.databaseUrl } });
  app = await buildApp({ config, store: ts.store, logger: false, webDist: dist });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await ts?.cleanup();
  rmSync(dist, { recursive: true, force: true });
});

describe('dashboard files', () => {
  it('sends the brotli copy to a browser that accepts it, gzip to one that takes only gzip, the file otherwise', async () => {
    const br = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(js) / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);

    const gz = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(js);

    const plain = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);

    const refused = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br;q=0, gzip;q=0.5' } });
    expect(refused.headers['content-encoding']).toBe('gzip');
    const head = await app.inject({ method: 'HEAD', url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br' } });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('reads Accept-Encoding with its weights', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['gzip', 'deflate', 'br', 'zstd']);
    expect([...acceptedEncodings('br;q=0, GZIP;q=0.8, *;q=0.1')]).toEqual(['gzip', '*']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });

  it('answers 304 when the browser holds the same file, and 404 for files that are not there', async () => {
    const first = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'if-none-match': `W/${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const changed = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js', headers: { 'if-none-match': '"other"' } });
    expect(changed.statusCode).toBe(200);
    const missing = await app.inject({ method: 'GET', url: '/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    const outside = await app.inject({ method: 'GET', url: '/assets/../../etc/passwd' });
    expect(outside.statusCode).toBe(404);
  });

  it('sends a file without a compressed copy as it is', async () => {
    const r = await app.inject({ method: 'GET', url: '/assets/plain-XyZ789.css', headers: { 'accept-encoding': 'br, gzip' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body).toBe('body{margin:0}');
  });

  it('caches hashed assets for a year and has index.html checked on every load', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['content-encoding']).toBe('br');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(index.rawPayload).toString()).toBe(html);
  });

  it('does not list the compressed copies as routes of their own', () => {
    const urls = app.routeTable.map((r) => r.url);
    expect(urls).toContain('/assets/index-AbC123.js');
    expect(urls.filter((u) => u.endsWith('.br') || u.endsWith('.gz'))).toEqual([]);
  });
});
