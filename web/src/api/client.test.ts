import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRequest, buildUrl, readCookie, setUnauthorizedHandler } from './client.ts';
import { ApiError, parseErrorBody } from './api-error.ts';

let server: Server;
let base = '';
const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const send = (status: number, type: string, text: string) => {
        res.writeHead(status, { 'content-type': type });
        res.end(text);
      };
      if (req.url?.startsWith('/api/ok')) return send(200, 'application/json', JSON.stringify({ items: [1, 2] }));
      if (req.url === '/api/conflict')
        return send(
          409,
          'application/json',
          JSON.stringify({
            error: { code: 'TF_ERR_CONFLICT', message: 'case already closed', details: { state: 'closed' } },
          }),
        );
      if (req.url === '/api/private')
        return send(
          401,
          'application/json',
          JSON.stringify({ error: { code: 'TF_ERR_AUTH', message: 'sign in first' } }),
        );
      if (req.url === '/api/proxy') return send(502, 'text/html', '<html>Bad Gateway</html>');
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe('buildUrl and readCookie', () => {
  it('drops empty query values and encodes the rest', () => {
    expect(
      buildUrl('/api/posts', { q: '积水 & 路', page: 2, sentiment: '', source: undefined, from: null, folded: false }),
    ).toBe('/api/posts?q=%E7%A7%AF%E6%B0%B4+%26+%E8%B7%AF&page=2&folded=false');
    expect(buildUrl('/api/posts')).toBe('/api/posts');
  });
  it('reads one cookie by exact name', () => {
    expect(readCookie('a=1; tf_csrf=abc%3D; tf_csrf_old=x', 'tf_csrf')).toBe('abc=');
    expect(readCookie('xtf_csrf=1', 'tf_csrf')).toBeNull();
  });
});

describe('parseErrorBody', () => {
  it('accepts only the agreed error shape', () => {
    expect(
      parseErrorBody(400, { error: { code: 'TF_ERR_VALIDATION', message: 'body/title: required' } })?.describe(),
    ).toBe('TF_ERR_VALIDATION: body/title: required');
    expect(parseErrorBody(500, { error: 'boom' })).toBeNull();
    expect(parseErrorBody(500, 'text')).toBeNull();
  });
});

describe('apiRequest against a real HTTP server', () => {
  it('returns parsed JSON and sends the query', async () => {
    await expect(apiRequest<{ items: number[] }>(`${base}/api/ok`, { query: { page: 1 } })).resolves.toEqual({
      items: [1, 2],
    });
    expect(seen.at(-1)?.url).toBe('/api/ok?page=1');
  });
  it('sends JSON bodies and the CSRF header from the tf_csrf cookie on writes, never on reads', async () => {
    const g = globalThis as { document?: { cookie: string } };
    g.document = { cookie: 'tf_session=secret; tf_csrf=tok123' };
    try {
      await apiRequest(`${base}/api/write`, { method: 'POST', body: { action: 'assign' } });
      const w = seen.at(-1)!;
      expect(w.headers['x-csrf-token']).toBe('tok123');
      expect(w.headers['content-type']).toBe('application/json');
      expect(JSON.parse(w.body)).toEqual({ action: 'assign' });
      await apiRequest(`${base}/api/ok`);
      expect(seen.at(-1)?.headers['x-csrf-token']).toBeUndefined();
    } finally {
      delete g.document;
    }
  });
  it('turns an error body into ApiError with the server code, message and details', async () => {
    const e = await apiRequest(`${base}/api/conflict`, { method: 'POST', body: {} }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({
      status: 409,
      code: 'TF_ERR_CONFLICT',
      message: 'case already closed',
      details: { state: 'closed' },
    });
  });
  it('names the HTTP status when the body is not the agreed JSON', async () => {
    await expect(apiRequest(`${base}/api/proxy`)).rejects.toMatchObject({ status: 502, code: 'TF_ERR_BAD_RESPONSE' });
  });
  it('reports an unreachable server as TF_ERR_NETWORK', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/api/ok`;
    await new Promise<void>((r) => dead.close(() => r()));
    await expect(apiRequest(url)).rejects.toMatchObject({ status: 0, code: 'TF_ERR_NETWORK' });
  });
  it('tells the unauthorized handler about a 401, unless the call opts out', async () => {
    let calls = 0;
    setUnauthorizedHandler(() => calls++);
    try {
      await expect(apiRequest(`${base}/api/private`)).rejects.toMatchObject({ status: 401, code: 'TF_ERR_AUTH' });
      expect(calls).toBe(1);
      await expect(apiRequest(`${base}/api/private`, { notifyUnauthorized: false })).rejects.toMatchObject({
        status: 401,
      });
      expect(calls).toBe(1);
    } finally {
      setUnauthorizedHandler(null);
    }
  });
  it('resolves undefined for an empty 204', async () => {
    await expect(apiRequest(`${base}/api/nothing`, { method: 'DELETE' })).resolves.toBeUndefined();
  });
});
