import type { Exec } from './executor.ts';
import type { UnitsTable } from '../schema.ts';

export function unitsRepo({ db }: Exec) {
  return {
    async insert(row: UnitsTable): Promise<void> {
      await db.insertInto('units').values(row).execute();
    },
    async upsert(row: UnitsTable): Promise<void> {
      await db
        .insertInto('units')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, kind: row.kind, parent_id: row.parent_id, aliases: row.aliases }))
        .execute();
    },
    async byId(id: string): Promise<UnitsTable | undefined> {
      return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byName(name: string): Promise<UnitsTable | undefined> {
      return db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
    },
    async list(): Promise<UnitsTable[]> {
      return db.selectFrom('units').selectAll().orderBy('name').execute();
    },
    async update(id: string, patch: Partial<Omit<UnitsTable, 'id'>>): Promise<void> {
      await db.updateTable('units').set(patch).where('id', '=', id).execute();
    },
  };
}
export type UnitsRepo = ReturnType<typeof unitsRepo>;
