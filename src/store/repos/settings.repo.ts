import type { Exec } from './executor.ts';

export function settingsRepo({ db }: Exec) {
  const setJson = async (key: string, v: string, now: number): Promise<void> => {
    await db
      .insertInto('settings')
      .values({ key, value: v, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: v, updated_at: now }))
      .execute();
  };
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return r ? (JSON.parse(r.value) as T) : undefined;
    },
    async set(key: string, value: unknown, now: number): Promise<void> {
      await setJson(key, JSON.stringify(value), now);
    },
    /** Sets a value already JSON-encoded (a large value encoded ahead of the transaction that stores it). */
    setJson,
    /** Removes a stored value (the setting then reads as its default); true when there was one. */
    async delete(key: string): Promise<boolean> {
      const r = await db.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type SettingsRepo = ReturnType<typeof settingsRepo>;
