import type { Exec } from './executor.ts';
import type { PlansTable } from '../schema.ts';

export function plansRepo({ db }: Exec) {
  return {
    async insert(row: PlansTable): Promise<void> {
      await db.insertInto('plans').values(row).execute();
    },
    async byId(id: string): Promise<PlansTable | undefined> {
      return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async list(opts: { enabledOnly?: boolean } = {}): Promise<PlansTable[]> {
      let q = db.selectFrom('plans').selectAll();
      if (opts.enabledOnly) q = q.where('enabled', '=', 1);
      return q.orderBy('name').execute();
    },
    async update(id: string, patch: Partial<Omit<PlansTable, 'id'>>): Promise<void> {
      await db.updateTable('plans').set(patch).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('plans').where('id', '=', id).execute();
    },
  };
}
export type PlansRepo = ReturnType<typeof plansRepo>;
