import { sql } from 'kysely';
import type { Exec } from './executor.ts';
import type { CasesTable, CaseTransitionsTable, CaseTasksTable } from '../schema.ts';

export interface CaseFilter {
  /** Restrict to cases where this unit is the lead unit or a co-unit (unit liaisons). */
  unitId?: string;
  status?: string[];
  q?: string;
  createdFrom?: number;
  createdTo?: number;
  limit: number;
  offset: number;
}

export function casesRepo({ db }: Exec) {
  const filtered = (f: Omit<CaseFilter, 'limit' | 'offset'>) => {
    let q = db.selectFrom('cases');
    if (f.unitId) {
      const u = f.unitId;
      q = q.where((eb) => eb.or([eb('lead_unit_id', '=', u), eb('co_unit_ids', 'like', `%${JSON.stringify(u)}%`)]));
    }
    if (f.status && f.status.length > 0) q = q.where('status', 'in', f.status);
    if (f.q) q = q.where((eb) => eb.or([eb('title', 'like', `%${f.q}%`), eb('number', 'like', `%${f.q}%`)]));
    if (f.createdFrom !== undefined) q = q.where('created_at', '>=', f.createdFrom);
    if (f.createdTo !== undefined) q = q.where('created_at', '<', f.createdTo);
    return q;
  };
  return {
    async insert(row: CasesTable): Promise<void> {
      await db.insertInto('cases').values(row).execute();
    },
    async byId(id: string): Promise<CasesTable | undefined> {
      return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async list(f: CaseFilter): Promise<{ rows: CasesTable[]; total: number }> {
      const rows = await filtered(f).selectAll().orderBy('created_at', 'desc').limit(f.limit).offset(f.offset).execute();
      const t = await filtered(f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { rows, total: Number(t.n) };
    },
    async all(f: Omit<CaseFilter, 'limit' | 'offset'>): Promise<CasesTable[]> {
      return filtered(f).selectAll().orderBy('created_at').execute();
    },
    /** Optimistic update: succeeds only if the stored version is `version`; returns whether it did. */
    async update(id: string, version: number, patch: Partial<Omit<CasesTable, 'id' | 'version'>>): Promise<boolean> {
      const r = await db
        .updateTable('cases')
        .set({ ...patch, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async appendTransition(row: CaseTransitionsTable): Promise<void> {
      await db.insertInto('case_transitions').values(row).execute();
    },
    async transitions(caseId: string): Promise<CaseTransitionsTable[]> {
      return db.selectFrom('case_transitions').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
    },
    async transitionsBetween(from: number, to: number): Promise<CaseTransitionsTable[]> {
      return db.selectFrom('case_transitions').selectAll().where('at', '>=', from).where('at', '<', to).orderBy('at').execute();
    },
    async insertTask(row: CaseTasksTable): Promise<void> {
      await db.insertInto('case_tasks').values(row).execute();
    },
    async tasks(caseId: string): Promise<CaseTasksTable[]> {
      return db.selectFrom('case_tasks').selectAll().where('case_id', '=', caseId).orderBy('step').execute();
    },
    async updateTask(id: string, patch: Partial<Omit<CaseTasksTable, 'id'>>): Promise<void> {
      await db.updateTable('case_tasks').set(patch).where('id', '=', id).execute();
    },
    /** Next value of a named counter (e.g. case numbers per year), atomically. */
    async nextCounter(name: string, now: number): Promise<number> {
      const key = `counter:${name}`;
      await db
        .insertInto('settings')
        .values({ key, value: '1', updated_at: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: sql`CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)`, updated_at: now }),
        )
        .execute();
      const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
      return Number(r.value);
    },
  };
}
export type CasesRepo = ReturnType<typeof casesRepo>;
