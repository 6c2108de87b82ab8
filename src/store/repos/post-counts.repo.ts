/**
 * Counts of the posts in a time window for the overview: per bucket and sentiment (the volume chart and the window's
 * totals), per source, and in all. On SQLite the whole hours of the window come from post_counts_hourly (kept by
 * triggers, migration 005) and only the part hours at its two ends from the posts themselves; the answers are the
 * same as posts.histogram / countBy / count give (test/store-post-counts.test.ts compares them). PostgreSQL, and
 * buckets that do not fall on whole UTC hours (a zone offset of 5:30), read the posts.
 */
import { sql } from 'kysely';
import type { Exec } from './executor.ts';
import { postsRepo } from './posts.repo.ts';

const HOUR = 3_600_000;

interface Split {
  /** Whole hours [hourFrom, hourTo) (as hour numbers: ms / HOUR), or null when the window holds none. */
  hours: { from: number; to: number } | null;
  /** The parts of the window read from the posts. */
  edges: [number, number][];
}

/** The window's whole UTC hours, and what is left at its ends. */
export function splitHours(from: number, to: number): Split {
  const a = Math.ceil(from / HOUR) * HOUR;
  const b = Math.floor(to / HOUR) * HOUR;
  if (!(a < b)) return { hours: null, edges: from < to ? [[from, to]] : [] };
  const edges: [number, number][] = [];
  if (from < a) edges.push([from, a]);
  if (b < to) edges.push([b, to]);
  return { hours: { from: a / HOUR, to: b / HOUR }, edges };
}

export function postCountsRepo(exec: Exec) {
  const { db, dialect } = exec;
  const posts = postsRepo(exec);
  const hourly = dialect === 'sqlite';

  return {
    /** Posts per bucket and sentiment in [from, to), as posts.histogram (without an event). */
    async histogram(from: number, to: number, bucketMs: number, offsetMs = 0): Promise<{ bucket: number; sentiment: string; n: number }[]> {
      const bucket = Math.round(bucketMs);
      const offset = Math.round(offsetMs);
      if (!hourly || bucket % HOUR !== 0 || offset % HOUR !== 0) return posts.histogram(from, to, bucketMs, offsetMs);
      const { hours, edges } = splitHours(from, to);
      const sum = new Map<string, { bucket: number; sentiment: string; n: number }>();
      const put = (r: { bucket: number; sentiment: string; n: number }) => {
        const k = `${r.bucket}|${r.sentiment}`;
        const e = sum.get(k);
        if (e) e.n += r.n;
        else sum.set(k, { ...r });
      };
      if (hours) {
        // an hour lies wholly in one bucket: the bucket of its first millisecond (the histogram's expression)
        const rows = await sql<{ bucket: number; sentiment: string; n: number }>`
          SELECT CAST((hour * ${HOUR} + ${offset}) / ${bucket} AS INTEGER) * ${bucket} - ${offset} AS bucket, sentiment, SUM(n) AS n
          FROM post_counts_hourly WHERE hour >= ${hours.from} AND hour < ${hours.to} GROUP BY 1, 2`.execute(db);
        for (const r of rows.rows) put({ bucket: Number(r.bucket), sentiment: r.sentiment, n: Number(r.n) });
      }
      for (const [f, t] of edges) for (const r of await posts.histogram(f, t, bucketMs, offsetMs)) put(r);
      return [...sum.values()].filter((r) => r.n !== 0);
    },

    /** Posts per source in [from, to), as posts.countBy('source_id', …). */
    async countBySource(from: number, to: number): Promise<{ key: string; n: number }[]> {
      if (!hourly) return posts.countBy('source_id', from, to);
      const { hours, edges } = splitHours(from, to);
      const sum = new Map<string, number>();
      if (hours) {
        const rows = await sql<{ key: string; n: number }>`
          SELECT source_id AS key, SUM(n) AS n FROM post_counts_hourly WHERE hour >= ${hours.from} AND hour < ${hours.to} GROUP BY 1`.execute(db);
        for (const r of rows.rows) sum.set(r.key, (sum.get(r.key) ?? 0) + Number(r.n));
      }
      for (const [f, t] of edges) for (const r of await posts.countBy('source_id', f, t)) sum.set(r.key, (sum.get(r.key) ?? 0) + r.n);
      return [...sum.entries()].filter(([, n]) => n !== 0).map(([key, n]) => ({ key, n }));
    },

    /** Posts in [from, to), as posts.count({ from, to }). */
    async count(from: number, to: number): Promise<number> {
      if (!hourly) return posts.count({ from, to });
      const { hours, edges } = splitHours(from, to);
      let n = 0;
      if (hours) {
        const r = await sql<{ n: number | null }>`
          SELECT SUM(n) AS n FROM post_counts_hourly WHERE hour >= ${hours.from} AND hour < ${hours.to}`.execute(db);
        n += Number(r.rows[0]?.n ?? 0);
      }
      for (const [f, t] of edges) n += await posts.count({ from: f, to: t });
      return n;
    },
  };
}
