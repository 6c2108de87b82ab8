// Vite build of the dashboard: root web/, output web/dist, served by the API server at `/`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
 * Rewrites `import { Button, Table } from 'antd'` in the app's modules into one import per component
 * (`import Button from 'antd/es/button'`). Through antd's index every page's components counted as reachable from the
 * app's entry, so Rollup put them all in the first chunk; per component, the shell and the overview load only the
 * components they use and each page's own components come with the page.
 */
function antdPerComponent(): Plugin {
  const require = createRequire(import.meta.url);
  const esDir = dirname(require.resolve('antd/es/index.js'));
  const paths = new Map<string, string>();
  for (const m of readFileSync(join(esDir, 'index.js'), 'utf8').matchAll(/export \{ default as (\w+) \} from '\.\/([\w-]+)';/g))
    paths.set(m[1]!, `antd/es/${m[2]!}`);
  return {
    name: 'tingfeng:antd-per-component',
    transform(code, id) {
      if (id.includes('node_modules') || !/\.[jt]sx?$/.test(id.split('?')[0]!)) return null;
      let changed = false;
      const out = code.replace(/import\s*\{([^}]*)\}\s*from\s*["']antd["'];?/g, (all, names: string) => {
        const parts = names.split(',').map((n) => n.trim()).filter(Boolean);
        const lines = parts.map((n) => {
          const [name, local = name] = n.split(/\s+as\s+/) as [string, string?];
          const path = paths.get(name);
          return path ? `import ${local} from '${path}';` : null;
        });
        if (lines.some((l) => l === null)) return all;
        changed = true;
        return lines.join('\n');
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react(), antdPerComponent()],
  build: {
    outDir: join(webDir, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: chunkFor } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
