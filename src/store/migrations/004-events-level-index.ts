/**
 * Index on events.level: the stream's level filter (posts of events at a warning level or more severe) and the
 * events list's minimum level start from the few levelled events, among many (most events never get a level).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('events_level_idx').ifNotExists().on('events').column('level').execute();
}
