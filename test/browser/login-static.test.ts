// The built dashboard served as plain files (no API behind it): the login page renders in Chinese, switches to
// English and remembers it, labels work, and a failed sign-in says what failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { newPage, PHONE, screenshot, startStaticServer, stopBrowser, WEB_DIST, type RunningServer } from './harness.ts';

let server: RunningServer;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run `node scripts/build-web.mjs --force` first');
  server = await startStaticServer(WEB_DIST);
});

afterAll(async () => {
  await stopBrowser();
  await server?.close();
});

/** 404s from the missing API are expected here; anything else logged as an error is a bug. */
function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !e.includes('Failed to load resource'));
}

describe('login page over static files', () => {
  it('renders in Chinese, switches to English, and keeps the choice after a reload', async () => {
    const { page, errors, close } = await newPage();
    await page.goto(server.url + '/#/stream');
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    expect(page.url()).toContain('#/login?from=%2Fstream');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect(page.getByLabel('用户名').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('密码', { exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'login-zh');

    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Sign in to Tingfeng' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    await expect(page.getByLabel('Username').isVisible()).resolves.toBe(true);
    await screenshot(page, 'login-en');

    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Tingfeng' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('validates empty fields and shows the server error of a failed sign-in, using the keyboard only', async () => {
    const { page, errors, close } = await newPage();
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('请输入用户名').waitFor();
    await page.getByText('请输入密码').waitFor();

    await page.getByLabel('用户名').fill('duty');
    await page.keyboard.press('Tab');
    await page.keyboard.type('secret');
    await page.keyboard.press('Enter');
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('TF_ERR_NOT_FOUND');
    await screenshot(page, 'login-error');
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it('fits a phone screen', async () => {
    const { page, close } = await newPage(PHONE);
    await page.goto(server.url + '/');
    await page.getByRole('heading', { name: '登录听风' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(page, 'login-phone');
    await close();
  });
});
