/**
 * 传播: how an event's posts spread. The first poster (the earliest post; when that post is a copy, its original),
 * original posts against copies and reposts (posts folded as near-duplicates of another) per hour — per day for
 * events longer than four days — in the office time zone, and the sources ranked by the copies they carried.
 */
import type { Store } from '../store/store.ts';
import type { EventSpread } from '../contracts/events.ts';
import { AppError } from '../errors.ts';
import { tzOffsetMs } from './time.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (t: number) => new Date(t).toISOString();

/** Hour buckets for events up to four days long, else days (the event page's trend uses the same rule). */
export function spreadBucket(first: number, last: number): 'hour' | 'day' {
  return last - first <= 4 * DAY ? 'hour' : 'day';
}

export async function eventSpread(store: Store, id: string, timezone: string, topSources = 10): Promise<EventSpread> {
  const e = await store.repos.events.byId(id);
  if (!e) throw new AppError('TF_ERR_NOT_FOUND', `event ${id} not found`);
  const stats = await store.repos.posts.eventStats(id);
  const first = stats.first ?? e.first_seen;
  const last = stats.last ?? e.last_seen;
  const bucket = spreadBucket(first, last);
  const ms = bucket === 'hour' ? HOUR : DAY;
  const offset = tzOffsetMs(timezone, new Date(last));
  const [rows, bySource, earliest, sources] = await Promise.all([
    store.repos.posts.eventSpread(id, ms, offset),
    store.repos.posts.eventSources(id),
    store.repos.posts.firstOfEvent(id),
    store.repos.sources.list(),
  ]);
  const names = new Map(sources.map((s) => [s.id, s.name]));

  const points = new Map<number, { originals: number; copies: number }>();
  if (rows.length > 0) {
    const lo = Math.min(...rows.map((r) => r.bucket));
    const hi = Math.max(...rows.map((r) => r.bucket));
    for (let t = lo; t <= hi; t += ms) points.set(t, { originals: 0, copies: 0 });
  }
  const totals = { originals: 0, copies: 0 };
  for (const r of rows) {
    const p = points.get(r.bucket) ?? { originals: 0, copies: 0 };
    p[r.copy ? 'copies' : 'originals'] += r.n;
    totals[r.copy ? 'copies' : 'originals'] += r.n;
    points.set(r.bucket, p);
  }

  let firstPost = earliest;
  let outsideEvent = false;
  if (earliest?.duplicate_of) {
    const original = await store.repos.posts.byId(earliest.duplicate_of);
    if (original) {
      firstPost = original;
      outsideEvent = original.event_id !== id;
    }
  }

  return {
    eventId: id,
    bucket,
    first: firstPost
      ? {
          postId: firstPost.id, sourceId: firstPost.source_id, sourceName: names.get(firstPost.source_id) ?? null, author: firstPost.author,
          title: firstPost.title, url: firstPost.url, publishedAt: iso(Number(firstPost.published_at)), outsideEvent,
        }
      : null,
    totals,
    series: [...points.entries()].sort((a, b) => a[0] - b[0]).map(([at, p]) => ({ at: iso(at), ...p })),
    sources: bySource
      .sort((a, b) => b.copies - a.copies || b.originals - a.originals || a.firstAt - b.firstAt)
      .slice(0, topSources)
      .map((s) => ({ sourceId: s.sourceId, name: names.get(s.sourceId) ?? null, originals: s.originals, copies: s.copies, firstAt: iso(s.firstAt) })),
  };
}
