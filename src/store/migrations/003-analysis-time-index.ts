/**
 * Index on post_analysis.analyzed_at: the embedded pipeline saves the event tracker's snapshot every few seconds
 * rather than in every batch, and on start replays the posts analysed since the snapshot (src/pipeline/replay.ts).
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('post_analysis_analyzed_idx').ifNotExists().on('post_analysis').column('analyzed_at').execute();
}
