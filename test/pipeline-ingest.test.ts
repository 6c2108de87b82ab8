import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/analysis/analyze.ts';
import { Gazetteer } from '../src/analysis/gazetteer.ts';
import { Ingestor } from '../src/pipeline/ingest.ts';
import { TrackStage } from '../src/pipeline/track.ts';
import type { CollectedItem, SourceRef } from '../src/pipeline/types.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';

let t: TestStore;
const source: SourceRef = { id: 'src1', name: '县论坛', weight: 1, demo: false };
const now = new Date('2026-11-25T08:00:00Z');

beforeAll(async () => {
  t = await openTestStore();
  const n = now.getTime();
  await t.store.repos.sources.insert({
    id: 'src1', name: '县论坛', kind: 'rss', config: '{}', enabled: 1, interval_s: 600, cron: null, weight: 1, retention_days: null, cursor: null,
    health: '{}', demo: 0, created_at: n, updated_at: n,
  });
});
afterAll(async () => {
  await t.cleanup();
});

function item(i: number, text: string, extra: Partial<CollectedItem> = {}): CollectedItem {
  return { url: `https://bbs.example.cn/t/${i}`, title: text.slice(0, 12), text, published_at: new Date(now.getTime() - (100 - i) * 60_000).toISOString(), author: `网友${i}`, ...extra };
}

describe('ingest pipeline', () => {
  it('stores each post once, with analysis, events and search, and is idempotent on redelivery', async () => {
    const gaz = new Gazetteer([{ name: '治河渡镇', kind: 'place' }, { name: '水务局', kind: 'unit' }]);
    const analyzer = createAnalyzer({ gazetteer: gaz, plans: [{ name: '供水', expression: '停水 OR 自来水' }] });
    const ing = new Ingestor(t.store, analyzer, new TrackStage());
    const items = [
      item(1, '治河渡镇自来水已经停了三天，水务局到现在没有任何说法，老人孩子怎么办？'),
      item(2, '转发：治河渡镇自来水已经停了三天，水务局到现在没有任何说法，老人孩子怎么办？', { url: 'https://weibo.example.cn/2' }),
      item(3, '今天县城的菊花展很漂亮，推荐大家周末去看看，停车也方便。'),
    ];
    const r1 = await ing.ingest(source, items, now, { cursor: { cursor: '{"seen":3}', health: (n) => JSON.stringify({ n }) } });
    expect(r1.stored).toBe(3);
    const r2 = await ing.ingest(source, items, now);
    expect(r2.stored).toBe(0);
    expect(r2.duplicates).toBe(3);
    expect(r2.ids).toEqual(r1.ids);

    const p1 = await t.store.repos.posts.byId(r1.ids[0]!);
    expect(p1?.sentiment_label).toBe('negative');
    expect(JSON.parse(p1!.places!)).toContain('治河渡镇');
    expect(JSON.parse(p1!.units!)).toContain('水务局');
    expect(JSON.parse(p1!.plans!)[0]).toMatchObject({ plan: '供水' });
    const p2 = await t.store.repos.posts.byId(r1.ids[1]!);
    expect(p2?.duplicate_of).toBe(r1.ids[0]);
    expect(p2?.event_id).toBe(p1?.event_id);
    const p3 = await t.store.repos.posts.byId(r1.ids[2]!);
    expect(p3?.event_id).not.toBe(p1?.event_id);

    const found = await t.store.repos.posts.list({ qTokens: ['自来水'], limit: 10, offset: 0 });
    expect(found.map((p) => p.id).sort()).toEqual([r1.ids[0], r1.ids[1]].sort());
    const src = await t.store.repos.sources.byId('src1');
    expect(src?.cursor).toBe('{"seen":3}');
    const ev = await t.store.repos.events.byId(p1!.event_id!);
    expect(ev?.post_count).toBe(2);
  });
});
