// The overview's window counts (postCounts) give exactly what counting the posts gives (posts.histogram / countBy /
// count), through every way posts and their analysis are written: inserts (duplicates skipped), analysis before and
// after its post, re-analysis, label overrides set and cleared, retention deletes and the demo reset. On SQLite the
// hourly table kept by triggers (migration 005) is also compared with a recount from scratch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { PostAnalysisTable, PostsTable } from '../src/store/schema.ts';
import { recountPostCounts } from '../src/store/migrations/005-post-counts-hourly.ts';
import { splitHours } from '../src/store/repos/post-counts.repo.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-05-01T00:00:00Z');
const SENT = ['negative', 'neutral', 'positive'] as const;
let ts: TestStore;

/** A small deterministic random sequence. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function post(i: number, at: number, source: string, demo = 0): PostsTable {
  return {
    id: `p${i}`, source_id: source, dedupe_key: `k${i}`, url: null, title: null, text: `post ${i}`, author: null,
    published_at: at, fetched_at: at, engagement: null, content_hash: `h${i}`, is_official: 0, demo,
  };
}

function analysis(postId: string, label: string, override: string | null = null): PostAnalysisTable {
  return {
    post_id: postId, keywords: '[]', sentiment_label: label, sentiment_score: 0.5, sentiment_evidence: '[]', label_override: override,
    relevant: null, simhash: '0', duplicate_of: null, places: '[]', units: '[]', plans: '[]', event_id: null, analyzed_at: T0,
  };
}

const sortRows = <T extends object>(rows: T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Every window checked: odd edges, whole hours, less than an hour, empty, and the zone offsets of the desk. */
async function expectSameAsPosts(label: string) {
  const r = ts.store.repos;
  const windows: [number, number][] = [
    [T0 - 5 * H, T0 + 80 * H],
    [T0 + 1234567, T0 + 30 * H + 98765],
    [T0 + 3 * H, T0 + 27 * H],
    [T0 + 5 * H + 10, T0 + 5 * H + 2_000_000],
    [T0 + 7 * H, T0 + 7 * H],
    [T0 + 50 * H + 1, T0 + 75 * H - 1],
  ];
  for (const [from, to] of windows) {
    for (const [bucket, offset] of [[H, 8 * H], [H, 0], [86_400_000, 8 * H], [H, -5 * H], [H, 5.5 * H], [86_400_000, 5.75 * H]] as const) {
      const want = sortRows(await r.posts.histogram(from, to, bucket, offset));
      const got = sortRows(await r.postCounts.histogram(from, to, bucket, offset));
      expect(got, `${label}: histogram ${from}–${to} bucket ${bucket} offset ${offset}`).toEqual(want);
    }
    expect(sortRows(await r.postCounts.countBySource(from, to)), `${label}: by source`).toEqual(sortRows(await r.posts.countBy('source_id', from, to)));
    expect(await r.postCounts.count(from, to), `${label}: count`).toBe(await r.posts.count({ from, to }));
  }
  if (ts.store.dialect === 'sqlite') {
    // the triggers' table equals a recount from scratch (zero rows aside)
    const db = ts.store.exec.db as unknown as Kysely<unknown>;
    const read = async () =>
      sortRows((await sql<{ hour: number; source_id: string; sentiment: string; n: number }>`SELECT hour, source_id, sentiment, n FROM post_counts_hourly WHERE n <> 0`.execute(db)).rows);
    const kept = await read();
    await recountPostCounts(db);
    expect(kept, `${label}: hourly table`).toEqual(await read());
  }
}

beforeAll(async () => {
  ts = await openTestStore();
});
afterAll(async () => {
  await ts?.cleanup();
});

describe('overview window counts', () => {
  it('splits a window into whole hours and the part hours at its ends', () => {
    expect(splitHours(T0 + 10, T0 + 3 * H + 5)).toEqual({ hours: { from: T0 / H + 1, to: T0 / H + 3 }, edges: [[T0 + 10, T0 + H], [T0 + 3 * H, T0 + 3 * H + 5]] });
    expect(splitHours(T0, T0 + 2 * H)).toEqual({ hours: { from: T0 / H, to: T0 / H + 2 }, edges: [] });
    expect(splitHours(T0 + 10, T0 + H + 5)).toEqual({ hours: null, edges: [[T0 + 10, T0 + H + 5]] });
    expect(splitHours(T0 + 5, T0 + 5)).toEqual({ hours: null, edges: [] });
  });

  it('counts as the posts do through inserts, analysis, overrides, re-analysis and deletes', async () => {
    const r = ts.store.repos;
    const rand = rng(7);
    const sources = ['s1', 's2', 's3'];
    const rows = Array.from({ length: 600 }, (_, i) => post(i, T0 - 4 * H + Math.floor(rand() * 84 * H), sources[i % 3]!, i % 10 === 0 ? 1 : 0));
    // a few on exact hour boundaries
    rows.push(post(600, T0 + 5 * H, 's1'), post(601, T0 + 6 * H - 1, 's2'), post(602, T0 + 27 * H, 's3'));
    // analysis for some posts that do not exist yet
    await r.posts.upsertAnalysis([analysis('p5', 'negative'), analysis('p6', 'positive', 'negative')]);
    await r.posts.insertMany(rows);
    // inserting again changes nothing (dedupe)
    await r.posts.insertMany(rows.slice(0, 50));
    await expectSameAsPosts('after insert');

    // most posts analysed (some stay without analysis: counted neutral)
    await r.posts.upsertAnalysis(rows.filter((_, i) => i % 7 !== 0 && i !== 5 && i !== 6).map((p, i) => analysis(p.id, SENT[i % 3]!)));
    await expectSameAsPosts('after analysis');

    // overrides set and cleared; re-analysis with other labels (the override stays)
    for (let i = 0; i < 60; i++) await r.posts.setLabel(`p${i * 9 + 1}`, SENT[i % 3]!);
    for (let i = 0; i < 20; i++) await r.posts.setLabel(`p${i * 18 + 1}`, null);
    await r.posts.upsertAnalysis(rows.filter((_, i) => i % 4 === 1).map((p, i) => analysis(p.id, SENT[(i + 1) % 3]!)));
    await expectSameAsPosts('after overrides and re-analysis');

    // retention: old posts of a source (analysis first, then the post), keeping some
    let skip = 0;
    for (;;) {
      const d = await r.posts.deleteOlderThan('s1', T0 + 20 * H, async (ids) => new Set(ids.filter((id) => id.endsWith('3'))), skip);
      if (d.scanned === 0) break;
      skip += d.scanned - d.deleted;
    }
    await expectSameAsPosts('after retention');

    // demo reset: demo posts and all of source s2
    await r.demo.deleteDemoPosts(['s2']);
    await expectSameAsPosts('after demo reset');
  });

  it('keeps the counts in a transaction that is rolled back', async () => {
    const before = await ts.store.repos.postCounts.count(T0 - 10 * H, T0 + 100 * H);
    await expect(
      ts.store.tx(async (tx) => {
        await tx.posts.insertMany([post(9001, T0 + 2 * H, 's1'), post(9002, T0 + 3 * H, 's3')]);
        await tx.posts.upsertAnalysis([analysis('p9001', 'negative')]);
        expect(await tx.postCounts.count(T0 - 10 * H, T0 + 100 * H)).toBe(before + 2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await ts.store.repos.postCounts.count(T0 - 10 * H, T0 + 100 * H)).toBe(before);
    await expectSameAsPosts('after rollback');
  });
});
