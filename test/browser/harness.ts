// Browser-test harness: Debian's Chromium driven by playwright-core (never a downloaded browser), fresh profile per
// launch, one isolated context per page, screenshots under test-results/screenshots/.
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { startStaticServer, type RunningServer } from './static-server.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIST = join(REPO_ROOT, 'web', 'dist');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Playwright gives every launch a fresh temporary --user-data-dir itself (it refuses one in args). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser | null = null;

export async function startBrowser(): Promise<Browser> {
  if (browser?.isConnected()) return browser;
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} is missing: install Debian's chromium with apt-get install -y chromium`);
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  return browser;
}

export async function stopBrowser(): Promise<void> {
  const b = browser;
  browser = null;
  await b?.close();
}

export interface TestPage {
  page: Page;
  /** Uncaught page errors and console errors seen so far (a test can assert there were none). */
  errors: string[];
  /** Dialogs (alert/confirm/prompt) that opened: any entry means page script ran something it should not. */
  dialogs: string[];
  close: () => Promise<void>;
}

export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 860 } };

/** Opens a page in a new, isolated context (own cookies and storage). */
export async function newPage(options: BrowserContextOptions = DESKTOP): Promise<TestPage> {
  const b = await startBrowser();
  const context = await b.newContext({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return { page, errors, dialogs, close: () => context.close() };
}

/** Saves a full-page PNG to test-results/screenshots/NAME.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new Error(`screenshot name "${name}" must be kebab-case letters and digits`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await settleAnimations(page);
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits (up to 3 s) until no CSS transition or animation is running, so screenshots show the settled page. */
export async function settleAnimations(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      {
        timeout: 3_000,
        polling: 100,
      },
    )
    .catch(() => undefined);
}
