/**
 * PostgreSQL only (SQLite is unchanged): posts partitioned by month for the cluster mode (issue 10).
 *
 * A partitioned table's unique constraints must contain the partition key, so `posts.dedupe_key` can no longer be
 * globally unique there. Instead:
 *  - `post_keys (dedupe_key PRIMARY KEY, post_id UNIQUE, published_at)` is the small idempotency table: a post is
 *    inserted only when its key row is (one statement, see posts.repo.ts insertMany);
 *  - `posts` is PARTITION BY RANGE (published_at), one partition per UTC month plus a DEFAULT partition, primary
 *    key (id, published_at); the post id is a hash of the dedupe key, so it is unique as well;
 *  - the full-text index moves to `post_search (post_id, published_at, tokens)`, partitioned by the same months
 *    with a GIN index per partition; `posts_fts` becomes a view over it, with INSTEAD OF triggers so the existing
 *    search and indexing code keeps working (INSERT takes published_at from post_keys).
 *  - deleting a post (retention) deletes its key and search row, so a later re-fetch stores it again.
 * `tf_ensure_post_partitions(from_ms, to_ms)` creates the missing month partitions in a range (skipping a month the
 * DEFAULT partition already holds rows for); the migration covers the existing data and the next 12 months, and
 * the cluster scheduler calls it daily (src/store/partitions.ts) to stay ahead.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

type Db = Kysely<unknown>;

const POST_COLUMNS = `id text NOT NULL, source_id text NOT NULL, dedupe_key text NOT NULL, url text, title text, text text NOT NULL,
  author text, published_at bigint NOT NULL, fetched_at bigint NOT NULL, engagement text, content_hash text NOT NULL,
  is_official integer NOT NULL DEFAULT 0, demo integer NOT NULL DEFAULT 0`;

const ENSURE_FN = `
CREATE OR REPLACE FUNCTION tf_ensure_post_partitions(from_ms bigint, to_ms bigint) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  m timestamp := date_trunc('month', to_timestamp(from_ms / 1000.0) AT TIME ZONE 'UTC');
  stop timestamp := to_timestamp(to_ms / 1000.0) AT TIME ZONE 'UTC';
  lo bigint; hi bigint; suffix text; made integer := 0; busy boolean;
BEGIN
  WHILE m <= stop LOOP
    lo := (extract(epoch FROM (m AT TIME ZONE 'UTC')) * 1000)::bigint;
    hi := (extract(epoch FROM ((m + interval '1 month') AT TIME ZONE 'UTC')) * 1000)::bigint;
    suffix := to_char(m, '"y"YYYY"m"MM');
    IF to_regclass('posts_' || suffix) IS NULL THEN
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM posts_default WHERE published_at >= %s AND published_at < %s)', lo, hi) INTO busy;
      IF NOT busy THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF posts FOR VALUES FROM (%s) TO (%s)', 'posts_' || suffix, lo, hi);
        made := made + 1;
      END IF;
    END IF;
    IF to_regclass('post_search_' || suffix) IS NULL THEN
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM post_search_default WHERE published_at >= %s AND published_at < %s)', lo, hi) INTO busy;
      IF NOT busy THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF post_search FOR VALUES FROM (%s) TO (%s)', 'post_search_' || suffix, lo, hi);
      END IF;
    END IF;
    m := m + interval '1 month';
  END LOOP;
  RETURN made;
END
$fn$`;

const TRIGGERS = `
CREATE OR REPLACE FUNCTION tf_posts_fts_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO post_search (post_id, published_at, tokens)
    SELECT NEW.post_id, k.published_at, NEW.tokens FROM post_keys k WHERE k.post_id = NEW.post_id
    ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$fn$;
CREATE OR REPLACE FUNCTION tf_posts_fts_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM post_search WHERE post_id = OLD.post_id;
  RETURN OLD;
END
$fn$;
CREATE OR REPLACE FUNCTION tf_posts_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM post_keys WHERE post_id = OLD.id;
  DELETE FROM post_search WHERE post_id = OLD.id;
  RETURN OLD;
END
$fn$`;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  const run = (text: string) => sql.raw(text).execute(db);
  await run('ALTER TABLE posts RENAME TO posts_unpartitioned');
  for (const idx of ['posts_published_idx', 'posts_source_idx', 'posts_hash_idx']) await run(`ALTER INDEX ${idx} RENAME TO ${idx}_old`);
  await run(`CREATE TABLE posts (${POST_COLUMNS}, PRIMARY KEY (id, published_at)) PARTITION BY RANGE (published_at)`);
  await run('CREATE TABLE posts_default PARTITION OF posts DEFAULT');
  await run('CREATE INDEX posts_published_idx ON posts (published_at)');
  await run('CREATE INDEX posts_source_idx ON posts (source_id, published_at)');
  await run('CREATE INDEX posts_hash_idx ON posts (content_hash)');
  await run('CREATE TABLE post_keys (dedupe_key text PRIMARY KEY, post_id text NOT NULL UNIQUE, published_at bigint NOT NULL)');
  await run('CREATE TABLE post_search (post_id text NOT NULL, published_at bigint NOT NULL, tokens tsvector NOT NULL, PRIMARY KEY (post_id, published_at)) PARTITION BY RANGE (published_at)');
  await run('CREATE TABLE post_search_default PARTITION OF post_search DEFAULT');
  await run('CREATE INDEX post_search_gin ON post_search USING gin (tokens)');
  await run(ENSURE_FN);
  await run(`SELECT tf_ensure_post_partitions(
      coalesce((SELECT min(published_at) FROM posts_unpartitioned), (extract(epoch FROM now()) * 1000)::bigint),
      (extract(epoch FROM now() + interval '12 months') * 1000)::bigint)`);
  await run('INSERT INTO posts SELECT * FROM posts_unpartitioned');
  await run('INSERT INTO post_keys (dedupe_key, post_id, published_at) SELECT dedupe_key, id, published_at FROM posts_unpartitioned');
  await run('INSERT INTO post_search (post_id, published_at, tokens) SELECT f.post_id, p.published_at, f.tokens FROM posts_fts f JOIN posts_unpartitioned p ON p.id = f.post_id');
  await run('DROP TABLE posts_fts');
  await run('DROP TABLE posts_unpartitioned');
  await run('CREATE VIEW posts_fts AS SELECT post_id, tokens FROM post_search');
  await run(TRIGGERS);
  await run('CREATE TRIGGER posts_fts_insert INSTEAD OF INSERT ON posts_fts FOR EACH ROW EXECUTE FUNCTION tf_posts_fts_insert()');
  await run('CREATE TRIGGER posts_fts_delete INSTEAD OF DELETE ON posts_fts FOR EACH ROW EXECUTE FUNCTION tf_posts_fts_delete()');
  await run('CREATE TRIGGER posts_deleted AFTER DELETE ON posts FOR EACH ROW EXECUTE FUNCTION tf_posts_deleted()');
}
