import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareItem } from '../src/pipeline/prepare.ts';
import { createAnalyzer } from '../src/analysis/analyze.ts';
import { Gazetteer } from '../src/analysis/gazetteer.ts';
import { Ingestor } from '../src/pipeline/ingest.ts';
import { inProcess, startAnalysisThread, type AnalyserSpec, type BatchAnalyser } from '../src/pipeline/analysis-thread.ts';
import { generatePosts } from '../src/demo/index.ts';
import { TrackStage } from '../src/pipeline/track.ts';
import type { CollectedItem, SourceRef } from '../src/pipeline/types.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';

let t: TestStore;
const now = new Date('2026-11-25T08:00:00Z');

beforeAll(async () => {
  t = await openTestStore();
  const n = now.getTime();
  for (const id of ['src1', 'src2', 'bulk-inline', 'bulk-thread', 'overlap', 'abort', 'order', 'overlap-store']) {
    await t.store.repos.sources.insert({
      id, name: `县论坛 ${id}`, kind: 'rss', config: '{}', enabled: 1, interval_s: 600, cron: null, weight: 1, retention_days: null, cursor: null,
      health: '{}', demo: 0, created_at: n, updated_at: n,
    });
  }
});

const spec: AnalyserSpec = {
  plans: [{ name: '供水', expression: '停水 OR 自来水' }],
  gazetteer: [{ name: '治河渡镇', kind: 'place' }, { name: '水务局', kind: 'unit' }],
  modelDir: '/nonexistent-tingfeng-models',
  userWords: [],
};
const analysers: [string, string, () => Promise<BatchAnalyser>][] = [
  ['in the calling thread', 'src1', () => Promise.resolve(inProcess(createAnalyzer({ gazetteer: new Gazetteer(spec.gazetteer), plans: spec.plans })))],
  ['in an analysis thread', 'src2', () => startAnalysisThread(spec)],
];
afterAll(async () => {
  await t.cleanup();
});

function item(i: number, text: string, extra: Partial<CollectedItem> = {}): CollectedItem {
  return { url: `https://bbs.example.cn/t/${i}`, title: text.slice(0, 12), text, published_at: new Date(now.getTime() - (100 - i) * 60_000).toISOString(), author: `网友${i}`, ...extra };
}

describe.each(analysers)('ingest pipeline, analysis %s', (_, sourceId, make) => {
  it('stores each post once, with analysis, events and search, and is idempotent on redelivery', async () => {
    const analyser = await make();
    const ing = new Ingestor(t.store, analyser, new TrackStage());
    const source: SourceRef = { id: sourceId, name: '县论坛', weight: 1, demo: false };
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
    expect(found.map((p) => p.id).filter((id) => r1.ids.includes(id)).sort()).toEqual([r1.ids[0], r1.ids[1]].sort());
    const src = await t.store.repos.sources.byId(sourceId);
    expect(src?.cursor).toBe('{"seen":3}');
    const ev = await t.store.repos.events.byId(p1!.event_id!);
    expect(ev?.post_count).toBe(2);
    await analyser.close();
  });
});

describe('analysis thread', () => {
  it('stores the same analyses and events as analysis in the calling thread, over many chunks', async () => {
    const items = [...generatePosts({ seed: 5, start: new Date('2026-11-20T00:00:00Z'), days: 2, postsPerDay: 150 })].map((p) => ({
      url: `https://bbs.example.cn${p.url}`, title: p.title, text: p.text, published_at: p.publishedAt.toISOString(), author: p.author,
    }));
    expect(items.length).toBeGreaterThan(200);
    const runs: Record<string, unknown[]> = {};
    for (const [id, analyser] of [['bulk-inline', analysers[0]![2]], ['bulk-thread', analysers[1]![2]]] as const) {
      const a = await analyser();
      const ing = new Ingestor(t.store, a, new TrackStage());
      const r = await ing.ingest({ id, name: '县论坛', weight: 1, demo: false }, items, now);
      expect(r.stored).toBe(new Set(r.ids).size);
      const rows = await Promise.all(r.ids.map((pid) => t.store.repos.posts.byId(pid)));
      // post ids differ by source: compare what was computed, with ids mapped to input positions
      const pos = new Map(r.ids.map((pid, i) => [pid, i]));
      const firstOfEvent = new Map<string, number>();
      runs[id] = rows.map((p, i) => {
        if (!firstOfEvent.has(p!.event_id!)) firstOfEvent.set(p!.event_id!, i);
        return [p!.keywords, p!.sentiment_label, p!.sentiment_score, p!.simhash, p!.duplicate_of ? pos.get(p!.duplicate_of) : null, p!.places, p!.units, p!.plans, firstOfEvent.get(p!.event_id!)];
      });
      await a.close();
    }
    expect(runs['bulk-thread']).toEqual(runs['bulk-inline']);
  });

  it('fails a batch with a clear error once the thread is gone, and the store keeps nothing of it', async () => {
    const a = await startAnalysisThread(spec);
    await a.close();
    const ing = new Ingestor(t.store, a, new TrackStage());
    const before = await t.store.repos.posts.count({});
    await expect(ing.ingest({ id: 'src2', name: '县论坛', weight: 1, demo: false }, [item(999, '关闭之后的帖子，不应入库。')], now)).rejects.toMatchObject({ code: 'TF_ERR_ANALYSIS_THREAD' });
    expect(await t.store.repos.posts.count({})).toBe(before);
  });

  it('reports a plan with a syntax error instead of failing to start', async () => {
    const a = await startAnalysisThread({ ...spec, plans: [{ name: '坏的', expression: '停水 AND (' }] });
    expect(a.planErrors.map((e) => e.name)).toEqual(['坏的']);
    await a.close();
  });
});

