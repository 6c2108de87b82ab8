/**
 * What the event tracker needs to catch up after a restart: the posts analysed at or after a time, with their stored
 * analysis and event, in the order they were analysed (src/pipeline/replay.ts).
 */
import type { Exec } from './executor.ts';

export interface ReplayRow {
  id: string;
  source_id: string;
  title: string | null;
  text: string;
  published_at: number;
  engagement: string | null;
  keywords: string;
  sentiment_label: string;
  sentiment_score: number;
  simhash: string;
  duplicate_of: string | null;
  places: string;
  units: string;
  event_id: string | null;
  analyzed_at: number;
}

export function replayRepo({ db }: Exec) {
  return {
    /** The latest analysis time in the store (ms), or null when nothing was analysed. */
    async latestAnalysis(): Promise<number | null> {
      const row = await db.selectFrom('post_analysis').select('analyzed_at').orderBy('analyzed_at', 'desc').limit(1).executeTakeFirst();
      return row ? Number(row.analyzed_at) : null;
    },
    /** Posts analysed at or after `since` (ms) that belong to an event, oldest analysis first; at most `limit`. */
    async analysedSince(since: number, limit: number): Promise<ReplayRow[]> {
      const rows = await db
        .selectFrom('post_analysis')
        .innerJoin('posts', 'posts.id', 'post_analysis.post_id')
        .select([
          'posts.id', 'posts.source_id', 'posts.title', 'posts.text', 'posts.published_at', 'posts.engagement',
          'post_analysis.keywords', 'post_analysis.sentiment_label', 'post_analysis.sentiment_score', 'post_analysis.simhash',
          'post_analysis.duplicate_of', 'post_analysis.places', 'post_analysis.units', 'post_analysis.event_id', 'post_analysis.analyzed_at',
        ])
        .where('post_analysis.analyzed_at', '>=', since)
        .where('post_analysis.event_id', 'is not', null)
        .orderBy('post_analysis.analyzed_at')
        .orderBy('posts.published_at')
        .orderBy('posts.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, published_at: Number(r.published_at), analyzed_at: Number(r.analyzed_at), sentiment_score: Number(r.sentiment_score) }));
    },
  };
}
