import type { Exec } from './executor.ts';
import type { ApiTokensTable, SessionsTable } from '../schema.ts';

export function sessionsRepo({ db }: Exec) {
  return {
    async insert(row: SessionsTable): Promise<void> {
      await db.insertInto('sessions').values(row).execute();
    },
    async byId(id: string): Promise<SessionsTable | undefined> {
      return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteForUser(userId: string): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteExpired(now: number): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    },
  };
}
export type SessionsRepo = ReturnType<typeof sessionsRepo>;

export function tokensRepo({ db }: Exec) {
  return {
    async insert(row: ApiTokensTable): Promise<void> {
      await db.insertInto('api_tokens').values(row).execute();
    },
    async byHash(hash: string): Promise<ApiTokensTable | undefined> {
      return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    },
    async byId(id: string): Promise<ApiTokensTable | undefined> {
      return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async list(): Promise<ApiTokensTable[]> {
      return db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
    },
    async revoke(id: string, now: number): Promise<void> {
      await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
    },
    async touch(id: string, now: number): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },
  };
}
export type TokensRepo = ReturnType<typeof tokensRepo>;