describe('batches in flight', () => {
  const src = (id: string): SourceRef => ({ id, name: '县论坛', weight: 1, demo: false });
  const texts = Array.from({ length: 12 }, (_, i) => `第${i}号楼电梯又坏了，物业三天没来修，老人只能爬楼，请住建局管一管。编号${i * 7919}`);

  it('handed in before the previous one is stored: each item stored once, tracked and stored in call order', async () => {
    const a = await startAnalysisThread(spec);
    const ing = new Ingestor(t.store, a, new TrackStage());
    const first = texts.slice(0, 8).map((x, i) => item(i, x));
    const second = texts.slice(4).map((x, i) => item(i + 4, x)); // items 4..7 are in both
    const [r1, r2] = await Promise.all([ing.ingest(src('overlap'), first, now), ing.ingest(src('overlap'), second, now)]);
    expect(r1.stored).toBe(8);
    expect(r2.stored).toBe(4);
    expect(r2.duplicates).toBe(4);
    expect(r2.ids.slice(0, 4)).toEqual(r1.ids.slice(4));
    const order = [...new Set([...r1.ids, ...r2.ids])];
    const rows = await Promise.all(order.map((id) => t.store.repos.posts.byId(id)));
    expect(rows.every((p) => p?.event_id)).toBe(true);
    // analysed in arrival order across the two batches: a post is only ever a copy of an earlier one
    const copies = rows.filter((p) => p!.duplicate_of);
    expect(copies.length).toBeGreaterThan(0);
    for (const p of copies) expect(order.indexOf(p!.duplicate_of!)).toBeLessThan(order.indexOf(p!.id));
    await a.close();
  });

  it('a failed batch fails the batches in flight behind it, stores nothing of them, and later batches store again', async () => {
    let failNext = true;
    const ing = new Ingestor(t.store, inProcess(createAnalyzer({ plans: spec.plans })), new TrackStage(), {
      afterTrack: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
      },
    });
    const before = await t.store.repos.posts.count({});
    const one = ing.ingest(src('abort'), [item(1, texts[0]!)], now);
    const two = ing.ingest(src('abort'), [item(2, texts[1]!)], now);
    await expect(one).rejects.toThrow('disk full');
    await expect(two).rejects.toMatchObject({ code: 'TF_ERR_INGEST_ABORTED' });
    expect(await t.store.repos.posts.count({})).toBe(before);
    const three = await ing.ingest(src('abort'), [item(1, texts[0]!), item(2, texts[1]!)], now);
    expect(three.stored).toBe(2);
  });

  it('keeps call order when the store answers out of order: analysed, tracked and stored first come, first served', async () => {
    // the first batch's "already stored?" question is answered last
    let calls = 0;
    const slowFirst = new Proxy(t.store.repos.posts, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'existingKeys') return v;
        return async (keys: string[]) => {
          if (calls++ === 0) await new Promise((r) => setTimeout(r, 50));
          return target.existingKeys(keys);
        };
      },
    });
    const store = { ...t.store, repos: { ...t.store.repos, posts: slowFirst } } as typeof t.store;
    const order: string[] = [];
    const ing = new Ingestor(store, inProcess(createAnalyzer({ plans: spec.plans })), new TrackStage(), {
      afterTrack: async (_r, _out, posts) => {
        order.push(...posts.map((p) => p.row.id));
      },
    });
    const original = item(1, texts[3]!);
    const copy = { ...item(2, `转发：${texts[3]!}`), published_at: original.published_at };
    const [r1, r2] = await Promise.all([ing.ingest(src('order'), [original], now), ing.ingest(src('order'), [copy], now)]);
    expect(order).toEqual([r1.ids[0], r2.ids[0]]);
    expect((await t.store.repos.posts.byId(r2.ids[0]!))?.duplicate_of).toBe(r1.ids[0]);
  });

  it('tracks a batch while the one before it is being stored, and stores them in call order', async () => {
    const track = new TrackStage();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const committed: string[] = [];
    const ing = new Ingestor(t.store, inProcess(createAnalyzer({ plans: spec.plans })), track, {
      afterTrack: async (_r, _out, posts) => {
        if (committed.length === 0) await gate; // the first batch's transaction stays open
        committed.push(...posts.map((p) => p.row.id));
      },
    });
    const a = item(1, texts[5]!);
    const b = item(2, texts[9]!);
    const idB = prepareItem(b, src('overlap-store'), now.getTime()).row.id;
    const one = ing.ingest(src('overlap-store'), [a], now);
    const two = ing.ingest(src('overlap-store'), [b], now);
    await vi.waitFor(() => expect(track.instance.eventOf(idB)).toBeDefined());
    expect(committed).toEqual([]);
    release();
    const [r1, r2] = await Promise.all([one, two]);
    expect(committed).toEqual([r1.ids[0], r2.ids[0]]);
    expect(r2.ids[0]).toBe(idB);
  });
});

