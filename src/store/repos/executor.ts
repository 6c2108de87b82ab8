import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import type { Dialect } from '../dialect.ts';

/** What a repository runs its queries on: the database or an open transaction, and which dialect it is. */
export interface Exec {
  db: Kysely<Database> | Transaction<Database>;
  dialect: Dialect;
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text == null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
