/**
 * Store stage: one batch in one transaction — posts, analysis, search index, evidence, event rows and membership,
 * level changes, and the source's cursor and health. A crash at any moment leaves either all of it or none.
 */
import type { Repos, Store } from '../store/store.ts';
import type { EventLevelsTable, EventMembershipLogTable, EventsTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { segmentForIndex } from '../analysis/segment.ts';
import type { AnalysedPost, PreparedPost } from './types.ts';

export interface EventWrites {
  events: EventsTable[];
  members: { event_id: string; post_id: string; added_at: number }[];
  log: EventMembershipLogTable[];
  levels: EventLevelsTable[];
}

export interface PersistInput {
  posts: AnalysedPost[];
  /** Items already stored, fetched again: their evidence is added when it differs (same sha256 = no new row). */
  refetched?: PreparedPost[];
  events?: EventWrites;
  cursor?: { sourceId: string; cursor: string | null; health: string };
  /** Extra writes in the same transaction (alerts raised by this batch). */
  extra?: (r: Repos) => Promise<void>;
}

export async function persistBatch(store: Store, input: PersistInput, now: number): Promise<Set<string>> {
  return store.tx(async (r) => {
    const inserted = await r.posts.insertMany(input.posts.map((p) => p.row));
    const fresh = input.posts.filter((p) => inserted.has(p.row.id));
    await r.posts.upsertAnalysis(
      fresh.map((p) => ({
        post_id: p.row.id,
        keywords: JSON.stringify(p.analysis.keywords),
        sentiment_label: p.analysis.sentiment.label,
        sentiment_score: p.analysis.sentiment.score,
        sentiment_evidence: JSON.stringify(p.analysis.sentiment.evidence),
        label_override: null,
        relevant: null,
        simhash: p.analysis.simhash,
        duplicate_of: p.analysis.duplicateOf,
        places: JSON.stringify(p.analysis.places),
        units: JSON.stringify(p.analysis.units),
        plans: JSON.stringify(p.analysis.plans),
        event_id: p.eventId ?? null,
        analyzed_at: now,
      })),
    );
    await r.posts.indexText(fresh.map((p) => ({ post_id: p.row.id, tokens: p.analysis.index ?? segmentForIndex(p.norm!.text).join(' ') })));
    await r.posts.insertEvidence(
      [...fresh, ...(input.refetched ?? [])]
        .filter((p) => p.evidence)
        .map((p) => ({ id: newId('ev', now), post_id: p.row.id, fetched_at: p.evidence!.fetchedAt, sha256: p.evidence!.sha256, content_type: p.evidence!.contentType, body: p.evidence!.body })),
    );
    if (input.events) {
      const keep = new Set(fresh.map((p) => p.row.id));
      await r.events.upsertMany(input.events.events.filter((e) => e.status !== 'merged'));
      for (const e of input.events.events.filter((x) => x.status === 'merged')) {
        await r.events.update(e.id, { status: 'merged', merged_into: e.merged_into, updated_at: now });
      }
      await r.events.addMembers(input.events.members.filter((m) => keep.has(m.post_id)));
      await r.events.logMembership(input.events.log.filter((l) => l.post_id == null || keep.has(l.post_id)));
      for (const l of input.events.levels) await r.events.logLevel(l);
    }
    if (input.cursor) await r.sources.saveProgress(input.cursor.sourceId, input.cursor.cursor, input.cursor.health, now);
    if (input.extra) await input.extra(r);
    return inserted;
  });
}
