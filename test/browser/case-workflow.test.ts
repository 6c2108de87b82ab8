// A case moved through its whole workflow in the browser by three roles: the duty officer registers it from an
// event and assesses it (level Ⅱ needs a leader's instruction), the leader instructs on a phone, the duty officer
// assigns it to the water bureau, the bureau's liaison records progress and the official reply, and the duty
// officer records the feedback and closes it. Each step uses only the actions the server allows that role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newPage, PHONE, screenshot, stopBrowser, WEB_DIST, type TestPage } from './harness.ts';
import { startRealServer, type RealServer } from './real-server.ts';
import { seedDesk, type Seeded } from './seed.ts';
import { realErrors, signIn } from './session.ts';

let server: RealServer;
let seeded: Seeded;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run `node scripts/build-web.mjs --force` first');
  server = await startRealServer();
  seeded = await seedDesk(server);
  await server.addUser('duty1', 'duty_officer', '值班员甲');
  await server.addUser('leader1', 'leader', '王局长');
  await server.addUser('water1', 'unit_liaison', '水务局联络员', seeded.units.water);
});

afterAll(async () => {
  await stopBrowser();
  await server?.close();
});

async function act(
  page: Page,
  action: string,
  fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
  expectStatus: string,
): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: '提交' }).click();
  await page.locator(`[data-testid=case-status][data-status="${expectStatus}"]`).first().waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

async function pick(page: Page, label: string, option: string, dialog: ReturnType<Page['getByRole']>): Promise<void> {
  await dialog.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

/** The action buttons offered now; waits (up to 10 s) for the panel to render them after a navigation or reload. */
async function actions(page: Page): Promise<string[]> {
  const read = async () =>
    (await page
      .getByTestId('case-actions')
      .locator('button')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid') ?? ''))).map((id) => id.replace('action-', ''));
  const until = Date.now() + 10_000;
  let ids = await read();
  while (ids.length === 0 && Date.now() < until) {
    await page.waitForTimeout(200);
    ids = await read();
  }
  return ids;
}

describe('case workflow across three roles', () => {
  it('registers, assesses, instructs, assigns, handles, replies, follows up and closes', async () => {
    const open: TestPage[] = [];
    try {
      // duty officer: register from the event page, then assess as level Ⅱ
      const duty = await newPage();
      open.push(duty);
      await signIn(duty.page, server.url, 'duty1', `/events/${encodeURIComponent(seeded.eventId!)}`);
      await duty.page.getByRole('button', { name: '登记台账' }).click();
      await duty.page.waitForURL(/#\/cases\/[^/]+$/);
      const caseUrl = duty.page.url();
      await duty.page.locator('[data-testid=case-status][data-status=registered]').first().waitFor();
      expect(await actions(duty.page)).toEqual(['assess', 'merge']);
      await act(
        duty.page,
        'assess',
        async (d) => {
          await d.getByText('Ⅱ级（橙色）').click();
          await d.getByLabel('类别').fill('供水');
          await d.getByLabel('备注').fill('多名网友反映停水，已与水务局电话核实属实。');
        },
        'assessed',
      );
      // a level Ⅱ case needs the leader's instruction first: the duty officer is not offered "assign"
      expect(await actions(duty.page)).not.toContain('assign');
      await screenshot(duty.page, 'case-assessed');

      // leader, on a phone: instruct
      const leader = await newPage(PHONE);
      open.push(leader);
      await signIn(leader.page, server.url, 'leader1', new URL(caseUrl).hash.slice(1));
      await leader.page.locator('[data-testid=case-status][data-status=assessed]').first().waitFor();
      await act(
        leader.page,
        'instruct',
        (d) => d.getByLabel('批示内容').fill('请县水务局立即核查原因，24 小时内恢复供水并公开答复。'),
        'instructed',
      );
      expect(await leader.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(leader.page, 'case-leader-phone');

      // duty officer: assign to the water bureau
      await duty.page.reload();
      await duty.page.locator('[data-testid=case-status][data-status=instructed]').first().waitFor();
      await act(duty.page, 'assign', (d) => pick(duty.page, '承办单位', '县水务局', d), 'assigned');

      // unit liaison: sees the case in the ledger, records progress and the official reply for their unit
      const liaison = await newPage();
      open.push(liaison);
      await signIn(liaison.page, server.url, 'water1', '/cases');
      await liaison.page.getByTestId('cases-table').getByRole('link').first().click();
      await liaison.page.locator('[data-testid=case-status][data-status=assigned]').first().waitFor();
      expect(await actions(liaison.page)).toEqual(expect.arrayContaining(['progress', 'reply', 'return']));
      await act(
        liaison.page,
        'progress',
        (d) => d.getByLabel('内容').fill('已派抢修队，管道爆裂点已找到，正在抢修。'),
        'in_progress',
      );
      await act(
        liaison.page,
        'reply',
        async (d) => {
          await pick(liaison.page, '答复渠道', '微博', d);
          await d
            .getByLabel('答复内容')
            .fill('治河渡镇停水系主管道爆裂所致，今日 18 时前恢复供水。给大家带来不便，深表歉意。');
          await d.getByLabel('答复链接（可选）').fill('https://weibo.example.cn/shuiwu/1');
        },
        'replied',
      );
      await screenshot(liaison.page, 'case-liaison-replied');

      // duty officer: feedback from the person who complained, then close
      await duty.page.reload();
      await duty.page.locator('[data-testid=case-status][data-status=replied]').first().waitFor();
      await act(duty.page, 'feedback', (d) => d.getByText('满意', { exact: true }).click(), 'feedback');
      await act(duty.page, 'close', (d) => d.getByLabel('备注').fill('供水已恢复，群众满意。'), 'closed');
      const steps = await duty.page
        .getByTestId('case-transition')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      expect(steps).toEqual(['register', 'assess', 'instruct', 'assign', 'progress', 'reply', 'feedback', 'close']);
      const history = await duty.page.getByTestId('case-history').textContent();
      expect(history).toContain('24 小时内恢复供水并公开答复');
      expect(history).toContain('县水务局');
      await screenshot(duty.page, 'case-closed');

      // the ledger shows it closed; the liaison's view is limited to their unit
      await duty.page.getByRole('navigation').getByRole('link', { name: '台账', exact: true }).click();
      await duty.page.getByTestId('cases-table').waitFor();
      await screenshot(duty.page, 'ledger');
      for (const p of open) expect(realErrors(p.errors)).toEqual([]);
    } finally {
      for (const p of open) await p.close();
    }
  });
});
