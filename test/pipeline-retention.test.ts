import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPipeline } from '../src/pipeline/runtime.ts';
import { createRetentionService } from '../src/services/retention.service.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';

let t: TestStore;
const now = new Date('2026-11-25T08:00:00Z');

beforeAll(async () => {
  t = await openTestStore();
});
afterAll(async () => {
  await t.cleanup();
});

describe('retention and evidence', () => {
  it('deletes old posts of a source except those a case cites, logs it, and keeps changed re-fetches as evidence', async () => {
    const n = now.getTime();
    await t.store.repos.sources.insert({ id: 's1', name: '论坛', kind: 'rss', config: '{}', enabled: 1, interval_s: 600, cron: null, weight: 1, retention_days: 7, cursor: null, health: '{}', demo: 0, created_at: n, updated_at: n });
    const p = await buildPipeline(t.store, { dataDir: t.dataDir, events: false });
    const src = { id: 's1', name: '论坛', weight: 1, demo: false };
    const item = (i: number, daysAgo: number, body = `第${i}条内容，关于道路维修的意见`) => ({
      url: `https://bbs.example.cn/t/${i}`, title: `帖子${i}`, text: body, published_at: new Date(n - daysAgo * 86400_000).toISOString(),
      raw: { body: `<html>${body}</html>`, contentType: 'text/html', fetchedAt: now.toISOString(), sha256: String(i).padStart(64, '0').replace(/^0/, body.length % 2 ? 'a' : 'b') },
    });
    const r = await p.ingestor.ingest(src, [item(1, 30), item(2, 30), item(3, 1)], now);
    expect(r.stored).toBe(3);
    const [old1, old2, fresh] = r.ids;
    // A case cites the first old post: it must survive.
    await t.store.repos.cases.insert({
      id: 'c1', number: 'YQ-1', title: 'x', summary: '', status: 'registered', level: null, category: null, places: '[]', lead_unit_id: null, co_unit_ids: '[]',
      post_ids: JSON.stringify([old1]), event_id: null, alert_id: null, origin: 'post', first_response_due: null, reply_due: null, first_response_at: null,
      replied_at: null, satisfaction: null, merged_into: null, state: '{}', created_by: 'u', created_at: n, updated_at: n, closed_at: null, version: 1,
    });
    // Re-fetch of post 3 with changed content: a second evidence version.
    const changed = item(3, 1, '第3条内容，关于道路维修的意见（已编辑）');
    changed.raw.sha256 = 'c'.repeat(64);
    await p.ingestor.ingest(src, [changed], now);
    expect((await t.store.repos.posts.evidence(fresh!)).length).toBe(2);

    const out = await createRetentionService(t.store).run(now);
    expect(out).toEqual([{ sourceId: 's1', name: '论坛', deleted: 1 }]);
    expect(await t.store.repos.posts.byId(old1!)).toBeDefined();
    expect(await t.store.repos.posts.byId(old2!)).toBeUndefined();
    expect(await t.store.repos.posts.byId(fresh!)).toBeDefined();
    expect(await t.store.repos.posts.list({ qTokens: ['道路'], limit: 10, offset: 0 })).toHaveLength(2);
    const audit = await t.store.repos.audit.recent(5, 'source', 's1');
    expect(audit[0]?.action).toBe('retention.run');
  });
});
