// The stream's level filter, adding a post to an event from the post drawer (and taking it out again), and the
// event page's first poster and spread chart — against the real server with data seeded through the real pipeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { newPage, screenshot, stopBrowser, WEB_DIST } from './harness.ts';
import { startRealServer, type RealServer } from './real-server.ts';
import { seedDesk, type Seeded } from './seed.ts';
import { realErrors, signIn } from './session.ts';

let server: RealServer;
let seeded: Seeded;
let waterEvent: { id: string; title: string };

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error('web/dist is missing: run `node scripts/build-web.mjs --force` first');
  server = await startRealServer();
  seeded = await seedDesk(server);
  await server.addUser('duty1', 'duty_officer', '值班员甲');
  const repos = server.app.store.repos;
  // the water storyline's event is the hottest; give it a Ⅱ level, and every other event none
  const e = (await repos.events.byId(seeded.eventId!))!;
  waterEvent = { id: e.id, title: e.title };
  for (const other of await repos.events.list({ limit: 100, offset: 0 })) await repos.events.update(other.id, { level: null });
  await repos.events.update(e.id, { level: 2 });
});

afterAll(async () => {
  await stopBrowser();
  await server?.close();
});

const streamTotal = async (page: import('playwright-core').Page) =>
  Number((await page.getByTestId('stream-total').textContent())?.replace(/\D/g, ''));

describe('stream level filter, add to event, event spread', () => {
  it('filters the stream by the warning level of the posts’ events', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, server.url, 'duty1', '/stream');
    await page.getByTestId('post-item').first().waitFor();
    const all = await streamTotal(page);
    await page.getByTestId('filter-level').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Ⅱ级（橙色）及以上' }).click();
    await page.waitForURL(/level=2/);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=stream-total]')?.textContent?.replace(/\D/g, '')) < n,
      all,
    );
    const filtered = await streamTotal(page);
    const api = (await page.evaluate(
      async (id) => (await fetch(`/api/posts?eventId=${encodeURIComponent(id)}&fold=true&pageSize=1`)).json(),
      waterEvent.id,
    )) as { total: number };
    expect(filtered).toBe(api.total);
    expect(filtered).toBeGreaterThan(0);
    for (const text of await page.getByTestId('post-item').allTextContents()) expect(text).toContain('治河渡镇');
    await screenshot(page, 'stream-level-filter');
    // Ⅰ only: no event has it
    await page.getByTestId('filter-level').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^Ⅰ级（红色）$/ }).click();
    await page.waitForURL(/level=1/);
    await page.getByText('没有符合条件的信息').waitFor();
    expect(realErrors(errors)).toEqual([]);
    await close();
  });

  it('adds a post to an event from the drawer, shows the spread on the event page, and takes the post out again', async () => {
    const { page, errors, dialogs, close } = await newPage();
    await signIn(page, server.url, 'duty1', '/stream');
    await page.getByLabel('全文检索').fill('菊花展');
    await page.getByLabel('全文检索').press('Enter');
    await page.waitForURL(/q=/);
    const item = page.getByTestId('post-item').filter({ hasText: '菊花展' }).first();
    await item.waitFor();
    const postId = (await item.getAttribute('data-post-id'))!;
    await item.getByTestId('post-title').click();
    const drawer = page.getByTestId('post-drawer');
    const link = drawer.getByTestId('drawer-event-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).not.toContain(waterEvent.id);

    await drawer.getByTestId('add-to-event').click();
    const dialog = page.getByRole('dialog', { name: '将信息归入事件' });
    await dialog.waitFor();
    await dialog.getByTestId('event-pick').click();
    await page.keyboard.type('自来水');
    await page.locator('.ant-select-item-option').filter({ hasText: waterEvent.title.slice(0, 10) }).first().click();
    await screenshot(page, 'drawer-add-to-event');
    await dialog.getByRole('button', { name: '归入事件' }).click();
    await page.getByText('已归入事件').waitFor();
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid=drawer-event-link]')?.getAttribute('href')?.includes(id),
      waterEvent.id,
    );
    expect((await server.app.store.repos.posts.byId(postId))?.event_id).toBe(waterEvent.id);

    await link.click();
    await page.waitForURL(new RegExp(`#/events/${waterEvent.id}`));
    await page.getByTestId('chart-event-spread').locator('canvas').first().waitFor();
    const first = page.getByTestId('event-first-post');
    await first.waitFor();
    expect(await first.textContent()).toMatch(/临澜论坛|微博话题/);
    // the seeded reposts are counted as copies
    expect(await page.getByTestId('event-spread-totals').textContent()).toMatch(/原创 \d+ 条，转载\/重复 [1-9]\d* 条/);
    await page.getByTestId('event-top-copiers').waitFor();
    expect(await page.getByTestId('event-membership').textContent()).toContain(`加入 · ${postId}`);
    await screenshot(page, 'event-spread');

    // back to the post: take it out of the event again
    await page.goto(`${server.url}/#/stream?post=${encodeURIComponent(postId)}`);
    await page.getByTestId('post-drawer').getByTestId('remove-from-event').click();
    await page.getByRole('button', { name: '移出事件' }).last().click();
    await page.getByText('已移出事件').waitFor();
    await page.getByTestId('post-drawer').getByTestId('remove-from-event').waitFor({ state: 'detached' });
    expect((await server.app.store.repos.posts.byId(postId))?.event_id).toBeNull();
    expect(realErrors(errors)).toEqual([]);
    expect(dialogs).toEqual([]);
    await close();
  });
});
