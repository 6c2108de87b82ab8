// Settings pages against the real server: editing a unit's aliases in the gazetteer (and a refused delete naming its
// reasons), the user dictionary (one word, pasted lines with a per-line error, then fixed), and creating a playbook
// with two steps; an analyst sees the playbooks but not the dictionary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { newPage, screenshot, stopBrowser, WEB_DIST } from './harness.ts';
import { startRealServer, type RealServer } from './real-server.ts';
import { realErrors, signIn } from './session.ts';
import { SYSTEM_ACTOR } from '../../src/services/actor.ts';
import type { UserWord } from '../../src/contracts/dictionary.ts';

let server: RealServer;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run `node scripts/build-web.mjs --force` first');
  server = await startRealServer();
  const { services } = server.app;
  const now = Date.now();
  await services.units.create(SYSTEM_ACTOR, { id: 'county', name: '临澜县', kind: 'county', aliases: [] }, now);
  await services.units.create(
    SYSTEM_ACTOR,
    { id: 'chengguan', name: '城关镇', kind: 'town', parentId: 'county', aliases: [] },
    now,
  );
  await services.units.create(SYSTEM_ACTOR, { id: 'water', name: '县水务局', kind: 'bureau', aliases: [] }, now);
  await server.addUser('admin1', 'admin', '管理员');
  await server.addUser('analyst1', 'analyst', '分析员');
});

afterAll(async () => {
  await stopBrowser();
  await server?.close();
});

