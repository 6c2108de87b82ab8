import type { Exec } from './executor.ts';
import type { EventLevelsTable, EventMembershipLogTable, EventsTable } from '../schema.ts';

export interface EventFilter {
  status?: string;
  minLevel?: number;
  from?: number;
  q?: string;
  limit: number;
  offset: number;
}

/** Every column of events but the id: what an upsert replaces. */
const EVENT_COLUMNS = [
  'title', 'keywords', 'places', 'units', 'first_seen', 'last_seen', 'post_count', 'source_count', 'heat', 'level', 'level_reasons', 'sentiment',
  'representative_post_id', 'status', 'merged_into', 'demo', 'updated_at',
] as const satisfies readonly Exclude<keyof EventsTable, 'id'>[];
// a column added to EventsTable but not listed above fails to compile here
const _everyColumn: Exclude<keyof EventsTable, 'id' | (typeof EVENT_COLUMNS)[number]> extends never ? true : never = true;
void _everyColumn;

export function eventsRepo({ db }: Exec) {
  const filtered = (f: Omit<EventFilter, 'limit' | 'offset'>) => {
    let q = db.selectFrom('events');
    q = q.where('status', '=', f.status ?? 'active');
    if (f.minLevel) q = q.where('level', '<=', f.minLevel).where('level', 'is not', null);
    if (f.from !== undefined) q = q.where('last_seen', '>=', f.from);
    if (f.q) q = q.where('title', 'like', `%${f.q}%`);
    return q;
  };
  return {
    /** Inserts or replaces events, 50 rows a statement (the last row wins when an id repeats). */
    async upsertMany(rows: EventsTable[]): Promise<void> {
      const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
      for (let i = 0; i < unique.length; i += 50) {
        await db
          .insertInto('events')
          .values(unique.slice(i, i + 50))
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => Object.fromEntries(EVENT_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))))
          .execute();
      }
    },
    async byId(id: string): Promise<EventsTable | undefined> {
      return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byIds(ids: string[]): Promise<EventsTable[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('events').selectAll().where('id', 'in', ids).execute();
    },
    async list(f: EventFilter): Promise<EventsTable[]> {
      return filtered(f).selectAll().orderBy('heat', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
    },
    async count(f: Omit<EventFilter, 'limit' | 'offset'>): Promise<number> {
      const r = await filtered(f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async update(id: string, patch: Partial<Omit<EventsTable, 'id'>>): Promise<void> {
      await db.updateTable('events').set(patch).where('id', '=', id).execute();
    },
    async addMembers(rows: { event_id: string; post_id: string; added_at: number }[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 300) {
        const part = rows.slice(i, i + 300);
        if (part.length) await db.insertInto('event_posts').values(part).onConflict((oc) => oc.doNothing()).execute();
      }
    },
    async removeMembers(eventId: string, postIds: string[]): Promise<void> {
      if (postIds.length) await db.deleteFrom('event_posts').where('event_id', '=', eventId).where('post_id', 'in', postIds).execute();
    },
    async moveAllMembers(fromId: string, toId: string): Promise<string[]> {
      const rows = await db.selectFrom('event_posts').select(['post_id', 'added_at']).where('event_id', '=', fromId).execute();
      await this.addMembers(rows.map((r) => ({ event_id: toId, post_id: r.post_id, added_at: r.added_at })));
      await db.deleteFrom('event_posts').where('event_id', '=', fromId).execute();
      return rows.map((r) => r.post_id);
    },
    async memberIds(eventId: string): Promise<string[]> {
      return (await db.selectFrom('event_posts').select('post_id').where('event_id', '=', eventId).orderBy('added_at').execute()).map((r) => r.post_id);
    },
    async logMembership(rows: EventMembershipLogTable[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 300) {
        const part = rows.slice(i, i + 300);
        if (part.length) await db.insertInto('event_membership_log').values(part).onConflict((oc) => oc.doNothing()).execute();
      }
    },
    async membershipLog(eventId: string): Promise<EventMembershipLogTable[]> {
      return db
        .selectFrom('event_membership_log')
        .selectAll()
        .where((eb) => eb.or([eb('event_id', '=', eventId), eb('other_event_id', '=', eventId)]))
        .orderBy('at')
        .execute();
    },
    async logLevel(row: EventLevelsTable): Promise<void> {
      await db.insertInto('event_levels').values(row).onConflict((oc) => oc.doNothing()).execute();
    },
    async levelHistory(eventId: string): Promise<EventLevelsTable[]> {
      return db.selectFrom('event_levels').selectAll().where('event_id', '=', eventId).orderBy('at').execute();
    },
  };
}
export type EventsRepo = ReturnType<typeof eventsRepo>;
