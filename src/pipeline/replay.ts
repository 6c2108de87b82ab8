/**
 * Catching the event tracker up after a start: its saved state (tracker.snapshot) covers the posts analysed up to
 * its watermark; the posts stored after that (a crash between two saves) are put back into the events they were
 * stored with, in the order they were analysed — the tracker then holds exactly what the store says.
 */
import { normalizePost } from '../analysis/normalize.ts';
import { segment } from '../analysis/segment.ts';
import { fromHex } from '../analysis/simhash.ts';
import type { SentimentLabel, TrackInput } from '../analysis/events/index.ts';
import type { ReplayRow } from '../store/repos/replay.repo.ts';
import type { Store } from '../store/store.ts';
import type { TrackStage } from './track.ts';

/** At most this many posts are replayed (about 10 s of a busy desk's ingest is far fewer). */
const MAX_REPLAY = 500_000;

function json<T>(s: string, fallback: T): T {
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

export function replayInput(row: ReplayRow): TrackInput {
  const norm = normalizePost(row.title ? `${row.title}\n${row.text}` : row.text);
  const keywords = json<unknown[]>(row.keywords, []).filter((k): k is { term: string; weight: number } => typeof k === 'object' && k !== null && 'term' in k);
  return {
    id: row.id,
    publishedAt: new Date(row.published_at),
    ...(row.title ? { title: norm.text.split('\n')[0] } : {}),
    text: norm.text,
    tokens: segment(norm.text),
    keywords,
    simhash: fromHex(row.simhash),
    duplicateOf: row.duplicate_of,
    places: json<string[]>(row.places, []),
    units: json<string[]>(row.units, []),
    sentiment: { label: row.sentiment_label as SentimentLabel, score: row.sentiment_score },
    source: row.source_id,
    ...(row.engagement ? { engagement: json<Record<string, number>>(row.engagement, {}) } : {}),
  };
}

/** Replays the posts analysed after `watermark`; returns how many and the latest analysis time among them. */
export async function replaySince(store: Store, track: TrackStage, watermark: number): Promise<{ posts: number; latest: number }> {
  const rows = await store.repos.replay.analysedSince(watermark + 1, MAX_REPLAY);
  let latest = watermark;
  for (const row of rows) {
    track.instance.restoreMember(replayInput(row), row.event_id!);
    latest = Math.max(latest, row.analyzed_at);
  }
  return { posts: rows.length, latest };
}
