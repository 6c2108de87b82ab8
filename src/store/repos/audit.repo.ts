import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import type { Exec } from './executor.ts';
import type { AuditLogTable } from '../schema.ts';

export interface AuditEntry {
  at: number;
  actorType: 'user' | 'token' | 'system';
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export type AuditRow = Omit<AuditLogTable, 'seq'> & { seq: number };

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of a row: sha256 over the previous hash and the row's canonical content. */
export function auditHash(prevHash: string, r: Omit<AuditRow, 'seq' | 'hash' | 'prev_hash'>): string {
  const body = JSON.stringify([r.at, r.actor_type, r.actor_id, r.action, r.entity, r.entity_id, r.before, r.after]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export function auditRepo({ db, dialect }: Exec) {
  return {
    /** Append one hash-chained row. Call inside the transaction that makes the change. */
    async append(e: AuditEntry): Promise<void> {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(7401)`.execute(db);
      const last = await db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      const prev = last?.hash ?? GENESIS_HASH;
      const row = {
        at: e.at,
        actor_type: e.actorType,
        actor_id: e.actorId,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        before: e.before === undefined ? null : JSON.stringify(e.before),
        after: e.after === undefined ? null : JSON.stringify(e.after),
      };
      await db.insertInto('audit_log').values({ ...row, prev_hash: prev, hash: auditHash(prev, row) }).execute();
    },
    async page(afterSeq: number, limit: number): Promise<AuditRow[]> {
      return (await db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute());
    },
    async recent(limit: number, entity?: string, entityId?: string): Promise<AuditRow[]> {
      let q = db.selectFrom('audit_log').selectAll();
      if (entity) q = q.where('entity', '=', entity);
      if (entityId) q = q.where('entity_id', '=', entityId);
      return (await q.orderBy('seq', 'desc').limit(limit).execute());
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;
