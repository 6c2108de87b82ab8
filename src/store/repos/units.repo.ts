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
    async remove(id: string): Promise<void> {
      await db.deleteFrom('units').where('id', '=', id).execute();
    },
    /** What still points at a unit: its child units' names and the usernames of the users bound to it. */
    async dependents(id: string): Promise<{ children: string[]; users: string[] }> {
      const [children, users] = await Promise.all([
        db.selectFrom('units').select('name').where('parent_id', '=', id).orderBy('name').execute(),
        db.selectFrom('users').select('username').where('unit_id', '=', id).orderBy('username').execute(),
      ]);
      return { children: children.map((c) => c.name), users: users.map((u) => u.username) };
    },
  };
}
export type UnitsRepo = ReturnType<typeof unitsRepo>;
