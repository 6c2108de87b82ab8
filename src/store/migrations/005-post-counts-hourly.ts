/**
 * Posts per hour, source and sentiment (SQLite): the overview's volume chart, totals and sources for a window read
 * its whole hours from here instead of joining each post of the window with its analysis (at 1M posts the join took
 * 100–300 ms for a day's 33k posts, and better-sqlite3 runs on the server's only thread). Triggers on posts and
 * post_analysis keep it exact in the writing transaction, whatever writes (pipeline, bulk load, label overrides,
 * retention, demo reset). The sentiment is the histogram's: coalesce(label_override, sentiment_label, 'neutral'),
 * 'neutral' while a post has no analysis. The hour is UTC: CAST(published_at / 3600000 AS INTEGER).
 *
 * PostgreSQL reads the posts directly (nothing here).
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

const HOUR = 3_600_000;
const hourOf = (col: string) => `CAST(${col} / ${HOUR} AS INTEGER)`;
const labelOf = (postId: string) =>
  `coalesce((SELECT coalesce(label_override, sentiment_label) FROM post_analysis WHERE post_id = ${postId}), 'neutral')`;
const UPSERT = 'ON CONFLICT (hour, source_id, sentiment) DO UPDATE SET n = n + excluded.n';
const add = (hour: string, source: string, label: string, n: number) =>
  `INSERT INTO post_counts_hourly (hour, source_id, sentiment, n) VALUES (${hour}, ${source}, ${label}, ${n}) ${UPSERT};`;
/** n for the post `postId` (if it exists), under `label`. */
const addForPost = (postId: string, label: string, n: number, when = '') =>
  `INSERT INTO post_counts_hourly (hour, source_id, sentiment, n) SELECT ${hourOf('published_at')}, source_id, ${label}, ${n} FROM posts WHERE id = ${postId}${when} ${UPSERT};`;
const ownLabel = (row: 'OLD' | 'NEW') => `coalesce(${row}.label_override, ${row}.sentiment_label, 'neutral')`;

const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS post_counts_hourly (
     hour INTEGER NOT NULL, source_id TEXT NOT NULL, sentiment TEXT NOT NULL, n INTEGER NOT NULL,
     PRIMARY KEY (hour, source_id, sentiment)
   ) WITHOUT ROWID`,
  `CREATE TRIGGER IF NOT EXISTS post_counts_posts_insert AFTER INSERT ON posts BEGIN
     ${add(hourOf('NEW.published_at'), 'NEW.source_id', labelOf('NEW.id'), 1)}
   END`,
  `CREATE TRIGGER IF NOT EXISTS post_counts_posts_delete AFTER DELETE ON posts BEGIN
     ${add(hourOf('OLD.published_at'), 'OLD.source_id', labelOf('OLD.id'), -1)}
   END`,
  `CREATE TRIGGER IF NOT EXISTS post_counts_posts_update AFTER UPDATE OF id, source_id, published_at ON posts BEGIN
     ${add(hourOf('OLD.published_at'), 'OLD.source_id', labelOf('OLD.id'), -1)}
     ${add(hourOf('NEW.published_at'), 'NEW.source_id', labelOf('NEW.id'), 1)}
   END`,
  // a post analysed: from 'neutral' (no analysis) to its label
  `CREATE TRIGGER IF NOT EXISTS post_counts_analysis_insert AFTER INSERT ON post_analysis BEGIN
     ${addForPost('NEW.post_id', `'neutral'`, -1)}
     ${addForPost('NEW.post_id', ownLabel('NEW'), 1)}
   END`,
  `CREATE TRIGGER IF NOT EXISTS post_counts_analysis_delete AFTER DELETE ON post_analysis BEGIN
     ${addForPost('OLD.post_id', ownLabel('OLD'), -1)}
     ${addForPost('OLD.post_id', `'neutral'`, 1)}
   END`,
  `CREATE TRIGGER IF NOT EXISTS post_counts_analysis_update AFTER UPDATE OF post_id, label_override, sentiment_label ON post_analysis
   WHEN OLD.post_id IS NOT NEW.post_id OR ${ownLabel('OLD')} IS NOT ${ownLabel('NEW')} BEGIN
     ${addForPost('OLD.post_id', ownLabel('OLD'), -1)}
     ${addForPost('OLD.post_id', `'neutral'`, 1, ' AND OLD.post_id IS NOT NEW.post_id')}
     ${addForPost('NEW.post_id', `'neutral'`, -1, ' AND OLD.post_id IS NOT NEW.post_id')}
     ${addForPost('NEW.post_id', ownLabel('NEW'), 1)}
   END`,
];

/** Recounts the table from the posts (the migration's backfill; tests compare the triggers' counts with it). */
export async function recountPostCounts(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM post_counts_hourly`.execute(db);
  await sql
    .raw(
      `INSERT INTO post_counts_hourly (hour, source_id, sentiment, n)
       SELECT ${hourOf('p.published_at')}, p.source_id, coalesce(a.label_override, a.sentiment_label, 'neutral'), count(*)
       FROM posts p LEFT JOIN post_analysis a ON a.post_id = p.id WHERE true GROUP BY 1, 2, 3`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') return;
  for (const s of STATEMENTS) await sql.raw(s).execute(db);
  await recountPostCounts(db);
}
