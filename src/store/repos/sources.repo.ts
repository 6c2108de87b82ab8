import type { Exec } from './executor.ts';
import type { SourcesTable } from '../schema.ts';

export function sourcesRepo({ db }: Exec) {
  return {
    async insert(row: SourcesTable): Promise<void> {
      await db.insertInto('sources').values(row).execute();
    },
    async byId(id: string): Promise<SourcesTable | undefined> {
      return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byName(name: string): Promise<SourcesTable | undefined> {
      return db.selectFrom('sources').selectAll().where('name', '=', name).executeTakeFirst();
    },
    async list(opts: { enabledOnly?: boolean } = {}): Promise<SourcesTable[]> {
      let q = db.selectFrom('sources').selectAll();
      if (opts.enabledOnly) q = q.where('enabled', '=', 1);
      return q.orderBy('name').execute();
    },
    async update(id: string, patch: Partial<Omit<SourcesTable, 'id'>>): Promise<void> {
      await db.updateTable('sources').set(patch).where('id', '=', id).execute();
    },
    /** Advance the cursor and health (call in the same transaction that stores the batch). */
    async saveProgress(id: string, cursor: string | null, health: string, now: number): Promise<void> {
      await db.updateTable('sources').set({ cursor, health, updated_at: now }).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('sources').where('id', '=', id).execute();
    },
  };
}
export type SourcesRepo = ReturnType<typeof sourcesRepo>;
