/**
 * Opens a fresh store for a test: a real SQLite file in a temp dir, or — when DATABASE_URL is set (CI's PostgreSQL
 * run) — a fresh schema in that PostgreSQL database, dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/config.ts';
import { openStore, type Store } from '../../src/store/store.ts';

export interface TestStore {
  store: Store;
  dataDir: string;
  databaseUrl?: string;
  cleanup(): Promise<void>;
}

export function testDatabaseUrl(): string | undefined {
  return loadConfig().databaseUrl;
}

/** A fresh, empty PostgreSQL schema; returns a URL whose connections use it. */
export async function freshPgSchema(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export async function openTestStore(): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tf-test-'));
  const base = testDatabaseUrl();
  if (base) {
    const s = await freshPgSchema(base);
    const store = await openStore({ databaseUrl: s.url, dataDir });
    return {
      store,
      dataDir,
      databaseUrl: s.url,
      cleanup: async () => {
        await store.close();
        await s.drop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const store = await openStore({ dataDir });
  return {
    store,
    dataDir,
    cleanup: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
