/**
 * The whole domain schema (DESIGN.md glossary), same intent on SQLite and PostgreSQL.
 * Times are UTC epoch milliseconds (bigint) in both stores; JSON is stored as text; booleans as 0/1.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

type Db = Kysely<unknown>;

export async function up(db: Db, dialect: Dialect): Promise<void> {
  const blob = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  const t = db.schema;

  await t
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('bureau'))
    .addColumn('parent_id', 'text')
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the cookie token
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();

  await t
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await t
    .createTable('audit_log')
    .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await t
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('interval_s', 'integer', (c) => c.notNull().defaultTo(900))
    .addColumn('cron', 'text')
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('retention_days', 'integer')
    .addColumn('cursor', 'text')
    .addColumn('health', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text')
    .addColumn('title', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('fetched_at', 'bigint', (c) => c.notNull())
    .addColumn('engagement', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('is_official', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await t.createIndex('posts_published_idx').on('posts').column('published_at').execute();
  await t.createIndex('posts_source_idx').on('posts').columns(['source_id', 'published_at']).execute();
  await t.createIndex('posts_hash_idx').on('posts').column('content_hash').execute();

  await t
    .createTable('post_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('body', blob, (c) => c.notNull())
    .execute();
  await t.createIndex('post_evidence_post_idx').on('post_evidence').columns(['post_id', 'sha256']).unique().execute();

  await t
    .createTable('post_analysis')
    .addColumn('post_id', 'text', (c) => c.primaryKey())
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sentiment_label', 'text', (c) => c.notNull())
    .addColumn('sentiment_score', 'real', (c) => c.notNull())
    .addColumn('sentiment_evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('label_override', 'text')
    .addColumn('relevant', 'integer')
    .addColumn('simhash', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'text')
    .addColumn('places', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('units', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('plans', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('event_id', 'text')
    .addColumn('analyzed_at', 'bigint', (c) => c.notNull())
    .execute();
  await t.createIndex('post_analysis_event_idx').on('post_analysis').column('event_id').execute();
  await t.createIndex('post_analysis_dup_idx').on('post_analysis').column('duplicate_of').execute();

  await t
    .createTable('sentiment_labels')
    .addColumn('post_id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('labelled_by', 'text', (c) => c.notNull())
    .addColumn('labelled_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('expression', 'text', (c) => c.notNull())
    .addColumn('places', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('units', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('places', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('units', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('first_seen', 'bigint', (c) => c.notNull())
    .addColumn('last_seen', 'bigint', (c) => c.notNull())
    .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('heat', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('level', 'integer') // 1..4 (Ⅰ red … Ⅳ blue); null = none
    .addColumn('level_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sentiment', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('representative_post_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('merged_into', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await t.createIndex('events_heat_idx').on('events').columns(['status', 'heat']).execute();

  await t
    .createTable('event_posts')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_posts_pk', ['event_id', 'post_id'])
    .execute();
  await t.createIndex('event_posts_post_idx').on('event_posts').column('post_id').execute();

  await t
    .createTable('event_membership_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('op', 'text', (c) => c.notNull()) // add | remove | merge | split
    .addColumn('other_event_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('event_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('from_level', 'integer')
    .addColumn('to_level', 'integer')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('alert_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('post_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // sent | delivered | acknowledged | escalated | failed
    .addColumn('recipients', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('escalation_step', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_escalation_at', 'bigint')
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await t.createIndex('alerts_status_idx').on('alerts').columns(['status', 'created_at']).execute();

  await t
    .createTable('alert_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('channel_kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // pending | sent | failed
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await t.createIndex('alert_deliveries_alert_idx').on('alert_deliveries').column('alert_id').execute();

  await t
    .createTable('duty_roster')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('chain_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .execute();
  await t.createIndex('duty_roster_time_idx').on('duty_roster').columns(['starts_at', 'ends_at']).execute();

  await t
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level', 'integer')
    .addColumn('category', 'text')
    .addColumn('places', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('lead_unit_id', 'text')
    .addColumn('co_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('post_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('event_id', 'text')
    .addColumn('alert_id', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('manual'))
    .addColumn('first_response_due', 'bigint')
    .addColumn('reply_due', 'bigint')
    .addColumn('first_response_at', 'bigint')
    .addColumn('replied_at', 'bigint')
    .addColumn('satisfaction', 'text')
    .addColumn('merged_into', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await t.createIndex('cases_status_idx').on('cases').columns(['status', 'reply_due']).execute();
  await t.createIndex('cases_unit_idx').on('cases').column('lead_unit_id').execute();

  await t
    .createTable('case_transitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('case_transitions_seq_uq', ['case_id', 'seq'])
    .execute();

  await t
    .createTable('case_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('playbook_id', 'text')
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('due_at', 'bigint')
    .addColumn('done_at', 'bigint')
    .addColumn('done_by', 'text')
    .execute();

  await t
    .createTable('playbooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('incident_type', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('unit_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('period_start', 'bigint', (c) => c.notNull())
    .addColumn('period_end', 'bigint', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('body', blob, (c) => c.notNull())
    .addColumn('generated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await t
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  // Full-text search over pre-segmented tokens.
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE posts_fts USING fts5(post_id UNINDEXED, tokens, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
  } else {
    await sql`CREATE TABLE posts_fts (post_id text PRIMARY KEY, tokens tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX posts_fts_gin ON posts_fts USING gin (tokens)`.execute(db);
  }
}
