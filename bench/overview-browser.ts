/**
 * First load of the overview (总览) in a real browser on the embedded store with N posts (issue 7: under 2 s at
 * 1,000,000 posts). Builds an N-post SQLite data dir with the bulk loader (bench/lib/bulk-store.ts), starts the real
 * server (`tingfeng serve --no-demo --no-collect`) on it, and drives Debian's Chromium with playwright-core: each
 * run signs in through the login form in a fresh browser context, clears and disables the browser cache, then
 * navigates to the overview and times from navigation start to the frame after the four overview charts (volume,
 * sources, keywords, places) hold their drawings and the headline figures show the totals. Reports the median and
 * maximum of the runs with a breakdown, and writes its section of bench/RESULTS.md (between the OVERVIEW-BROWSER
 * markers; other sections are kept).
 *
 *   node bin/run-ts.mjs bench/overview-browser.ts [--posts 1000000] [--runs 5] [--data-dir DIR] [--keep] [--json FILE] [--no-results] [--note TEXT]
 *
 * --data-dir reuses a data dir built before (with --keep) instead of building one; it is never deleted. --note adds
 * a remark (e.g. on the machine's load) to the RESULTS.md section.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { openStore } from '../src/store/store.ts';
import { loadConfig } from '../src/config/config.ts';
import { createServices } from '../src/services/index.ts';
import { SYSTEM_ACTOR } from '../src/services/actor.ts';
import { startBrowser, stopBrowser } from '../test/browser/harness.ts';
import { loadBulkStore } from './lib/bulk-store.ts';
import { fmt } from './lib/posts.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string' },
    runs: { type: 'string' },
    'data-dir': { type: 'string' },
    keep: { type: 'boolean' },
    json: { type: 'string' },
    'no-results': { type: 'boolean' },
    note: { type: 'string' },
  },
});
const N = Number(values.posts ?? 1_000_000);
const RUNS = Number(values.runs ?? 5);
const BIN = new URL('../bin/tingfeng.mjs', import.meta.url).pathname;
const RESULTS = new URL('./RESULTS.md', import.meta.url).pathname;
const WEB_INDEX = new URL('../web/dist/index.html', import.meta.url).pathname;
const USER = 'bench-duty';
const PASSWORD = 'bench-password-1';
const CHARTS = ['chart-volume', 'chart-sources', 'chart-keywords', 'chart-places'];

if (!existsSync(WEB_INDEX)) {
  console.log('web/dist is missing: building the dashboard');
  const b = spawnSync(process.execPath, [new URL('../scripts/build-web.mjs', import.meta.url).pathname], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

// 1. The data dir.
const reuse = values['data-dir'];
const dir = reuse ?? mkdtempSync(join(tmpdir(), 'tf-bench-overview-'));
let build: Awaited<ReturnType<typeof loadBulkStore>> | null = null;
{
  const store = await openStore({ dataDir: dir });
  if (!reuse) {
    let next = 100_000;
    build = await loadBulkStore(store, {
      posts: N,
      onProgress: (n) => {
        if (n >= next) {
          console.log(`  … ${fmt(n)} posts`);
          next += 100_000;
        }
      },
    });
    console.log(`built ${fmt(build.posts)} posts, ${fmt(build.events)} events (${fmt(build.levelled)} with a level), ${fmt(build.copies)} copies in ${build.seconds.toFixed(1)} s`);
    writeFileSync(join(dir, 'bench-build.json'), JSON.stringify(build));
  } else if (existsSync(join(dir, 'bench-build.json'))) {
    build = JSON.parse(readFileSync(join(dir, 'bench-build.json'), 'utf8')) as typeof build;
  }
  const config = loadConfig({ overrides: { dataDir: dir, logLevel: 'silent', demo: false } });
  const services = createServices(store, config);
  if (!(await store.repos.users.byUsername(USER))) await services.users.create(SYSTEM_ACTOR, { username: USER, role: 'duty_officer', password: PASSWORD }, Date.now());
  await store.close();
}
const dbBytes = readdirSync(dir)
  .filter((f) => f.endsWith('.db') || f.endsWith('.sqlite') || f.includes('.db-'))
  .reduce((n, f) => n + statSync(join(dir, f)).size, 0);

// 2. The real server.
function startServe(): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dir, '--no-demo', '--no-collect'], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1]!.replace(/\/$/, ''), readyMs: Math.round(performance.now() - t0) });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

interface Run {
  /** Navigation start → the frame after all four charts hold their drawing, ms. */
  chartsMs: number;
  domContentLoadedMs: number;
  /** /api/stats/overview: request start → response end, as the browser saw it. */
  overviewApiMs: number;
  overviewApiStartMs: number;
  /** Bytes the page transferred (all resources). */
  transferKB: number;
  requests: number;
  /** CPU time of the page's main thread for the load (Chrome's ThreadTime; less sensitive to other load on the machine). */
  mainThreadCpuMs: number;
}