/** Opens an antd Select by its label inside `scope` and clicks the option with this text. */
async function pick(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

describe('settings: gazetteer, dictionary, playbooks', () => {
  it('edits a unit’s aliases and shows why a unit in use is not deleted', async () => {
    const { page, errors, dialogs, close } = await newPage();
    await signIn(page, server.url, 'admin1', '/settings');
    await page.getByRole('tab', { name: '责任单位' }).click();
    const unitRow = (id: string) => page.getByTestId('units-table').locator(`tr[data-row-key="${id}"]`);
    const row = unitRow('chengguan');
    await row.getByTestId('unit-edit').click();
    const dialog = page.getByRole('dialog', { name: '修改“城关镇”' });
    await dialog.waitFor();
    const aliases = dialog.getByLabel('别名', { exact: true });
    await aliases.click();
    await aliases.pressSequentially('城关');
    await aliases.press('Enter');
    await aliases.pressSequentially('老城区');
    await aliases.press('Enter');
    // close the tag list (it covers the footer) by clicking the dialog's title
    await dialog.getByText('修改“城关镇”').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    expect(await dialog.locator('.ant-select-selection-item').allTextContents()).toEqual(['城关', '老城区']);
    await screenshot(page, 'settings-unit-edit');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByTestId('unit-aliases-cell').filter({ hasText: '城关、老城区' }).waitFor();
    const stored = (await server.app.services.units.list()).find((u) => u.id === 'chengguan');
    expect(stored?.aliases).toEqual(['城关', '老城区']);

    // 临澜县 has 城关镇 below it: the delete is refused and the reason is named.
    await unitRow('county').getByTestId('unit-delete').click();
    await page
      .locator('.ant-popconfirm:visible')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    const inUse = page.getByTestId('unit-in-use');
    await inUse.waitFor();
    expect(await inUse.textContent()).toContain('1 个下级（城关镇）');
    expect(await inUse.textContent()).toContain('TF_ERR_CONFLICT');
    expect((await server.app.services.units.list()).map((u) => u.id)).toContain('county');
    await screenshot(page, 'settings-units');
    expect(realErrors(errors)).toEqual([]);
    expect(dialogs).toEqual([]);
    await close();
  });

  it('adds a dictionary word, names the malformed pasted lines, then adds the fixed ones', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, server.url, 'admin1', '/settings');
    await page.getByRole('tab', { name: '词典' }).click();
    const form = page.locator('form[id="dict-word"]');
    await form.getByLabel('词', { exact: true }).fill('锦绣澜湾');
    await pick(page, form, '词性', 'ns');
    await page.getByTestId('dict-add').click();
    await page.getByTestId('dict-table').getByText('锦绣澜湾').waitFor();
    expect(await page.getByTestId('dict-count').textContent()).toBe('共 1 个词');

    const paste = page.getByTestId('dict-paste');
    await paste.fill('临澜一中 nt\n澜湖大道 很多 ns\n\n城北 新区 100 ns');
    await page.getByTestId('dict-import').click();
    const lineErrors = page.getByTestId('dict-line-error');
    await lineErrors.first().waitFor();
    expect(await lineErrors.allTextContents()).toEqual([
      '第 2 行“澜湖大道 很多 ns”：词频应是 1 到 1000000000 的整数',
      '第 4 行“城北 新区 100 ns”：词中不能有空格（一行最多三部分：词、词频、词性）',
    ]);
    await screenshot(page, 'settings-dictionary-errors');
    const before = await server.app.store.repos.settings.get<UserWord[]>('analysis.userWords');
    expect(before).toEqual([{ word: '锦绣澜湾', tag: 'ns' }]);

    await paste.fill('临澜一中 nt\n澜湖大道 3000 ns\n城北新区 100 ns');
    await page.getByTestId('dict-import').click();
    await page.getByText('已加入 3 个词').waitFor();
    expect(await page.getByTestId('dict-line-errors').count()).toBe(0);
    expect(await page.getByTestId('dict-count').textContent()).toBe('共 4 个词');
    expect(await server.app.store.repos.settings.get<UserWord[]>('analysis.userWords')).toEqual([
      { word: '锦绣澜湾', tag: 'ns' },
      { word: '临澜一中', tag: 'nt' },
      { word: '澜湖大道', freq: 3000, tag: 'ns' },
      { word: '城北新区', freq: 100, tag: 'ns' },
    ]);
    await screenshot(page, 'settings-dictionary');
    expect(realErrors(errors)).toEqual([]);
    await close();
  });

  it('creates a playbook with two steps (role, unit, time limits) as an analyst', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, server.url, 'analyst1', '/settings');
    expect(await page.getByRole('tab', { name: '词典' }).count()).toBe(0);
    await page.getByRole('tab', { name: '预案' }).click();
    await page.getByTestId('playbook-new').click();
    const dialog = page.getByRole('dialog', { name: '新建预案' });
    await dialog.waitFor();
    await dialog.getByLabel('预案名称', { exact: true }).fill('供水中断应急预案');
    await dialog.getByLabel('事件类型', { exact: true }).fill('供水');
    await pick(page, dialog, '级别', 'Ⅱ级');
    await dialog.getByLabel('第 1 步：做什么', { exact: true }).fill('值班员核实情况并报告');
    await pick(page, dialog, '第 1 步：责任角色', '值班员');
    await dialog.getByLabel('第 1 步：时限', { exact: true }).fill('1');
    await dialog.getByTestId('playbook-add-step').click();
    await dialog.getByLabel('第 2 步：做什么', { exact: true }).fill('水务局发布停水通告');
    await pick(page, dialog, '第 2 步：责任单位', '县水务局');
    await dialog.getByLabel('第 2 步：时限', { exact: true }).fill('4');
    await screenshot(page, 'settings-playbook-form');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByTestId('playbooks-table').getByRole('row').filter({ hasText: '供水中断应急预案' });
    await row.waitFor();
    expect(await row.textContent()).toContain('2 步');
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    const steps = page.getByTestId('playbook-step-list');
    await steps.waitFor();
    expect(await steps.textContent()).toContain('水务局发布停水通告 — 县水务局 · 4 小时内');
    const { playbooks } = await server.app.services.playbooks.list();
    expect(playbooks).toHaveLength(1);
    expect(playbooks[0]).toMatchObject({
      name: '供水中断应急预案',
      incidentType: '供水',
      level: 2,
      enabled: true,
      steps: [
        { title: '值班员核实情况并报告', role: 'duty_officer', within: { amount: 1, unit: 'hours' } },
        { title: '水务局发布停水通告', unitId: 'water', within: { amount: 4, unit: 'hours' } },
      ],
    });
    await screenshot(page, 'settings-playbooks');
    expect(realErrors(errors)).toEqual([]);
    await close();
  });
});
