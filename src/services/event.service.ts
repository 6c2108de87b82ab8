import type { Store } from '../store/store.ts';
import type { EventsTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import type { EventSummary } from '../contracts/events.ts';
import { auditActor, type Actor } from './actor.ts';
import { createEventMembership } from './event-membership.ts';
import { eventSpread } from './event-spread.ts';

const iso = (t: number) => new Date(t).toISOString();

export function toEventSummary(e: EventsTable): EventSummary {
  const kw = parseJson<({ term: string } | string)[]>(e.keywords, []);
  const mix = parseJson<{ negative?: number; neutral?: number; positive?: number }>(e.sentiment, {});
  return {
    id: e.id, title: e.title, keywords: kw.map((k) => (typeof k === 'string' ? k : k.term)), places: parseJson(e.places, []), units: parseJson(e.units, []),
    firstSeen: iso(e.first_seen), lastSeen: iso(e.last_seen), postCount: e.post_count, sourceCount: e.source_count, heat: e.heat, level: e.level,
    reasons: parseJson<string[]>(e.level_reasons, []), sentiment: { negative: mix.negative ?? 0, neutral: mix.neutral ?? 0, positive: mix.positive ?? 0 },
    representativePostId: e.representative_post_id, status: e.status, demo: e.demo === 1,
  };
}

/** Staff merge/split/add/remove must also reach the live tracker so that its state stays consistent with the store. */
export interface TrackerControl {
  merge(keepId: string, otherId: string, at: Date): void;
  split(eventId: string, postIds: string[], at: Date): { newEventId: string };
  /** 归入/移出: posts move into `toEventId` (null: out of every event); `at` is each post's publication time (ms). */
  move(posts: { id: string; at: number; source?: string; sentiment?: 'negative' | 'neutral' | 'positive' }[], toEventId: string | null, at: Date): void;
}

export function createEventService(store: Store, opts: { timezone: string; tracker?: () => TrackerControl | null }) {
  const membership = createEventMembership(store, () => opts.tracker?.() ?? null);
  return {
    async list(q: { q?: string; minLevel?: number; from?: string; page: number; pageSize: number }) {
      const f = { q: q.q, minLevel: q.minLevel, from: q.from ? Date.parse(q.from) : undefined };
      const [rows, total] = await Promise.all([store.repos.events.list({ ...f, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }), store.repos.events.count(f)]);
      return { events: rows.map(toEventSummary), total, page: q.page, pageSize: q.pageSize };
    },
    async get(id: string) {
      const e = await store.repos.events.byId(id);
      if (!e) throw new AppError('TF_ERR_NOT_FOUND', `event ${id} not found`);
      const span = Math.max(e.last_seen - e.first_seen, 3600_000);
      const bucket = span > 3 * 86400_000 ? 86400_000 : span > 12 * 3600_000 ? 3600_000 : 15 * 60_000;
      const [hist, levels, log, bySource, names, cases] = await Promise.all([
        store.repos.posts.histogram(e.first_seen - bucket, e.last_seen + bucket, bucket, 8 * 3600_000, id),
        store.repos.events.levelHistory(id),
        store.repos.events.membershipLog(id),
        store.repos.posts.countBy('source_id', 0, Number.MAX_SAFE_INTEGER, id),
        store.repos.sources.list(),
        store.repos.cases.all({}).then((cs) => cs.filter((c) => c.event_id === id).map((c) => c.id)),
      ]);
      const points = new Map<number, { negative: number; neutral: number; positive: number }>();
      for (const h of hist) {
        const p = points.get(h.bucket) ?? { negative: 0, neutral: 0, positive: 0 };
        if (h.sentiment === 'negative' || h.sentiment === 'neutral' || h.sentiment === 'positive') p[h.sentiment] += h.n;
        points.set(h.bucket, p);
      }
      const trend = [...points.entries()].sort((a, b) => a[0] - b[0]).map(([at, p]) => ({ at: iso(at), ...p }));
      const sourceName = new Map(names.map((s) => [s.id, s.name]));
      const forecast = parseJson<{ direction: string; basis: string } | null>(
        (await store.repos.settings.get<string>(`event-forecast:${id}`)) ?? null,
        null,
      );
      return {
        ...toEventSummary(e),
        trend,
        forecast,
        levelHistory: levels.map((l) => ({ at: iso(l.at), from: l.from_level, to: l.to_level, reasons: parseJson<string[]>(l.reasons, []) })),
        membership: log.map((m) => ({ at: iso(m.at), op: m.op, postId: m.post_id, otherEventId: m.other_event_id })).slice(-500),
        sources: bySource.map((s) => ({ sourceId: s.key, name: sourceName.get(s.key) ?? null, count: s.n })).sort((a, b) => b.count - a.count),
        caseIds: cases,
      };
    },
    /** Merge `otherId` into `id`: members move, history is kept, the other event is marked merged. */
    async merge(actor: Actor, id: string, otherId: string, now: number) {
      if (id === otherId) throw new AppError('TF_ERR_VALIDATION', 'cannot merge an event into itself', { path: ['otherEventId'] });
      const [a, b] = await Promise.all([store.repos.events.byId(id), store.repos.events.byId(otherId)]);
      if (!a || !b) throw new AppError('TF_ERR_NOT_FOUND', `event ${a ? otherId : id} not found`);
      if (b.status !== 'active') throw new AppError('TF_ERR_CONFLICT', `event ${otherId} is ${b.status}`);
      opts.tracker?.()?.merge(id, otherId, new Date(now));
      await store.tx(async (r) => {
        const moved = await r.events.moveAllMembers(otherId, id);
        await r.posts.setEvent(moved, id);
        await r.events.update(otherId, { status: 'merged', merged_into: id, updated_at: now });
        await r.events.update(id, {
          post_count: a.post_count + b.post_count, first_seen: Math.min(a.first_seen, b.first_seen), last_seen: Math.max(a.last_seen, b.last_seen),
          heat: a.heat + b.heat, updated_at: now,
        });
        await r.events.logMembership([{ id: newId('mem', now), event_id: id, post_id: null, op: 'merge', other_event_id: otherId, actor_id: actor.userId, at: now }]);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'event.merge', entity: 'event', entityId: id, after: { merged: otherId, posts: moved.length } });
      });
      return this.get(id);
    },
    /** Split the given posts out of an event into a new event. */
    async split(actor: Actor, id: string, postIds: string[], now: number) {
      const e = await store.repos.events.byId(id);
      if (!e) throw new AppError('TF_ERR_NOT_FOUND', `event ${id} not found`);
      const members = new Set(await store.repos.events.memberIds(id));
      const missing = postIds.filter((p) => !members.has(p));
      if (missing.length) throw new AppError('TF_ERR_VALIDATION', `posts not in event ${id}: ${missing.slice(0, 5).join(', ')}`, { path: ['postIds'] });
      if (postIds.length >= members.size) throw new AppError('TF_ERR_VALIDATION', 'leave at least one post in the event', { path: ['postIds'] });
      const ctl = opts.tracker?.();
      const newEventId = ctl ? ctl.split(id, postIds, new Date(now)).newEventId : newId('evt', now);
      const first = postIds[0]!;
      await store.tx(async (r) => {
        const rep = await r.posts.byId(first);
        await r.events.upsertMany([
          {
            ...e, id: newEventId, title: rep?.title ?? `${e.title}（拆分）`, post_count: postIds.length, heat: 0, level: null, level_reasons: '[]',
            representative_post_id: first, status: 'active', merged_into: null, updated_at: now,
          },
        ]);
        await r.events.removeMembers(id, postIds);
        await r.events.addMembers(postIds.map((p) => ({ event_id: newEventId, post_id: p, added_at: now })));
        await r.posts.setEvent(postIds, newEventId);
        await r.events.update(id, { post_count: e.post_count - postIds.length, updated_at: now });
        await r.events.logMembership(
          postIds.map((p, i) => ({ id: newId(`mem${i}`, now), event_id: newEventId, post_id: p, op: 'split', other_event_id: id, actor_id: actor.userId, at: now })),
        );
        await r.audit.append({ at: now, ...auditActor(actor), action: 'event.split', entity: 'event', entityId: id, after: { newEventId, posts: postIds } });
      });
      return this.get(newEventId);
    },
    /** 归入事件: the post (and its copies, by default) joins this event and leaves the one it was in. */
    async addPost(actor: Actor, id: string, postId: string, withCopies: boolean, now: number) {
      await membership.add(actor, id, postId, withCopies, now);
      return this.get(id);
    },
    /** 移出事件: the post (and its copies, by default) leaves this event and belongs to none. */
    async removePost(actor: Actor, id: string, postId: string, withCopies: boolean, now: number) {
      await membership.remove(actor, id, postId, withCopies, now);
      return this.get(id);
    },
    /** 传播: first poster, originals against copies over time, sources by copies. */
    async spread(id: string) {
      return eventSpread(store, id, opts.timezone);
    },
  };
}
export type EventService = ReturnType<typeof createEventService>;
