#!/usr/bin/env node
// Builds the web dashboard (web/ → web/dist) with Vite. Runs from `npm install` (prepare) and `npm run build`.
// Skips when web/dist is newer than every file under web/src unless --force is given. Each text asset is also
// written precompressed (.br, .gz) when that is smaller; the server sends those to browsers that accept them.
import { existsSync, statSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const force = process.argv.includes('--force');
const webDir = join(root, 'web');
const dist = join(webDir, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(join(webDir, 'index.html'))) process.exit(0);
if (!force && existsSync(dist) && statSync(dist).mtimeMs >= Math.max(newest(join(webDir, 'src')), statSync(join(webDir, 'index.html')).mtimeMs)) {
  console.log('web: up to date');
  process.exit(0);
}
let vite;
try {
  vite = await import('vite');
} catch {
  console.log('web: vite not installed (production install without dev dependencies); skipping the dashboard build');
  process.exit(0);
}
await vite.build({ configFile: join(webDir, 'vite.config.ts'), root: webDir, logLevel: 'warn' });

/** Writes FILE.br and FILE.gz next to every compressible file of the build (only where they save space). */
function precompress(dir) {
  let raw = 0;
  let br = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = precompress(p);
      raw += sub.raw;
      br += sub.br;
      continue;
    }
    if (!/\.(js|mjs|css|html|svg|json|txt|map)$/.test(e.name)) continue;
    const data = readFileSync(p);
    if (data.length < 1024) continue;
    const b = brotliCompressSync(data, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT },
    });
    const g = gzipSync(data, { level: 9 });
    if (b.length < data.length) writeFileSync(`${p}.br`, b);
    if (g.length < data.length) writeFileSync(`${p}.gz`, g);
    raw += data.length;
    br += Math.min(b.length, data.length);
  }
  return { raw, br };
}
const sizes = precompress(join(webDir, 'dist'));
console.log(`web: built web/dist (${Math.round(sizes.raw / 1024)} KB of text, ${Math.round(sizes.br / 1024)} KB brotli)`);
