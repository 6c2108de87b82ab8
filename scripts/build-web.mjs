#!/usr/bin/env node
// Builds the web dashboard (web/ → web/dist) with Vite. Runs from `npm install` (prepare) and `npm run build`.
// Skips when web/dist is newer than every file under web/src unless --force is given.
import { existsSync, statSync, readdirSync } from 'node:fs';
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
console.log('web: built web/dist');
