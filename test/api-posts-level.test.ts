// The stream's level filter when the levelled events hold many posts: the repository then reads newest first within
// the events' span instead of through the memberships (posts.repo.ts, levelScope). Both plans must give the same,
// exact answers: order, pages, capped total, folding, the span's edges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from './helpers/app.ts';
import type { PostAnalysisTable, PostsTable } from '../src/store/schema.ts';

const T0 = Date.parse('2026-11-20T00:00:00Z');
const MIN = 60_000;
let t: TestApp;
let duty: Session;
const expected = { e1: [] as { id: string; at: number; copy: boolean }[], e2: [] as { id: string; at: number; copy: boolean }[] };

function post(id: string, at: number): PostsTable {
  return { id, source_id: 'src', dedupe_key: id, url: null, title: id, text: `正文 ${id}`, author: null, published_at: at, fetched_at: at, engagement: null, content_hash: id, is_official: 0, demo: 0 };
}
function analysis(id: string, eventId: string | null, dupOf: string | null): PostAnalysisTable {
  return {
    post_id: id, keywords: '[]', sentiment_label: 'neutral', sentiment_score: 0.5, sentiment_evidence: '[]', label_override: null, relevant: null, simhash: '0',
    duplicate_of: dupOf, places: '[]', units: '[]', plans: '[]', event_id: eventId, analyzed_at: 0,
  };
}

beforeAll(async () => {
  t = await openTestApp();
  const r = t.store.repos;
  await r.sources.insert({ id: 'src', name: '论坛', kind: 'rss', config: '{}', enabled: 1, interval_s: 600, cron: null, weight: 1, retention_days: null, cursor: null, health: '{}', demo: 0, created_at: T0, updated_at: T0 });
  const posts: PostsTable[] = [];
  const rows: PostAnalysisTable[] = [];
  // e1 (level Ⅰ): 2,400 posts over 40 hours, every third a copy of the one before; 800 unrelated posts in between
  for (let i = 0; i < 2400; i++) {
    const id = `e1-${String(i).padStart(4, '0')}`;
    const at = T0 + i * MIN;
    const copy = i % 3 === 2;
    posts.push(post(id, at));
    rows.push(analysis(id, 'ev-1', copy ? `e1-${String(i - 1).padStart(4, '0')}` : null));
    expected.e1.push({ id, at, copy });
    if (i % 3 === 0) {
      posts.push(post(`n-${i}`, at + 1));
      rows.push(analysis(`n-${i}`, null, null));
    }
  }
  // e2 (level Ⅲ): 30 posts a day later
  for (let i = 0; i < 30; i++) {
    const id = `e2-${i}`;
    const at = T0 + 3 * 86_400_000 + i * MIN;
    posts.push(post(id, at));
    rows.push(analysis(id, 'ev-2', null));
    expected.e2.push({ id, at, copy: false });
  }
  await t.store.tx(async (x) => {
    await x.posts.insertMany(posts);
    await x.posts.upsertAnalysis(rows);
    const ev = (id: string, level: number, list: { at: number }[]) => ({
      id, title: id, keywords: '[]', places: '[]', units: '[]', first_seen: list[0]!.at, last_seen: list.at(-1)!.at, post_count: list.length, source_count: 1, heat: 1,
      level, level_reasons: '[]', sentiment: '{}', representative_post_id: null, status: 'active', merged_into: null, demo: 0, updated_at: T0,
    });
    await x.events.upsertMany([ev('ev-1', 1, expected.e1), ev('ev-2', 3, expected.e2)]);
  });
  duty = await t.addUser('duty', 'duty_officer');
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
});

const newestFirst = (xs: { id: string; at: number }[]) => [...xs].sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1)).map((x) => x.id);

async function page(q: string): Promise<{ ids: string[]; total: number }> {
  const r = await duty.req('GET', `/api/posts?${q}`);
  expect(r.statusCode, r.body).toBe(200);
  const body = r.json() as { posts: { id: string }[]; total: number };
  return { ids: body.posts.map((p) => p.id), total: body.total };
}

describe('level filter over many posts', () => {
  it('pages newest first through the posts of the levelled events, with exact totals', async () => {
    const all = newestFirst(expected.e1);
    expect(await page('level=1&fold=false&pageSize=50')).toEqual({ ids: all.slice(0, 50), total: 2400 });
    expect(await page('level=1&fold=false&pageSize=50&page=47')).toEqual({ ids: all.slice(2300, 2350), total: 2400 });
    // the span's edges: the first and the last post of the event are in
    expect((await page('level=1&fold=false&pageSize=200&page=12')).ids.at(-1)).toBe('e1-0000');
    expect(all[0]).toBe('e1-2399');
  });

  it('folds copies, and widens to the next level', async () => {
    const originals = newestFirst(expected.e1.filter((x) => !x.copy));
    expect(await page('level=1&pageSize=100')).toEqual({ ids: originals.slice(0, 100), total: 1600 });
    const both = newestFirst([...expected.e1, ...expected.e2]);
    expect(await page('level=3&fold=false&pageSize=40')).toEqual({ ids: both.slice(0, 40), total: 2430 });
    expect((await page('level=2&fold=false&pageSize=1')).total).toBe(2400);
    expect((await page('level=4&fold=false&pageSize=1&source=src')).total).toBe(2430);
  });
});
