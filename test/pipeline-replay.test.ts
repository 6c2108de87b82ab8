import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPipeline } from '../src/pipeline/runtime.ts';
import { SNAPSHOT_KEY, WATERMARK_KEY } from '../src/pipeline/ingest.ts';
import type { CollectedItem, SourceRef } from '../src/pipeline/types.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';

let t: TestStore;
const source: SourceRef = { id: 'src1', name: '县论坛', weight: 1, demo: false };
const t0 = new Date('2026-11-25T08:00:00Z').getTime();

beforeEach(async () => {
  t = await openTestStore();
  await t.store.repos.sources.insert({
    id: 'src1', name: '县论坛', kind: 'rss', config: '{}', enabled: 1, interval_s: 600, cron: null, weight: 1, retention_days: null, cursor: null,
    health: '{}', demo: 0, created_at: t0, updated_at: t0,
  });
});
afterEach(async () => {
  await t.cleanup();
});

const FLOOD = ['城南路积水严重，车辆无法通行，排水管道堵塞多日', '城南路又积水了，排水管道什么时候疏通', '城南路积水排水问题反映多次仍未解决', '暴雨后城南路积水没过膝盖，排水系统不行'];
const SCHOOL = ['实验小学门口道路施工，接送孩子非常拥堵', '实验小学门口施工围挡占道，上下学拥堵', '实验小学门口拥堵，施工什么时候结束'];

function item(id: string, text: string, minute: number): CollectedItem {
  return { url: `https://bbs.example.cn/t/${id}`, title: text.slice(0, 10), text, published_at: new Date(t0 + minute * 60_000).toISOString() };
}

describe('event tracker state across a crash between saves', () => {
  it('replays the posts stored after the saved state into the events they were stored with', async () => {
    const dataDir = t.dataDir;
    const first = await buildPipeline(t.store, { dataDir });
    // batch 1 (state saved with it), then batches 2–3 inside the save interval: the saved state does not have them
    await first.ingestor.ingest(source, [item('f1', FLOOD[0]!, 0), item('f2', FLOOD[1]!, 1)], new Date(t0 + 2 * 60_000));
    const watermark = await t.store.repos.settings.get<number>(WATERMARK_KEY);
    expect(typeof watermark).toBe('number');
    const b2 = await first.ingestor.ingest(source, [item('s1', SCHOOL[0]!, 3), item('s2', SCHOOL[1]!, 4)], new Date(t0 + 5_000 + 2 * 60_000));
    const b3 = await first.ingestor.ingest(source, [item('f3', FLOOD[2]!, 5)], new Date(t0 + 6_000 + 2 * 60_000));
    expect(await t.store.repos.settings.get<number>(WATERMARK_KEY)).toBe(watermark);
    const schoolEvent = (await t.store.repos.posts.byId(b2.storedIds[0]!))!.event_id!;
    const floodEvent = (await t.store.repos.posts.byId(b3.storedIds[0]!))!.event_id!;
    expect(schoolEvent).not.toBe(floodEvent);
    const liveSize = first.track.instance.event(floodEvent)!.size;
    expect(liveSize).toBe(3);

    // "kill -9": the first pipeline is dropped without saving; a new one starts from the store
    const second = await buildPipeline(t.store, { dataDir });
    const tracker = second.track.instance;
    expect(tracker.event(floodEvent)?.size).toBe(3);
    expect(tracker.event(schoolEvent)?.size).toBe(2); // opened after the saved state: opened again under its id
    expect(tracker.eventOf(b2.storedIds[1]!)).toBe(schoolEvent);

    // the next posts join those events rather than opening copies of them
    const b4 = await second.ingestor.ingest(source, [item('s3', SCHOOL[2]!, 7), item('f4', FLOOD[3]!, 8)], new Date(t0 + 60_000 * 10));
    expect((await t.store.repos.posts.byId(b4.storedIds[0]!))!.event_id).toBe(schoolEvent);
    expect((await t.store.repos.posts.byId(b4.storedIds[1]!))!.event_id).toBe(floodEvent);
    const row = (await t.store.repos.events.byId(floodEvent))!;
    expect(row.post_count).toBe(4);
    // that batch was 10 s after the last save: the state was saved with it, covering everything so far
    expect(await t.store.repos.settings.get<number>(WATERMARK_KEY)).toBeGreaterThan(watermark!);
    const third = await buildPipeline(t.store, { dataDir });
    expect(third.track.instance.event(floodEvent)?.size).toBe(4);
  });

  it('saves the state on request (shutdown, staff changes) so nothing needs replaying', async () => {
    const p = await buildPipeline(t.store, { dataDir: t.dataDir });
    await p.ingestor.ingest(source, [item('f1', FLOOD[0]!, 0)], new Date(t0));
    await p.ingestor.ingest(source, [item('f2', FLOOD[1]!, 1)], new Date(t0 + 1000));
    const before = await t.store.repos.settings.get<{ seq: number }>(SNAPSHOT_KEY);
    expect(before?.seq).toBe(1);
    await p.ingestor.saveSnapshot();
    expect((await t.store.repos.settings.get<{ seq: number }>(SNAPSHOT_KEY))?.seq).toBe(2);
    expect(await t.store.repos.settings.get<number>(WATERMARK_KEY)).toBe(t0 + 1000);
  });

  it('a process that ran no batch never lowers the saved watermark (so the next start replays nothing old)', async () => {
    const p = await buildPipeline(t.store, { dataDir: t.dataDir });
    await p.ingestor.ingest(source, [item('f1', FLOOD[0]!, 0)], new Date(t0));
    await p.ingestor.ingest(source, [item('f2', FLOOD[1]!, 1)], new Date(t0 + 1000));
    await p.ingestor.saveSnapshot();
    const w = await t.store.repos.settings.get<number>(WATERMARK_KEY);
    // e.g. serve --no-collect: builds, replays nothing new, a staff change saves the state
    const idle = await buildPipeline(t.store, { dataDir: t.dataDir });
    await idle.ingestor.saveSnapshot();
    expect(await t.store.repos.settings.get<number>(WATERMARK_KEY)).toBe(w);
    // a desk whose state was saved without a watermark (cluster mode) counts what is stored as covered
    await t.store.repos.settings.set(WATERMARK_KEY, null, t0);
    const fromCluster = await buildPipeline(t.store, { dataDir: t.dataDir });
    expect(fromCluster.ingestor.coveredUntil).toBe(t0 + 1000);
  });
});

