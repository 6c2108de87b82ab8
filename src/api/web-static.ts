/**
 * The built dashboard (web/dist), served from memory: every file is read once at start, with the .br/.gz copies the
 * build writes (scripts/build-web.mjs), and answered in one write with the copy the browser accepts. Hashed assets
 * (assets/…) are cached for a year (their names change with their content); index.html is checked on every load.
 * From memory rather than from disk per request: the dashboard's first load asks for its files at the moment the
 * overview query runs on the server's one thread, and a file read in several steps waited behind it (the files are
 * ~0.6 MB compressed in all).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './types.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

interface WebFile {
  type: string;
  etag: string;
  cacheControl: string;
  /** identity, and the compressed copies the build wrote */
  bodies: { br?: Buffer; gzip?: Buffer; identity: Buffer };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const p = join(dir, e.name);
    if (e.isDirectory()) return listFiles(p);
    return e.isFile() && !e.name.endsWith('.br') && !e.name.endsWith('.gz') ? [p] : [];
  });
}

function tryRead(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** The encodings the request accepts (RFC 9110 Accept-Encoding; q=0 refuses). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

/** Reads webDist into memory and registers a GET (and HEAD) route per file, and `/` for index.html. */
export function registerWebStatic(app: App, webDist: string): void {
  const files = new Map<string, WebFile>();
  for (const path of listFiles(webDist)) {
    const url = '/' + relative(webDist, path).split(sep).join('/');
    const identity = readFileSync(path);
    const br = tryRead(`${path}.br`);
    const gzip = tryRead(`${path}.gz`);
    files.set(url, {
      type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      cacheControl: url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      bodies: { identity, ...(br ? { br } : {}), ...(gzip ? { gzip } : {}) },
    });
  }

  const send = (f: WebFile) => (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', f.cacheControl).header('etag', f.etag).header('content-type', f.type);
    if (f.bodies.br || f.bodies.gzip) reply.header('vary', 'accept-encoding');
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === f.etag)) return reply.code(304).send();
    const ok = acceptedEncodings(req.headers['accept-encoding']);
    const encoding = f.bodies.br && ok.has('br') ? 'br' : f.bodies.gzip && (ok.has('gzip') || ok.has('x-gzip')) ? 'gzip' : null;
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(encoding ? f.bodies[encoding] : f.bodies.identity);
  };

  for (const [url, f] of files) app.get(url, { config: { access: 'public' }, schema: { hide: true } }, send(f));
  const index = files.get('/index.html');
  if (index) app.get('/', { config: { access: 'public' }, schema: { hide: true } }, send(index));
}
