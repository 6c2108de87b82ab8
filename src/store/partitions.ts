/**
 * PostgreSQL month partitions of `posts` and `post_search` (migration 002). `ensurePostPartitions` creates the
 * missing months from `from` through `monthsAhead` months after `now`; the cluster scheduler runs it daily so
 * inserts never depend on DDL. Rows outside every month partition land in the DEFAULT partition (still indexed).
 * SQLite has no partitions: both functions are no-ops there.
 */
import { sql } from 'kysely';
import type { Store } from './store.ts';

export async function ensurePostPartitions(store: Store, now: Date, monthsAhead = 3, monthsBack = 1): Promise<number> {
  if (store.dialect !== 'postgres') return 0;
  const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1);
  const to = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1);
  const r = await sql<{ made: number }>`SELECT tf_ensure_post_partitions(${from}::bigint, ${to}::bigint) AS made`.execute(store.exec.db);
  return Number(r.rows[0]?.made ?? 0);
}

export interface PartitionInfo {
  name: string;
  rows: number;
}

/** The month partitions of posts with their estimated row counts (for `tingfeng cluster status`). */
export async function postPartitions(store: Store): Promise<PartitionInfo[]> {
  if (store.dialect !== 'postgres') return [];
  const r = await sql<{ name: string; rows: number }>`SELECT c.relname AS name, greatest(c.reltuples, 0)::bigint AS rows
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'posts' AND p.relnamespace = c.relnamespace AND pg_table_is_visible(p.oid) ORDER BY c.relname`.execute(store.exec.db);
  return r.rows.map((x) => ({ name: x.name, rows: Number(x.rows) }));
}
