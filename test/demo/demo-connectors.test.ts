/**
 * The demo site read by Tingfeng's real connectors (web-page on the UTF-8 and GBK forums, rss, json-api,
 * spreadsheet) with the settings demoSources() gives: every field must come back as the generator wrote it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/demo/clock.ts';
import { isoChina } from '../../src/demo/post-fields.ts';
import { startDemoSite, type DemoSite } from '../../src/demo/site.ts';
import { demoSources, type DemoSourceConfig } from '../../src/demo/sources.ts';
import type { DemoPost } from '../../src/demo/types.ts';
import { PoliteFetcher } from '../../src/sources/fetch/fetcher.ts';
import { pollOnce, type RawItem } from '../../src/sources/index.ts';

const NOW = new Date('2026-11-25T10:00:00+08:00');
let site: DemoSite;
let dir: string;
let sources: DemoSourceConfig[];
const norm = (s: string) => s.replace(/\s+/g, '');
const minute = (iso: string) => new Date(iso).getTime() - (new Date(iso).getTime() % 60_000);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tf-demo-'));
  const hotlineFile = join(dir, '12345.xlsx');
  site = await startDemoSite({ seed: 8, clock: createManualClock(NOW), hotlineFile, pageSize: 10 });
  sources = demoSources(site.url, { hotlineFile });
});
afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

async function poll(name: RegExp, patch: Record<string, unknown> = {}): Promise<RawItem[]> {
  const s = sources.find((x) => name.test(x.name)) as DemoSourceConfig;
  const fetcher = new PoliteFetcher({ userAgent: 'TingfengTest/1.0 (demo)' });
  try {
    return (await pollOnce(s.kind, { ...s.config, ...patch }, { fetcher, now: NOW })).items;
  } finally {
    await fetcher.close();
  }
}

function byUrl(): Map<string, DemoPost> {
  return new Map(site.posts.map((p) => [site.url + p.url, p]));
}

describe('real connectors on the demo site', () => {
  it('web-page reads the GBK forum: list, pagination and detail pages, every field', async () => {
    const items = await poll(/百姓论坛/, { max_pages: 3 });
    const expected = site.posts.filter((p) => p.section === 'bbs' && p.publishedAt <= NOW).reverse().slice(0, 30);
    expect(items.length).toBe(30);
    const truth = byUrl();
    for (const it of items) {
      const p = truth.get(it.url) as DemoPost;
      expect(p, it.url).toBeDefined();
      expect(it.title).toBe(p.title);
      expect(norm(it.text)).toBe(norm(p.text));
      expect(it.author).toBe(p.author);
      expect(minute(it.published_at)).toBe(minute(isoChina(p.publishedAt)));
    }
    expect(new Set(items.map((i) => i.url))).toEqual(new Set(expected.map((p) => site.url + p.url)));
  });

  it('web-page reads the UTF-8 message board with its letters and official replies', async () => {
    const items = await poll(/县长信箱/, { max_pages: 2 });
    expect(items.length).toBe(20);
    const truth = byUrl();
    for (const it of items) {
      const p = truth.get(it.url) as DemoPost;
      expect(norm(it.text)).toBe(norm(p.text));
      expect(it.author).toBe(p.author);
    }
  });

  it('rss reads the news feed', async () => {
    const items = await poll(/RSS/);
    const truth = byUrl();
    expect(items.length).toBeGreaterThan(10);
    for (const it of items) {
      const p = truth.get(it.url) as DemoPost;
      expect(it.title).toBe(p.title);
      expect(norm(it.text)).toBe(norm(p.text));
      expect(new Date(it.published_at).getTime()).toBe(Math.floor(p.publishedAt.getTime() / 1000) * 1000);
    }
  });

  it('json-api pages through the microblog API with the field mapping', async () => {
    const items = await poll(/JSON API/, { max_pages: 2, page_size: 20 });
    expect(items.length).toBe(40);
    const truth = byUrl();
    for (const it of items) {
      const p = truth.get(it.url) as DemoPost;
      expect(it.text).toBe(p.text);
      expect(it.author).toBe(p.author);
      expect(it.engagement?.likes).toBe(p.engagement.likes);
    }
  });

  it('spreadsheet imports the 12345 export the site writes', async () => {
    const items = await poll(/12345/);
    const tickets = site.posts.filter((p) => p.sourceKind === 'hotline' && p.publishedAt <= NOW && NOW.getTime() - p.publishedAt.getTime() <= 7 * 86_400_000);
    expect(items.length).toBe(tickets.length);
    const byText = new Map(tickets.map((p) => [p.text, p]));
    for (const it of items) {
      const p = byText.get(it.text) as DemoPost;
      expect(p).toBeDefined();
      expect(it.title).toBe(p.title);
      expect(new Date(it.published_at).getTime()).toBe(Math.floor(p.publishedAt.getTime() / 1000) * 1000);
    }
  });
});
