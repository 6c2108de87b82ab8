/**
 * 归入事件 / 移出事件: staff add a post (with its copies) to an event, or take it out of its event. Like staff merges
 * and splits, each change reaches the live tracker first (embedded mode), then the store in one transaction:
 * memberships, the posts' event, both events' counts, the event history (op add / remove) and the audit log.
 * A post whose old event would be left empty merges that event into the target (its history says so).
 */
import type { Repos, Store } from '../store/store.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { auditActor, type Actor } from './actor.ts';
import type { TrackerControl } from './event.service.ts';

type Sentiment = 'negative' | 'neutral' | 'positive';

/** Recounts an event's posts, sources, first/last time and sentiment mix from the store. */
async function recount(r: Repos, eventId: string, now: number): Promise<void> {
  const [s, mix] = await Promise.all([r.posts.eventStats(eventId), r.posts.countBy('sentiment', 0, Number.MAX_SAFE_INTEGER, eventId)]);
  const sentiment = { negative: 0, neutral: 0, positive: 0 };
  for (const m of mix) if (m.key in sentiment) sentiment[m.key as Sentiment] = m.n;
  await r.events.update(eventId, {
    post_count: s.posts, source_count: s.sources, sentiment: JSON.stringify(sentiment), updated_at: now,
    ...(s.first !== null && s.last !== null ? { first_seen: s.first, last_seen: s.last } : {}),
  });
}

export function createEventMembership(store: Store, tracker: () => TrackerControl | null) {
  const toTracker = async (ids: string[], to: string | null, now: number) => {
    const ctl = tracker();
    if (!ctl) return; // cluster mode: the track partition keeps its own state (as for merges and splits)
    const briefs = await store.repos.posts.briefs(ids);
    const sentiments = new Set<string>(['negative', 'neutral', 'positive']);
    ctl.move(
      briefs.map((b) => ({ id: b.id, at: b.published_at, source: b.source_id, ...(b.sentiment && sentiments.has(b.sentiment) ? { sentiment: b.sentiment as Sentiment } : {}) })),
      to,
      new Date(now),
    );
  };

  return {
    /** Moves the post (and its copies in the same event, unless `withCopies` is false) into event `id`. */
    async add(actor: Actor, id: string, postId: string, withCopies: boolean, now: number): Promise<void> {
      const [e, post] = await Promise.all([store.repos.events.byId(id), store.repos.posts.byId(postId)]);
      if (!e) throw new AppError('TF_ERR_NOT_FOUND', `event ${id} not found`);
      if (!post) throw new AppError('TF_ERR_NOT_FOUND', `post ${postId} not found`, { path: ['postId'] });
      if (e.status !== 'active') throw new AppError('TF_ERR_CONFLICT', `event ${id} is ${e.status}`);
      const fromId = post.event_id ?? null;
      if (fromId === id) throw new AppError('TF_ERR_CONFLICT', `post ${postId} is already in event ${id}`);
      const copies = withCopies ? await store.repos.posts.copiesInEvent([postId], fromId) : [];
      const ids = [postId, ...copies.filter((c) => c !== postId)];
      const left = fromId ? (await store.repos.posts.eventStats(fromId)).posts - ids.length : 0;
      const emptied = fromId !== null && left <= 0;
      await toTracker(ids, id, now);
      await store.tx(async (r) => {
        if (fromId) await r.events.removeMembers(fromId, ids);
        await r.events.addMembers(ids.map((p) => ({ event_id: id, post_id: p, added_at: now })));
        await r.posts.setEvent(ids, id);
        await recount(r, id, now);
        if (fromId && emptied) await r.events.update(fromId, { status: 'merged', merged_into: id, post_count: 0, updated_at: now });
        else if (fromId) await recount(r, fromId, now);
        await r.events.logMembership([
          ...ids.map((p, i) => ({ id: newId(`mem${i}`, now), event_id: id, post_id: p, op: 'add', other_event_id: fromId, actor_id: actor.userId, at: now })),
          ...(fromId && emptied ? [{ id: newId('memm', now), event_id: id, post_id: null, op: 'merge', other_event_id: fromId, actor_id: actor.userId, at: now }] : []),
        ]);
        await r.audit.append({
          at: now, ...auditActor(actor), action: 'event.add_post', entity: 'event', entityId: id,
          before: { eventId: fromId }, after: { postId, copies: ids.length - 1, ...(emptied ? { merged: fromId } : {}) },
        });
      });
    },

    /** Takes the post (and its copies in the event, unless `withCopies` is false) out of event `id`. */
    async remove(actor: Actor, id: string, postId: string, withCopies: boolean, now: number): Promise<void> {
      const [e, post] = await Promise.all([store.repos.events.byId(id), store.repos.posts.byId(postId)]);
      if (!e) throw new AppError('TF_ERR_NOT_FOUND', `event ${id} not found`);
      if (!post) throw new AppError('TF_ERR_NOT_FOUND', `post ${postId} not found`);
      if (post.event_id !== id) throw new AppError('TF_ERR_NOT_FOUND', `post ${postId} is not in event ${id}`);
      const copies = withCopies ? await store.repos.posts.copiesInEvent([postId], id) : [];
      const ids = [postId, ...copies.filter((c) => c !== postId)];
      if ((await store.repos.posts.eventStats(id)).posts <= ids.length)
        throw new AppError('TF_ERR_VALIDATION', 'an event keeps at least one post: add this post to another event instead, or merge the events', { path: ['postId'] });
      await toTracker(ids, null, now);
      await store.tx(async (r) => {
        await r.events.removeMembers(id, ids);
        await r.posts.setEvent(ids, null);
        await recount(r, id, now);
        await r.events.logMembership(ids.map((p, i) => ({ id: newId(`mem${i}`, now), event_id: id, post_id: p, op: 'remove', other_event_id: null, actor_id: actor.userId, at: now })));
        await r.audit.append({ at: now, ...auditActor(actor), action: 'event.remove_post', entity: 'event', entityId: id, before: { eventId: id }, after: { postId, copies: ids.length - 1 } });
      });
    },
  };
}
