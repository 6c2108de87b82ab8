/** Opens the store: SQLite (better-sqlite3, WAL) in the data dir, or PostgreSQL (pg pool) when a URL is given. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './dialect.ts';

export interface ConnectOptions {
  databaseUrl?: string;
  dataDir: string;
  /** SQLite file name inside dataDir (default tingfeng.db). */
  fileName?: string;
  poolSize?: number;
}

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// bigint (int8) and numeric come back from pg as strings; our bigints are epoch ms, well inside 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function connect(opts: ConnectOptions): Connection {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      /* idle client errors are reported on next use */
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, opts.fileName ?? 'tingfeng.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
