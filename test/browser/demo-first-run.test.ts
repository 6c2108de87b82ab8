// First run, end to end: the real `tingfeng serve` on an empty data directory installs the demo county and prints
// the demo accounts; a duty officer signs in and, within 60 s of the start, the overview shows posts, an event with
// a warning level and an alert — all collected from the in-process demo site through the real connectors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newPage, REPO_ROOT, screenshot, stopBrowser, WEB_DIST } from './harness.ts';

/** Acceptance (issue 9): everything on the overview within this long after `serve` is started. */
const FIRST_RUN_MS = 60_000;
/** To try serve changes before they land, point this at another launcher (same CLI arguments). */
const SERVE_BIN = process.env['TINGFENG_TEST_SERVE_BIN'] ?? join(REPO_ROOT, 'bin', 'tingfeng.mjs');

interface Served {
  child: ChildProcess;
  url: string;
  startedAt: number;
  logins: Map<string, string>;
  output: () => string;
}

let served: Served | null = null;
let dataDir = '';

/** Starts serve and waits until it printed its address and the first-start accounts. */
async function startServe(): Promise<Served> {
  const env: NodeJS.ProcessEnv = { ...process.env, TINGFENG_LOG_LEVEL: 'warn' };
  // An empty data directory means the embedded SQLite store, whatever the CI job's PostgreSQL is.
  delete env['DATABASE_URL'];
  delete env['NATS_URL'];
  delete env['TINGFENG_DEMO'];
  const startedAt = Date.now();
  const child = spawn(
    process.execPath,
    [SERVE_BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString('utf8')));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString('utf8')));
  const deadline = startedAt + 45_000;
  while (
    !/running at http:\/\/[\d.:]+\//.test(out) ||
    (!out.includes('Demo accounts') && !out.includes('Demo county'))
  ) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        /running at/.test(out)
          ? `serve started but printed nothing about the demo county: call startDemo in src/cli/commands/serve.ts (src/demo/bootstrap.ts). Output:\n${out}`
          : `serve did not start within 45 s:\n${out}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const url = /running at (http:\/\/[\d.:]+)\//.exec(out)![1]!;
  const logins = new Map<string, string>();
  const admin = /created user "admin" with password:\s+(\S+)/.exec(out);
  if (admin) logins.set('admin', admin[1]!);
  for (const m of out.matchAll(/^ {4}([a-z0-9]+)\s+(\S+)\s+(admin|analyst|duty_officer|leader|unit_liaison)\s/gm))
    logins.set(m[1]!, m[2]!);
  return { child, url, startedAt, logins, output: () => out };
}

async function stopServe(s: Served): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run `node scripts/build-web.mjs` first');
  dataDir = mkdtempSync(join(tmpdir(), 'tf-first-run-'));
  served = await startServe();
}, 60_000);

afterAll(async () => {
  await stopBrowser();
  if (served) await stopServe(served);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Reloads the overview every few seconds until `selector` is there or the first-run time is up. */
async function waitOnOverview(page: Page, selector: string, startedAt: number): Promise<boolean> {
  while (Date.now() - startedAt < FIRST_RUN_MS) {
    if ((await page.locator(selector).count()) > 0) return true;
    await page.waitForTimeout(3_000);
    if ((await page.locator(selector).count()) > 0) return true;
    await page.reload();
    await page.getByRole('heading', { name: '总览' }).waitFor();
  }
  return (await page.locator(selector).count()) > 0;
}

describe('npm start on an empty data directory', () => {
  it('prints the admin and demo accounts, and the overview fills with the demo county within 60 s', async () => {
    const s = served!;
    const password = s.logins.get('zhiban1');
    expect(password, `serve printed no demo accounts:\n${s.output()}`).toBeTruthy();
    expect(s.logins.get('admin')).toBeTruthy();

    const { page, errors, close } = await newPage();
    await page.goto(s.url + '/');
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    await signIn(page, 'zhiban1', password!);
    await page.getByRole('heading', { name: '总览' }).waitFor();
    expect(await page.getByTestId('user-menu').textContent()).toContain('周晓');

    // Posts: the total is no longer 0.
    const postsShown = await waitOnOverview(
      page,
      '[data-testid="figure-posts"]:not(:has-text("信息总量0"))',
      s.startedAt,
    );
    expect(postsShown, 'no posts on the overview within 60 s').toBe(true);
    // An event with a warning level (Ⅰ–Ⅳ) among the top events.
    const levelShown = await waitOnOverview(page, '[data-testid="top-events"] [data-testid="level-tag"]', s.startedAt);
    const levelAt = Date.now() - s.startedAt;
    await screenshot(page, 'demo-first-run-overview');
    expect(levelShown, 'no event with a warning level on the overview within 60 s').toBe(true);

    // An alert. The rules and the roster come with the demo; raising alerts is the alerting part of serve (alert
    // hooks in the runner). Asserted only where this build has the alert routes, so the check says which part is missing.
    const alertsRoute = await page.evaluate(async () => (await fetch('/api/alerts?page=1&pageSize=1')).status);
    if (alertsRoute !== 404) {
      const alertShown = await waitOnOverview(
        page,
        '[data-testid="latest-alerts"] [data-testid="level-tag"]',
        s.startedAt,
      );
      expect(
        alertShown,
        'no alert on the overview within 60 s (are the alert hooks passed to the runner in serve?)',
      ).toBe(true);
    }
    const allAt = Date.now() - s.startedAt;
    console.log(
      `first run: warning level on the overview after ${(levelAt / 1000).toFixed(1)} s, everything after ${(allAt / 1000).toFixed(1)} s`,
    );
    expect(allAt).toBeLessThanOrEqual(FIRST_RUN_MS + 5_000);
    await screenshot(page, 'demo-first-run-overview-alerts');

    // The demo data is marked as such on the sources page.
    await page.getByRole('navigation').getByRole('link', { name: '信息源', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: '信息源' }).waitFor();
    await page.getByText('临澜百姓论坛（GBK）').first().waitFor();
    await screenshot(page, 'demo-first-run-sources');
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await close();
  }, 120_000);
});
