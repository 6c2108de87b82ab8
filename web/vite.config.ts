// Vite build of the dashboard: root web/, output web/dist, served by the API server at `/`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const webDir = dirname(fileURLToPath(import.meta.url));

/** Splits the big libraries into their own long-cached chunks. */
function chunkFor(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(echarts|zrender|echarts-for-react|echarts-wordcloud)\//.test(id)) return 'echarts';
  if (/node_modules\/(@ant-design|antd|@rc-component|rc-[^/]+|@emotion|stylis|dayjs)\//.test(id)) return 'antd';
  if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)\//.test(id)) return 'react';
  return undefined;
}

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react()],
  build: {
    outDir: join(webDir, 'dist'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: { output: { manualChunks: chunkFor } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
