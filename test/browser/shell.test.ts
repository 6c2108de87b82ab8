// The dashboard against the real API server: sign in, the shell and every section, the overview's data or its
// error, redirect back after login, 401 → login, logout, English, and the phone drawer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newPage, PHONE, screenshot, stopBrowser, WEB_DIST } from './harness.ts';
import { PASSWORD, startRealServer, type RealServer } from './real-server.ts';
import { SYSTEM_ACTOR } from '../../src/services/actor.ts';

let server: RealServer;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run `node scripts/build-web.mjs --force` first');
  server = await startRealServer();
  await server.addUser('duty1', 'duty_officer', '值班员甲');
  const unit = await server.app.services.units.create(
    SYSTEM_ACTOR,
    { name: '城关镇', kind: 'town', aliases: [] },
    Date.now(),
  );
  await server.addUser('liaison1', 'unit_liaison', '联络员乙', unit.id);
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

    await page.getByTestId('figure-posts').waitFor();
    expect(await page.getByTestId('figure-posts').textContent()).toContain('信息总量0');
    expect(await page.getByTestId('overview-window').textContent()).toContain('Asia/Shanghai');
    expect(await page.getByTestId('page-error').count()).toBe(0);
    await page.getByText('尚未采集到信息').waitFor();
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
    await page.getByRole('heading', { level: 2, name: '台账' }).waitFor();
    expect(page.url()).toBe(`${server.url}/#/cases/42`);
    // there is no case 42: the page says so, with the server's code
    await page.getByTestId('page-error').waitFor();
    expect(await page.getByTestId('page-error').textContent()).toContain('加载台账事项失败');

    // the session ends behind the app's back; when the officer returns to the tab, /api/auth/me answers 401 and
    // the client's global 401 handling sends them to login, remembering the page
    await page.context().clearCookies();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    expect(page.url()).toBe(`${server.url}/#/login?from=%2Fcases%2F42`);
    await signIn(page, 'duty1');
    await page.getByTestId('page-error').waitFor();
    expect(page.url()).toBe(`${server.url}/#/cases/42`);
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

  it('says what failed when the overview request fails, and recovers on retry', async () => {
    const { page, close } = await newPage();
    await page.goto(server.url + '/');
    await page.route('**/api/stats/overview*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'TF_ERR_UNAVAILABLE', message: 'store is busy, retry in a moment' } }),
      }),
    );
    await signIn(page, 'duty1');
    const state = page.getByTestId('overview-state');
    await state.getByTestId('page-error').waitFor();
    expect(await state.getByTestId('page-error').textContent()).toContain('加载总览数据失败');
    expect(await state.getByTestId('error-message').textContent()).toBe('store is busy, retry in a moment');
    expect(await state.getByTestId('error-code').textContent()).toBe('TF_ERR_UNAVAILABLE');
    await screenshot(page, 'overview-error');

    await page.unroute('**/api/stats/overview*');
    await page.route('**/api/stats/overview*', (route) => route.abort('connectionrefused'));
    await state.getByRole('button', { name: '重试' }).click();
    await state.getByText('无法连接服务器').waitFor();
    expect(await state.getByTestId('error-code').textContent()).toBe('TF_ERR_NETWORK');

    await page.unroute('**/api/stats/overview*');
    await state.getByRole('button', { name: '重试' }).click();
    await page.getByTestId('figure-posts').waitFor();
    await close();
  });

  it('shows a unit liaison only their sections, and a 403 page for the others', async () => {
    const { page, close } = await newPage();
    await page.goto(server.url + '/');
    await signIn(page, 'liaison1');
    await page.getByRole('heading', { level: 2, name: '台账' }).waitFor();
    expect(page.url()).toBe(`${server.url}/#/cases`);
    const links = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(links).toEqual(['台账', '设置']);
    await screenshot(page, 'liaison-cases');
    await page.goto(server.url + '/#/stream');
    await page.getByText('您的角色无权查看此页面。').waitFor();
    await close();
  });
});
