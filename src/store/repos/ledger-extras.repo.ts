/** Playbooks, releases, reports and leases. */
import type { Exec } from './executor.ts';
import type { PlaybooksTable, ReleasesTable, ReportsTable } from '../schema.ts';

export function playbooksRepo({ db }: Exec) {
  return {
    async insert(row: PlaybooksTable): Promise<void> {
      await db.insertInto('playbooks').values(row).execute();
    },
    async list(): Promise<PlaybooksTable[]> {
      return db.selectFrom('playbooks').selectAll().orderBy('name').execute();
    },
    async byId(id: string): Promise<PlaybooksTable | undefined> {
      return db.selectFrom('playbooks').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async update(id: string, patch: Partial<Omit<PlaybooksTable, 'id'>>): Promise<void> {
      await db.updateTable('playbooks').set(patch).where('id', '=', id).execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('playbooks').where('id', '=', id).execute();
    },
    /** How many cases this playbook was activated on (its tasks point back at it). */
    async activations(id: string): Promise<number> {
      const r = await db
        .selectFrom('case_tasks')
        .select((eb) => eb.fn.count<number>('case_id').distinct().as('n'))
        .where('playbook_id', '=', id)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

export function releasesRepo({ db }: Exec) {
  return {
    async insert(row: ReleasesTable): Promise<void> {
      await db.insertInto('releases').values(row).execute();
    },
    async list(from: number, to: number): Promise<ReleasesTable[]> {
      return db.selectFrom('releases').selectAll().where('published_at', '>=', from).where('published_at', '<', to).orderBy('published_at', 'desc').execute();
    },
    async forCase(caseId: string): Promise<ReleasesTable[]> {
      return db.selectFrom('releases').selectAll().where('case_id', '=', caseId).orderBy('published_at').execute();
    },
  };
}

export function reportsRepo({ db }: Exec) {
  return {
    async insert(row: ReportsTable): Promise<void> {
      await db.insertInto('reports').values(row).execute();
    },
    async list(limit: number): Promise<Omit<ReportsTable, 'body'>[]> {
      return db
        .selectFrom('reports')
        .select(['id', 'kind', 'number', 'period_start', 'period_end', 'format', 'file_name', 'generated_by', 'created_at'])
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },
    async byId(id: string): Promise<ReportsTable | undefined> {
      return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async findByPeriod(kind: string, periodStart: number, format: string): Promise<Omit<ReportsTable, 'body'> | undefined> {
      return db
        .selectFrom('reports')
        .select(['id', 'kind', 'number', 'period_start', 'period_end', 'format', 'file_name', 'generated_by', 'created_at'])
        .where('kind', '=', kind)
        .where('period_start', '=', periodStart)
        .where('format', '=', format)
        .executeTakeFirst();
    },
  };
}

export function leasesRepo({ db }: Exec) {
  return {
    /** Take or renew a named lease if it is free, expired, or already ours. Returns whether we hold it. */
    async acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
      await db
        .insertInto('leases')
        .values({ name, holder, expires_at: now + ttlMs })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ holder, expires_at: now + ttlMs })
            .where((eb) => eb.or([eb('leases.expires_at', '<', now), eb('leases.holder', '=', holder)])),
        )
        .execute();
      const r = await db.selectFrom('leases').select('holder').where('name', '=', name).executeTakeFirst();
      return r?.holder === holder;
    },
    async release(name: string, holder: string): Promise<void> {
      await db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
    },
    async list(): Promise<{ name: string; holder: string; expires_at: number }[]> {
      return db.selectFrom('leases').selectAll().execute();
    },
  };
}
