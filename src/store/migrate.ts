/** Runs the schema migrations for either dialect (automatically at start and by `tingfeng migrate`). */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './dialect.ts';
import * as m001 from './migrations/001-domain.ts';
import * as m002 from './migrations/002-postgres-partitions.ts';
import * as m003 from './migrations/003-analysis-time-index.ts';
import * as m004 from './migrations/004-events-level-index.ts';
import * as m005 from './migrations/005-post-counts-hourly.ts';

type DialectMigration = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };
const MIGRATIONS: Record<string, DialectMigration> = { '001-domain': m001, '002-postgres-partitions': m002, '003-analysis-time-index': m003, '004-events-level-index': m004, '005-post-counts-hourly': m005 };

class Provider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => m.up(db, this.dialect) };
    return out;
  }
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  // On PostgreSQL, name the schema: otherwise kysely finds a migration table of ANY schema in the database and
  // then fails to use it through the search path (several desks, or test schemas, in one database).
  const schema =
    dialect === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db,
    provider: new Provider(dialect),
    migrationTableName: 'tf_migrations',
    migrationLockTableName: 'tf_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
