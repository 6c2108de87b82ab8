// The desk's pages against the real server with data seeded through the real pipeline: overview charts and the
// wall screen, searching the stream, the post drawer, registering a case from a post, an event page, alerts with
// acknowledgement, reports, sources, plans and settings (document settings, own password); English; script payloads
// shown as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { newPage, PHONE, screenshot, stopBrowser, WEB_DIST } from './harness.ts';
import { PASSWORD, startRealServer, type RealServer } from './real-server.ts';
import { seedDesk, XSS_TEXT, XSS_TITLE, type Seeded } from './seed.ts';
import { realErrors, signIn } from './session.ts';

let server: RealServer;
let seeded: Seeded;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run `node scripts/build-web.mjs --force` first');
  server = await startRealServer();
  seeded = await seedDesk(server);
  await server.addUser('duty1', 'duty_officer', '值班员甲');
  await server.addUser('admin1', 'admin', '管理员');
  await server.addUser('admin2', 'admin', '管理员乙');
});

afterAll(async () => {
  await stopBrowser();
  await server?.close();
});

describe('desk pages with data', () => {
  it('draws the overview charts from the seeded posts, and the wall screen', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, server.url, 'duty1');
    await page.getByRole('heading', { name: '总览' }).waitFor();
    for (const id of ['chart-volume', 'chart-sources', 'chart-keywords', 'chart-places'])
      await page.getByTestId(id).locator('canvas').first().waitFor();
    expect(await page.getByTestId('figure-posts').textContent()).toMatch(/信息总量\d+/);
    expect(Number((await page.getByTestId('figure-posts').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(20);
    const events = page.getByTestId('top-events');
    await events.getByRole('link').first().waitFor();
    expect(await events.textContent()).toContain('治河渡镇');
    expect(await page.getByTestId('latest-alerts').textContent()).toContain('治河渡镇停水舆情升温');
    // ECharts' aria description names the series it drew
    expect(await page.getByTestId('chart-volume').getAttribute('aria-label')).toBeTruthy();
    await screenshot(page, 'overview-data');

    await page.getByTestId('wall-link').click();
    await page.getByTestId('wall').waitFor();
    await page.getByTestId('chart-volume').locator('canvas').first().waitFor();
    const bg = await page.getByTestId('wall').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(11, 18, 32)');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'wall-screen');
    await page.getByTestId('wall-exit').click();
    await page.getByRole('heading', { name: '总览' }).waitFor();
    expect(realErrors(errors)).toEqual([]);
    await close();
  });

  it('searches the stream with highlighted terms, expands copies, opens the drawer and registers a case', async () => {
    const { page, errors, dialogs, close } = await newPage();
    await signIn(page, server.url, 'duty1', '/stream');
    await page.getByTestId('post-item').first().waitFor();
    await screenshot(page, 'stream');
    await page.getByLabel('全文检索').fill('自来水');
    await page.getByLabel('全文检索').press('Enter');
    await page.waitForURL(/q=/);
    await page.locator('[data-testid=post-item] mark').first().waitFor();
    expect(await page.locator('[data-testid=post-item] mark').first().textContent()).toBe('自来水');
    const total = Number((await page.getByTestId('stream-total').textContent())?.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(0);
    // the reposts are folded under their original
    const toggle = page.getByTestId('copies-toggle').first();
    await toggle.waitFor();
    await toggle.click();
    await page.getByTestId('post-copies').getByTestId('post-item').first().waitFor();
    await screenshot(page, 'stream-search');

    await page.getByTestId('post-item').filter({ hasText: '县水务局' }).first().getByTestId('post-title').click();
    const drawer = page.getByTestId('post-drawer');
    await drawer.getByTestId('drawer-post-text').waitFor();
    expect(await drawer.getByTestId('drawer-post-text').locator('mark').count()).toBeGreaterThan(0);
    expect(await drawer.getByTestId('drawer-plans').textContent()).toContain('供水保障');
    await drawer.getByTestId('drawer-event-link').waitFor();
    await screenshot(page, 'post-drawer');

    await drawer.getByTestId('relabel-form').getByText('中性').click();
    await drawer.getByTestId('relabel-save').click();
    await page.getByText('标注已保存').waitFor();

    await drawer.getByTestId('register-case').click();
    await page.getByRole('dialog', { name: '登记台账事项' }).getByRole('button', { name: '提交' }).click();
    await page.waitForURL(/#\/cases\/[^/]+$/);
    await page.getByTestId('case-status').first().waitFor();
    expect(await page.getByTestId('case-status').first().getAttribute('data-status')).toBe('registered');
    await page.getByTestId('case-transition').first().waitFor();
    await screenshot(page, 'case-registered');
    expect(realErrors(errors)).toEqual([]);
    expect(dialogs).toEqual([]);
    await close();
  });

  it('opens an event from the list: trend chart, posts and merge dialog', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, server.url, 'duty1', '/events');
    await page.getByTestId('events-table').getByRole('link').first().waitFor();
    await screenshot(page, 'events');
    await page
      .getByTestId('events-table')
      .getByRole('link', { name: /治河渡镇/ })
      .first()
      .click();
    await page.waitForURL(/#\/events\/ev-/);
    await page.getByTestId('chart-event-trend').locator('canvas').first().waitFor();
    await page.getByTestId('event-posts').getByTestId('post-item').first().waitFor();
    await page.getByTestId('event-membership').waitFor();
    await screenshot(page, 'event');
    await page.getByTestId('event-merge').click();
    await page.getByRole('dialog', { name: '合并事件' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    expect(realErrors(errors)).toEqual([]);
    await close();
  });

  it('acknowledges an open alert', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, server.url, 'duty1', '/alerts');
    const item = page.locator(`[data-alert-id="${seeded.alertId}"]`);
    await item.waitFor();
    await page.getByTestId('heightened-card').waitFor();
    await screenshot(page, 'alerts');
    await item.getByTestId('alert-ack').click();
    await page.getByText('已确认').first().waitFor();
    // the open list no longer has it; the full list shows it acknowledged
    await item.waitFor({ state: 'detached' });
    await page.getByText('全部预警').click();
    await page.locator(`[data-alert-id="${seeded.alertId}"] [data-testid=alert-status]`).waitFor();
    expect(await page.locator(`[data-alert-id="${seeded.alertId}"] [data-testid=alert-status]`).textContent()).toBe(
      '已确认',
    );
    const row = await server.app.store.repos.alerts.byId(seeded.alertId);
    expect(row?.acknowledged_at).not.toBeNull();
    expect(realErrors(errors)).toEqual([]);
    await close();
  });

  it('shows reports, sources, plans (syntax error marked) and settings', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, server.url, 'admin1', '/reports');
    await page.getByTestId('report-generate').waitFor();
    await page.getByTestId('report-generate').click();
    await page.getByTestId('report-download').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'reports');

    await page.goto(`${server.url}/#/sources`);
    await page.getByTestId('sources-table').getByText('临澜论坛').waitFor();
    await screenshot(page, 'sources');
    await page.getByTestId('source-add').click();
    await page.getByTestId('source-form').getByText('更多设置').waitFor();
    await screenshot(page, 'source-form');
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/#/plans`);
    const expr = page.getByTestId('plan-expression');
    await expr.waitFor();
    await page.getByTestId('plan-check-ok').waitFor();
    await expr.fill('停水 AND (积水');
    await page.getByTestId('plan-check-error').waitFor();
    expect(await page.getByTestId('plan-error-mark').textContent()).toBe('(');
    await screenshot(page, 'plans-error');
    await expr.fill('自来水 OR 积水');
    await page.getByTestId('plan-check-ok').waitFor();
    await page.getByTestId('plan-test').click();
    await page.getByTestId('chart-backtest').locator('canvas').first().waitFor();
    expect(await page.getByTestId('plan-matched').textContent()).toMatch(/共命中 [1-9]\d* 条/);
    await screenshot(page, 'plans');

    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('tab', { name: '用户与角色' }).waitFor();
    await page.getByText('duty1').waitFor();
    await screenshot(page, 'settings');
    for (const tab of ['责任单位', '值班表', '预警规则', '通知渠道']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(300);
    }
    await screenshot(page, 'settings-channels');
    expect(realErrors(errors)).toEqual([]);
    await close();
  });

  it('edits a document setting as JSON (local check, server error with its path) and changes the own password', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, server.url, 'admin2', '/settings');
    await page.getByRole('tab', { name: '规则与时限' }).click();
    const card = page.getByTestId('setting-calendar.overrides');
    await card.getByTestId('setting-default').waitFor();
    const editor = card.getByLabel('calendar.overrides');
    await editor.fill('[{"date": ');
    await card.getByTestId('setting-json-error').waitFor();
    expect(await card.getByRole('button', { name: /保\s*存/ }).isDisabled()).toBe(true);
    await editor.fill('[{"date": "2026-13-45", "kind": "holiday"}]');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    expect(await card.getByTestId('setting-server-error').textContent()).toContain('value.0.date');
    await editor.fill('[{"date": "2026-10-10", "kind": "holiday"}]');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    await card.getByTestId('setting-changed').waitFor();
    expect(await card.getByTestId('setting-server-error').count()).toBe(0);
    await screenshot(page, 'settings-documents');
    // back to the default, after a confirmation
    await card.getByTestId('setting-reset').click();
    await page.getByRole('button', { name: '恢复默认' }).last().click();
    await card.getByTestId('setting-default').waitFor();
    expect(JSON.parse(await editor.inputValue())).toEqual([]);
    expect(await card.getByTestId('setting-reset').count()).toBe(0);

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    await dialog.getByLabel('当前密码', { exact: true }).fill('not-the-password');
    await dialog.getByLabel('新密码（至少 10 位）', { exact: true }).fill('new-password-2026');
    await dialog.getByLabel('再次输入新密码', { exact: true }).fill('new-password-2026');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    expect(await dialog.getByTestId('password-error').textContent()).toContain('current');
    await dialog.getByLabel('当前密码', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('密码已修改').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    // this session stays signed in; the new password signs in elsewhere
    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    const other = await newPage();
    await other.page.goto(`${server.url}/#/`);
    await other.page.getByLabel('用户名').fill('admin2');
    await other.page.getByLabel('密码', { exact: true }).fill('new-password-2026');
    await other.page.getByRole('button', { name: '登录' }).click();
    await other.page.getByTestId('user-menu').waitFor();
    await other.close();
    expect(realErrors(errors)).toEqual([]);
    await close();
  });

  it('shows script payloads in a post as text and runs nothing', async () => {
    const { page, errors, dialogs, close } = await newPage();
    await signIn(page, server.url, 'duty1', '/stream?q=%E8%AF%B4%E6%98%8E');
    const item = page.getByTestId('post-item').filter({ hasText: '<script>' }).first();
    await item.waitFor();
    expect(await item.getByTestId('post-title').textContent()).toBe(XSS_TITLE);
    await item.getByTestId('post-title').click();
    const drawer = page.getByTestId('post-drawer');
    await drawer.getByTestId('drawer-post-text').waitFor();
    expect(await drawer.getByTestId('drawer-post-title').textContent()).toBe(XSS_TITLE);
    expect(await drawer.getByTestId('drawer-post-text').textContent()).toBe(XSS_TEXT);
    // nothing from the payload became an element or a link
    expect(await page.locator('img[src="x"], [onerror]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('body script').count()).toBe(0);
    await screenshot(page, 'xss-as-text');
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(realErrors(errors)).toEqual([]);
    await close();
  });

  it('switches a data page to English', async () => {
    const { page, close } = await newPage();
    await signIn(page, server.url, 'duty1', '/stream');
    await page.getByTestId('post-item').first().waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { level: 2, name: 'Stream' }).waitFor();
    await page.getByText('Fold duplicates').waitFor();
    expect(await page.getByTestId('sentiment-tag').first().textContent()).toMatch(/Negative|Neutral|Positive/);
    await page.getByRole('navigation').getByRole('link', { name: 'Overview', exact: true }).click();
    await page.getByText('Volume by sentiment', { exact: true }).waitFor();
    await page.getByTestId('chart-volume').locator('canvas').first().waitFor();
    await screenshot(page, 'overview-en');
    await close();
  });

  it('fits the overview and the alerts on a phone', async () => {
    const { page, close } = await newPage(PHONE);
    await signIn(page, server.url, 'duty1');
    await page.getByTestId('chart-volume').locator('canvas').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'overview-phone-data');
    await page.goto(`${server.url}/#/alerts`);
    await page.getByTestId('alerts-state').waitFor();
    await page.getByTestId('heightened-card').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'alerts-phone');
    await close();
  });
});
