/**
 * Staff moves of single posts between events (归入事件 / 移出事件), applied to the live tracker so that its state
 * stays consistent with the store, as staff merges and splits are. Only the tracker's public surface is used.
 *
 * - A post joins the target event with its remembered vector (into the centroid), or, when the tracker no longer
 *   remembers it (its event retired), with what the caller knows of it (time, source, sentiment; no vector).
 * - When every member of the post's old event moves into the target, the old event is merged into the target
 *   (its id then redirects there), exactly as a staff merge.
 * - Moving out of every event (`toEventId` null) never empties an event: the store refuses that before.
 * - A target the tracker does not hold (retired, unknown) only takes the posts out of their old tracker events.
 */
import type { MemberInfo } from './event-state.ts';
import type { EventTracker } from './tracker.ts';
import type { SentimentLabel } from './types.ts';

export interface StaffMovedPost {
  id: string;
  /** Publication time (ms). */
  at: number;
  source?: string;
  sentiment?: SentimentLabel;
}

export interface StaffMoveResult {
  /** The tracker events the posts left (before any merge). */
  from: string[];
  /** The target event in the tracker, when it holds it. */
  to: string | null;
  /** Old events that were emptied and merged into the target. */
  merged: string[];
}

export function movePosts(t: EventTracker, posts: readonly StaffMovedPost[], toEventId: string | null, at: Date): StaffMoveResult {
  const target = toEventId === null ? undefined : t.active.get(t.resolve(toEventId));
  const byFrom = new Map<string, StaffMovedPost[]>();
  const loose: StaffMovedPost[] = [];
  for (const p of posts) {
    const from = t.eventOf(p.id);
    if (from !== undefined && from === target?.id) continue;
    if (from !== undefined && t.active.has(from)) byFrom.set(from, [...(byFrom.get(from) ?? []), p]);
    else loose.push(p);
  }
  const merged: string[] = [];
  for (const [fromId, moving] of byFrom) {
    const ev = t.active.get(fromId)!;
    const all = moving.length >= ev.size && [...ev.members.keys()].every((id) => moving.some((p) => p.id === id));
    if (all && target) {
      t.merge(target.id, fromId, at);
      merged.push(fromId);
      continue;
    }
    if (all) continue; // never leave an empty event behind
    for (const p of moving) {
      const m = ev.removeMember(p.id);
      t.postEvent.delete(p.id);
      if (target) join(t, target.id, m ?? bare(p));
    }
    ev.touched = t.seq;
  }
  if (target) for (const p of loose) join(t, target.id, bare(p));
  else for (const p of loose) t.postEvent.delete(p.id);
  if (target) target.touched = t.seq;
  // the candidate index follows the centroids that changed (a staff action: a full re-index is affordable)
  if (byFrom.size > 0 || loose.length > 0) t.reindex();
  return { from: [...byFrom.keys()], to: target?.id ?? null, merged };
}

function bare(p: StaffMovedPost): MemberInfo {
  return { id: p.id, at: p.at, ...(p.source ? { source: p.source } : {}), ...(p.sentiment ? { sentiment: p.sentiment } : {}) };
}

function join(t: EventTracker, eventId: string, m: MemberInfo): void {
  const ev = t.active.get(eventId)!;
  ev.addMember(m, [], []);
  t.postEvent.set(m.id, ev.id);
}
