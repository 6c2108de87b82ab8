// The dashboard against the real API server: sign in, the shell and every section, the overview's data or its
// error, redirect back after login, 401 → login, logout, English, and the phone drawer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newPage, PHONE, screenshot, stopBrowser, WEB_DIST } from './harness.ts';
import { PASSWORD, startRealServer, type RealServer } from './real-server.ts';

let server: RealServer;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('web/dist is missing: run `node scripts/build-web.mjs --force` first');
  server = await startRealServer();
  await server.addUser('duty1', 'duty_officer', '值班员甲');
});

afterAll(async () => {
  await stopBrowser();
  await server?.close();
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
}

const SECTIONS = [
  ['信息流', 'stream'],
  ['事件', 'events'],
  ['预警', 'alerts'],
  ['台账', 'cases'],
  ['报告', 'reports'],
  ['信息源', 'sources'],
  ['方案', 'plans'],
  ['设置', 'settings'],
] as const;

describe('dashboard shell on the real server', () => {
  it('signs in, shows the shell and the overview, and visits every section', async () => {
    const { page, errors, dialogs, close } = await newPage();
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    await signIn(page, 'duty1');
    await page.getByRole('heading', { name: '总览' }).waitFor();
    expect(await page.getByTestId('office-name').textContent()).toBe('听风舆情工作台');
    expect(await page.getByTestId('user-menu').textContent()).toContain('值班员甲');

    const state = page.getByTestId('overview-state');
    const hasOverviewRoute = server.app.app.routeTable.some((r) => r.method === 'GET' && r.url === '/api/stats/overview');
    if (hasOverviewRoute) {
      await page.waitForFunction(() => !document.querySelector('[data-testid="overview-state"] [role="status"]'));
      expect(await state.getByRole('alert').count()).toBe(0);
    } else {
      // until the endpoint exists, the page must say what failed, with the server's code
      await state.getByRole('alert').waitFor();
      expect(await state.getByTestId('error-code').textContent()).toBe('TF_ERR_NOT_FOUND');
    }
    await screenshot(page, 'overview');

    for (const [label, path] of SECTIONS) {
      await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: label }).waitFor();
      expect(page.url()).toBe(`${server.url}/#/${path}`);
      await screenshot(page, `section-${path}`);
    }
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    expect(dialogs).toEqual([]);
    await close();
  });

  it('returns to the requested page after login, and sends a 401 back to login', async () => {
    const { page, close } = await newPage();
    await page.goto(server.url + '/#/cases/42');
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    await signIn(page, 'duty1');
    await page.getByRole('heading', { name: '台账 · 42' }).waitFor();
    expect(page.url()).toBe(`${server.url}/#/cases/42`);

    // the session ends behind the app's back; when the officer returns to the tab, /api/auth/me answers 401 and
    // the client's global 401 handling sends them to login, remembering the page
    await page.context().clearCookies();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    expect(page.url()).toBe(`${server.url}/#/login?from=%2Fcases%2F42`);
    await signIn(page, 'duty1');
    await page.getByRole('heading', { name: '台账 · 42' }).waitFor();
    await close();
  });

  it('logs out from the user menu (a CSRF-protected write)', async () => {
    const { page, close } = await newPage();
    await page.goto(server.url + '/');
    await signIn(page, 'duty1');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await close();
  });

  it('switches the shell to English', async () => {
    const { page, close } = await newPage();
    await page.goto(server.url + '/');
    await signIn(page, 'duty1');
    await page.getByRole('heading', { name: '总览' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Ledger', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Ledger' }).waitFor();
    await screenshot(page, 'ledger-en');
    await close();
  });

  it('puts the navigation in a drawer on a phone', async () => {
    const { page, close } = await newPage(PHONE);
    await page.goto(server.url + '/');
    await signIn(page, 'duty1');
    await page.getByRole('heading', { name: '总览' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'overview-phone');
    await page.getByTestId('nav-toggle').click();
    await page.getByRole('link', { name: '预警', exact: true }).waitFor();
    await screenshot(page, 'nav-drawer-phone');
    await page.getByRole('link', { name: '预警', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: '预警' }).waitFor();
    await page.getByRole('link', { name: '预警', exact: true }).waitFor({ state: 'hidden' });
    await close();
  });
});
