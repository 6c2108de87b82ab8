import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from './helpers/cli.ts';
import { freshPgSchema, testDatabaseUrl } from './helpers/store.ts';
import { openStore } from '../src/store/store.ts';

let dir: string;
let pgUrl: string | undefined;
let drop: (() => Promise<void>) | null = null;
const N = 6000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tf-crash-'));
  const base = testDatabaseUrl();
  if (base) {
    const s = await freshPgSchema(base);
    pgUrl = s.url;
    drop = s.drop;
  }
  const towns = ['城关镇', '治河渡镇', '青石乡', '白马镇', '临江街道'];
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const t = towns[i % towns.length];
    lines.push(JSON.stringify({ id: `L${i}`, title: `${t}第${i}号留言`, text: `${t}居民反映第${i}号问题：小区门口道路破损已有${(i % 30) + 1}天，希望有关部门尽快处理。编号${i * 7919}。`, published_at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString() }));
  }
  // Every line twice: the second copy must never be stored.
  writeFileSync(join(dir, 'posts.jsonl'), [...lines, ...lines].join('\n') + '\n');
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (drop) await drop();
});

async function countPosts(): Promise<number> {
  const store = await openStore({ databaseUrl: pgUrl, dataDir: dir, migrate: false });
  try {
    return await store.repos.posts.count({});
  } finally {
    await store.close();
  }
}

describe('import survives kill -9', () => {
  it('stores every item exactly once after a crash and a re-run', async () => {
    const env = { ...process.env, TINGFENG_DATA_DIR: dir, DATABASE_URL: pgUrl, LOG_LEVEL: 'silent' };
    const child = spawn(process.execPath, [BIN, 'import', join(dir, 'posts.jsonl'), '--source', '测试导入', '--batch-size', '200'], { env, stdio: 'ignore' });
    // Kill it as soon as some (but not all) batches are committed.
    const deadline = Date.now() + 60_000;
    let before = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      before = await countPosts().catch(() => 0);
      if (before > 0) console.log(`killing after ${before} posts`);
      if (before > 0) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(before).toBeGreaterThan(0);
    const partial = await countPosts();
    expect(partial).toBeLessThan(N);
    const again = await runCli(['import', join(dir, 'posts.jsonl'), '--source', '测试导入'], { env, timeoutMs: 240_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(await countPosts()).toBe(N);
    const third = await runCli(['import', join(dir, 'posts.jsonl'), '--source', '测试导入'], { env, timeoutMs: 240_000 });
    expect(third.stdout).toContain('0 new posts stored');
    expect(await countPosts()).toBe(N);
  }, 300_000);
});
