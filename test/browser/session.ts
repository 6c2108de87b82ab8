// Signing in through the login form, for browser tests.
import type { Page } from 'playwright-core';
import { PASSWORD } from './real-server.ts';

export async function signIn(page: Page, baseUrl: string, username: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}/#${path}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('user-menu').waitFor();
}

/** Errors worth failing a test for: page errors and console errors other than failed resource loads (a 4xx the page shows). */
export function realErrors(errors: readonly string[]): string[] {
  return errors.filter((e) => !e.includes('Failed to load resource'));
}