async function measure(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    // Installed in every document from its start: records when the charts are drawn (checked on every frame). A
    // string, not a function: the TypeScript loader would wrap named inner functions in helpers the page lacks.
    await page.addInitScript(`(() => {
      const charts = ${JSON.stringify(CHARTS)};
      const ready = () =>
        charts.every((id) => document.querySelector('[data-testid="' + id + '"] canvas')) &&
        /\\d/.test(document.querySelector('[data-testid="figure-posts"]')?.textContent ?? '');
      const tick = () => {
        if (ready()) requestAnimationFrame(() => { window.__chartsReadyAt = performance.now(); });
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })();`);
    await page.goto(`${url}/#/`);
    await page.getByLabel('用户名').fill(USER);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('user-menu').waitFor();
    await page.waitForFunction(() => (window as unknown as { __chartsReadyAt?: number }).__chartsReadyAt).catch(async (e: unknown) => {
      if (process.env.TF_BENCH_DEBUG) await page.screenshot({ path: '.tmp/overview-browser-debug.png', fullPage: true });
      throw e;
    });
    // Signed in. Now a cold first load: empty HTTP cache, caching off, a new document.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto('about:blank');
    await cdp.send('Performance.enable');
    const cpu = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
    const cpu0 = await cpu();
    await page.goto(`${url}/#/`, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __chartsReadyAt?: number }).__chartsReadyAt, undefined, { timeout: 60_000 });
    const cpu1 = await cpu();
    // a navigation to another site starts a new renderer (its counter starts again)
    const mainThreadCpuMs = Math.round(cpu1 >= cpu0 ? cpu1 - cpu0 : cpu1);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const api = res.find((r) => r.name.includes('/api/stats/overview'));
      return {
        chartsMs: Math.round((window as unknown as { __chartsReadyAt: number }).__chartsReadyAt),
        domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
        overviewApiMs: api ? Math.round(api.responseEnd - api.startTime) : -1,
        overviewApiStartMs: api ? Math.round(api.startTime) : -1,
        transferKB: Math.round((nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0)) / 1024),
        requests: res.length + 1,
      };
    });
    return { ...timing, mainThreadCpuMs };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};

const server = await startServe();
console.log(`serve ready in ${server.readyMs} ms on a ${fmt(N)}-post store (${fmt(dbBytes / 2 ** 20, 0)} MiB)`);
const runs: Run[] = [];
let failure: Error | null = null;
try {
  const browser = await startBrowser();
  for (let i = 0; i < RUNS; i++) {
    const r = await measure(browser, server.url);
    runs.push(r);
    console.log(
      `run ${i + 1}: charts drawn at ${r.chartsMs} ms (DOMContentLoaded ${r.domContentLoadedMs} ms; /api/stats/overview from ${r.overviewApiStartMs} ms, took ${r.overviewApiMs} ms; main thread CPU ${r.mainThreadCpuMs} ms; ${r.requests} requests, ${fmt(r.transferKB)} KB)`,
    );
  }
} catch (e) {
  failure = e instanceof Error ? e : new Error(String(e));
} finally {
  await stopBrowser();
  server.child.kill('SIGTERM');
}
if (!reuse && !values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`data dir kept: ${dir}`);
if (failure) throw failure;

