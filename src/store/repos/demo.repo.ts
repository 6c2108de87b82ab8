/**
 * Removing the demo county's data (`tingfeng demo reset`): demo posts with everything hanging off them, demo
 * events, the alerts and cases linked to them, and the rows the demo installed (recorded in its marker). Call inside
 * `store.tx` so the removal is all or nothing. The audit log is never touched here.
 */
import { sql } from 'kysely';
import type { Exec } from './executor.ts';

const CHUNK = 500;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

const num = (r: { numDeletedRows?: bigint | number } | undefined): number => Number(r?.numDeletedRows ?? 0);

export function demoRepo({ db }: Exec) {
  /** Posts flagged demo, or collected by one of the given (demo) sources. */
  const demoPosts = (sourceIds: readonly string[]) =>
    db
      .selectFrom('posts')
      .select('posts.id')
      .where((eb) =>
        sourceIds.length
          ? eb.or([eb('posts.demo', '=', 1), eb('posts.source_id', 'in', [...sourceIds])])
          : eb('posts.demo', '=', 1),
      );
  const demoEvents = () => db.selectFrom('events').select('events.id').where('events.demo', '=', 1);

  async function deleteIn(
    table:
      | 'case_transitions'
      | 'case_tasks'
      | 'cases'
      | 'alert_deliveries'
      | 'alerts'
      | 'duty_roster'
      | 'sessions'
      | 'api_tokens'
      | 'users'
      | 'units'
      | 'sources',
    column: string,
    ids: readonly string[],
  ): Promise<number> {
    let n = 0;
    for (const part of chunks(ids))
      n += num(await db.deleteFrom(table).where(sql.ref<string>(column), 'in', part).executeTakeFirst());
    return n;
  }

  return {
    async demoPostIds(sourceIds: readonly string[]): Promise<Set<string>> {
      return new Set((await demoPosts(sourceIds).execute()).map((r) => r.id));
    },
    async demoEventIds(): Promise<string[]> {
      return (await demoEvents().execute()).map((r) => r.id);
    },
    /** Alerts about a demo event or post, or about an outage of one of the given sources. */
    async linkedAlertIds(sourceIds: readonly string[]): Promise<string[]> {
      const rows = await db
        .selectFrom('alerts')
        .select('id')
        .where((eb) =>
          eb.or([
            eb('event_id', 'in', demoEvents()),
            eb('post_id', 'in', demoPosts(sourceIds)),
            ...sourceIds.map((s) => eb('dedupe_key', 'like', `%|source:${s}|%`)),
          ]),
        )
        .execute();
      return rows.map((r) => r.id);
    },
    /** What ties each case to posts, events and alerts (post_ids is a JSON list; the caller filters). */
    async caseLinks(): Promise<
      Array<{ id: string; event_id: string | null; alert_id: string | null; post_ids: string }>
    > {
      return db.selectFrom('cases').select(['id', 'event_id', 'alert_id', 'post_ids']).execute();
    },
    /** Cases with their transitions, tasks and releases. */
    async deleteCases(ids: readonly string[]): Promise<number> {
      await deleteIn('case_transitions', 'case_id', ids);
      await deleteIn('case_tasks', 'case_id', ids);
      for (const part of chunks(ids)) await db.deleteFrom('releases').where('case_id', 'in', part).execute();
      return deleteIn('cases', 'id', ids);
    },
    async deleteAlerts(ids: readonly string[]): Promise<number> {
      await deleteIn('alert_deliveries', 'alert_id', ids);
      return deleteIn('alerts', 'id', ids);
    },
    /** Demo events with their membership, level history and releases. */
    async deleteDemoEvents(): Promise<number> {
      await db.deleteFrom('releases').where('event_id', 'in', demoEvents()).execute();
      await db.deleteFrom('event_posts').where('event_id', 'in', demoEvents()).execute();
      await db.deleteFrom('event_membership_log').where('event_id', 'in', demoEvents()).execute();
      await db.deleteFrom('event_levels').where('event_id', 'in', demoEvents()).execute();
      return num(await db.deleteFrom('events').where('demo', '=', 1).executeTakeFirst());
    },
    /** Demo posts with their analysis, search tokens, evidence, labels and event memberships. */
    async deleteDemoPosts(sourceIds: readonly string[]): Promise<number> {
      await db.deleteFrom('post_analysis').where('post_id', 'in', demoPosts(sourceIds)).execute();
      await db.deleteFrom('posts_fts').where('post_id', 'in', demoPosts(sourceIds)).execute();
      await db.deleteFrom('post_evidence').where('post_id', 'in', demoPosts(sourceIds)).execute();
      await db.deleteFrom('sentiment_labels').where('post_id', 'in', demoPosts(sourceIds)).execute();
      await db.deleteFrom('event_posts').where('post_id', 'in', demoPosts(sourceIds)).execute();
      return num(
        await db
          .deleteFrom('posts')
          .where((eb) =>
            sourceIds.length ? eb.or([eb('demo', '=', 1), eb('source_id', 'in', [...sourceIds])]) : eb('demo', '=', 1),
          )
          .executeTakeFirst(),
      );
    },
    async deleteDemoSources(ids: readonly string[]): Promise<number> {
      const n = num(await db.deleteFrom('sources').where('demo', '=', 1).executeTakeFirst());
      return n + (await deleteIn('sources', 'id', ids));
    },
    async deleteShiftsOf(userIds: readonly string[]): Promise<number> {
      return deleteIn('duty_roster', 'user_id', userIds);
    },
    /** The latest end of the given users' shifts (ms), or null when they have none. */
    async lastShiftEnd(userIds: readonly string[]): Promise<number | null> {
      if (userIds.length === 0) return null;
      const r = await db
        .selectFrom('duty_roster')
        .select((eb) => eb.fn.max('ends_at').as('end'))
        .where('user_id', 'in', [...userIds])
        .executeTakeFirst();
      return r?.end == null ? null : Number(r.end);
    },
    /** Of the given users, those that remaining records name (cases, transitions, alerts, releases, reports). */
    async referencedUsers(userIds: readonly string[]): Promise<Set<string>> {
      const out = new Set<string>();
      for (const part of chunks(userIds)) {
        const sets = await Promise.all([
          db.selectFrom('cases').select('created_by as u').where('created_by', 'in', part).execute(),
          db.selectFrom('case_transitions').select('actor_id as u').where('actor_id', 'in', part).execute(),
          db.selectFrom('case_tasks').select('done_by as u').where('done_by', 'in', part).execute(),
          db.selectFrom('alerts').select('acknowledged_by as u').where('acknowledged_by', 'in', part).execute(),
          db.selectFrom('releases').select('created_by as u').where('created_by', 'in', part).execute(),
          db.selectFrom('reports').select('generated_by as u').where('generated_by', 'in', part).execute(),
        ]);
        for (const rows of sets) for (const r of rows) if (r.u) out.add(r.u);
      }
      return out;
    },
    async deleteUsers(ids: readonly string[]): Promise<number> {
      await deleteIn('sessions', 'user_id', ids);
      await deleteIn('api_tokens', 'user_id', ids);
      return deleteIn('users', 'id', ids);
    },
    /** Of the given units, those still named by users, cases, or units outside the set. */
    async referencedUnits(unitIds: readonly string[]): Promise<Set<string>> {
      const ids = new Set(unitIds);
      const out = new Set<string>();
      for (const part of chunks(unitIds)) {
        const [users, cases, children] = await Promise.all([
          db.selectFrom('users').select('unit_id as u').where('unit_id', 'in', part).execute(),
          db.selectFrom('cases').select('lead_unit_id as u').where('lead_unit_id', 'in', part).execute(),
          db.selectFrom('units').select(['parent_id as u', 'id']).where('parent_id', 'in', part).execute(),
        ]);
        for (const r of [...users, ...cases]) if (r.u) out.add(r.u);
        for (const r of children) if (r.u && !ids.has(r.id)) out.add(r.u);
      }
      return out;
    },
    /** Units, children first (the order given is parent-first). */
    async deleteUnits(parentFirst: readonly string[]): Promise<number> {
      let n = 0;
      for (const id of [...parentFirst].reverse())
        n += num(await db.deleteFrom('units').where('id', '=', id).executeTakeFirst());
      return n;
    },
    /** Playbooks no remaining case task came from; returns the ids deleted. */
    async deleteUnusedPlaybooks(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const used = new Set(
        (
          await db
            .selectFrom('case_tasks')
            .select('playbook_id')
            .where('playbook_id', 'in', [...ids])
            .execute()
        ).map((r) => r.playbook_id),
      );
      const unused = ids.filter((i) => !used.has(i));
      for (const part of chunks(unused)) await db.deleteFrom('playbooks').where('id', 'in', part).execute();
      return unused;
    },
    async deleteSetting(key: string): Promise<void> {
      await db.deleteFrom('settings').where('key', '=', key).execute();
    },
  };
}
export type DemoRepo = ReturnType<typeof demoRepo>;
