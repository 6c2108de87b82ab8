// Vite build of the dashboard: root web/, output web/dist, served by the API server at `/`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const webDir = dirname(fileURLToPath(import.meta.url));

/** Splits the big libraries into their own long-cached chunks. */
function chunkFor(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(echarts|zrender|echarts-for-react)\//.test(id)) return 'echarts';
  if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)\//.test(id))
    return 'react';
  return undefined;
}

/** The modules the overview runs as the app opens: the app (root.tsx with React and its Ant Design parts) and the
 * chart code. */
const OVERVIEW_MODULES = ['/src/root.tsx', '/src/components/chart/echart-view.tsx'];

type Bundle = Parameters<NonNullable<Extract<Plugin['generateBundle'], (...a: never[]) => unknown>>>[1];

/** The chunks holding OVERVIEW_MODULES and every chunk they import, the entry (main.tsx) aside. */
function overviewChunks(bundle: Bundle): Set<string> {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry);
  const files = new Set<string>();
  const add = (fileName: string) => {
    if (files.has(fileName) || fileName === entry?.fileName) return;
    files.add(fileName);
    for (const i of chunks.find((x) => x.fileName === fileName)?.imports ?? []) add(i);
  };
  for (const m of OVERVIEW_MODULES) {
    const c = chunks.find((x) => x.moduleIds.some((id) => id.replace(/\\/g, '/').endsWith(m)));
    if (!c) throw new Error(`overview chunks: no chunk holds ${m}`);
    add(c.fileName);
  }
  return files;
}

/**
 * Three things for the overview's first load (bench/overview-browser.ts):
 * - the boot script (main.tsx) is `async`: it starts the sign-in check and the overview request as soon as it has
 *   arrived, without waiting for the stylesheet (Ant Design's, ~1 MB) to be read as deferred scripts do;
 * - index.html lists the overview's chunks as <link rel="modulepreload">: the browser asks for them while it reads
 *   the page, before the boot script (main.tsx) runs and asks for the overview data, so the files do not queue behind
 *   that query on the server, and no round trip is spent learning what the boot script imports;
 * - those chunks start with V8's `//# allFunctionsCalledOnLoad` compile hint: Chromium then compiles their functions
 *   while the file streams in, on a background thread, instead of one by one on the main thread as each is first
 *   called (main-thread CPU of the first load ~700 → ~570 ms, same machine and load, alternating runs). Other browsers
 *   read a comment.
 */
function overviewFirstLoad(): Plugin {
  return {
    name: 'tingfeng:overview-first-load',
    apply: 'build',
    generateBundle: {
      // after Vite's own additions at the top of a chunk (__vite__mapDeps): the hint must be the file's first line
      order: 'post',
      handler(_options, bundle) {
        for (const f of overviewChunks(bundle)) {
          const c = bundle[f];
          if (c?.type === 'chunk') c.code = `//# allFunctionsCalledOnLoad\n${c.code}`;
        }
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        // the boot script runs as soon as it arrives, not after the stylesheet (antd.css): its requests start earlier
        const boot = html.replace(
          /<script type="module" crossorigin src=/,
          '<script type="module" async crossorigin src=',
        );
        if (boot === html) throw new Error('overview first load: no boot script tag in index.html');
        return {
          html: boot,
          tags: [...overviewChunks(ctx.bundle)].map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
            injectTo: 'head' as const,
          })),
        };
      },
    },
  };
}

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react(), overviewFirstLoad()],
  build: {
    outDir: join(webDir, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: chunkFor } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