const charts = runs.map((r) => r.chartsMs);
const summary = {
  bench: 'overview-browser',
  posts: N,
  runs: runs.length,
  medianMs: median(charts),
  maxMs: Math.max(...charts),
  overviewApiMedianMs: median(runs.map((r) => r.overviewApiMs)),
  mainThreadCpuMedianMs: median(runs.map((r) => r.mainThreadCpuMs)),
  serveReadyMs: server.readyMs,
  storeMiB: Math.round(dbBytes / 2 ** 20),
  build,
  each: runs,
};
const verdict = summary.maxMs < 2000 ? 'under 2 s' : 'OVER 2 s';
console.log(
  `overview first load at ${fmt(N)} posts: median ${summary.medianMs} ms, max ${summary.maxMs} ms over ${runs.length} cold runs (${verdict}); overview API median ${summary.overviewApiMedianMs} ms; main thread CPU median ${summary.mainThreadCpuMedianMs} ms`,
);
if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2));

if (!values['no-results']) {
  let load = '';
  try {
    load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    /* not Linux */
  }
  const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const rowsMd = runs
    .map((r, i) => `| ${i + 1} | ${fmt(r.chartsMs)} | ${fmt(r.domContentLoadedMs)} | ${r.overviewApiStartMs} + ${r.overviewApiMs} | ${fmt(r.mainThreadCpuMs)} | ${r.requests} | ${fmt(r.transferKB)} |`)
    .join('\n');
  const section = `<!-- OVERVIEW-BROWSER:BEGIN (written by bench/overview-browser.ts) -->
## Overview first load in a browser at ${fmt(N)} posts (issue 7)

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chromium || 'Chromium'} (headless); load average at the end ${load}; ${new Date().toISOString()}.
Command: \`node bin/run-ts.mjs bench/overview-browser.ts --posts ${N} --runs ${RUNS}\` (or \`npm run bench -- --overview-browser\`).
Store: embedded SQLite, ${fmt(N)} demo-county posts over 30 days with the full-text index, analysis rows, events and
memberships (bench/lib/bulk-store.ts${build ? `; built in ${build.seconds.toFixed(0)} s, ${fmt(build.events)} events` : ''}), ${fmt(summary.storeMiB)} MiB; the real
\`tingfeng serve --no-demo --no-collect\` on it (ready in ${fmt(server.readyMs)} ms). Each run: a fresh browser context signs
in through the login form, then the browser cache is cleared and disabled and the overview is loaded in a new
document; timed from navigation start to the frame after the volume, sources, keywords and places charts hold their
drawings and the headline figures show the totals (the overview's window: the last 24 h,
${build ? `≈${fmt(Math.round(N / 30))} posts` : 'the newest day of posts'}).

**First load: median ${fmt(summary.medianMs)} ms, max ${fmt(summary.maxMs)} ms over ${runs.length} runs — ${verdict}** (the page's main
thread used ${fmt(summary.mainThreadCpuMedianMs)} ms of CPU, median; the overview API answered in ${fmt(summary.overviewApiMedianMs)} ms, median).

${values.note ? `${values.note}\n\n` : ''}| run | charts drawn (ms) | DOMContentLoaded (ms) | /api/stats/overview start + duration (ms) | main-thread CPU (ms) | requests | transferred (KB) |
|---:|---:|---:|---:|---:|---:|---:|
${rowsMd}
<!-- OVERVIEW-BROWSER:END -->`;
  let text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const re = /<!-- OVERVIEW-BROWSER:BEGIN[\s\S]*?<!-- OVERVIEW-BROWSER:END -->/;
  if (re.test(text)) text = text.replace(re, section);
  else if (text.includes('<!-- SUITE:BEGIN')) text = text.replace('<!-- SUITE:BEGIN', `${section}\n\n<!-- SUITE:BEGIN`);
  else text = `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(RESULTS, text);
  console.log('bench/RESULTS.md: overview-browser section updated');
}
