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
  if (/node_modules\/(echarts|zrender|echarts-for-react|echarts-wordcloud)\//.test(id)) return 'echarts';
  if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)\//.test(id)) return 'react';
  return undefined;
}

/**
 * Lists the overview's code in index.html as <link rel="modulepreload">: the app (root.tsx with React and the Ant
 * Design parts it uses) and the chart code. The browser then asks for all of it while it reads the page, before the
 * boot script (main.tsx) runs and asks for the overview data: the files do not queue behind that query on the server,
 * and no round trip is spent learning what the boot script imports.
 */
function preloadOverview(): Plugin {
  const wanted = ['/src/root.tsx', '/src/components/chart/echart-view.tsx'];
  return {
    name: 'tingfeng:preload-overview',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const entry = chunks.find((c) => c.isEntry);
        const files = new Set<string>();
        const add = (fileName: string) => {
          if (files.has(fileName) || fileName === entry?.fileName) return;
          files.add(fileName);
          const c = chunks.find((x) => x.fileName === fileName);
          for (const i of c?.imports ?? []) add(i);
        };
        for (const w of wanted) {
          const c = chunks.find((x) => x.moduleIds.some((id) => id.replace(/\\/g, '/').endsWith(w)));
          if (!c) throw new Error(`preload-overview: no chunk holds ${w}`);
          add(c.fileName);
        }
        return {
          html,
          tags: [...files].map((f) => ({
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
  plugins: [react(), preloadOverview()],
  build: {
    outDir: join(webDir, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: chunkFor } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
