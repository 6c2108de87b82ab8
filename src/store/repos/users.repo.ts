import type { Exec } from './executor.ts';
import type { UsersTable } from '../schema.ts';

export type UserRow = UsersTable;

export function usersRepo({ db }: Exec) {
  return {
    async count(): Promise<number> {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row: UserRow): Promise<void> {
      await db.insertInto('users').values(row).execute();
    },
    async byId(id: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byUsername(username: string): Promise<UserRow | undefined> {
      return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    },
    async list(): Promise<UserRow[]> {
      return db.selectFrom('users').selectAll().orderBy('username').execute();
    },
    async update(id: string, patch: Partial<Omit<UserRow, 'id'>>): Promise<void> {
      await db.updateTable('users').set(patch).where('id', '=', id).execute();
    },
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
