import type { Store } from '../store/store.ts';
import { auditHash, GENESIS_HASH } from '../store/repos/audit.repo.ts';

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  /** The first row whose stored hash or link does not match. */
  broken?: { seq: number; reason: 'hash' | 'link' };
}

/** Walk the whole chain and report the first broken link. */
export async function verifyAuditChain(store: Store): Promise<AuditVerifyResult> {
  let prev = GENESIS_HASH;
  let after = 0;
  let rows = 0;
  for (;;) {
    const page = await store.repos.audit.page(after, 1000);
    if (page.length === 0) break;
    for (const r of page) {
      rows++;
      if (r.prev_hash !== prev) return { ok: false, rows, broken: { seq: r.seq, reason: 'link' } };
      if (auditHash(r.prev_hash, r) !== r.hash) return { ok: false, rows, broken: { seq: r.seq, reason: 'hash' } };
      prev = r.hash;
      after = r.seq;
    }
  }
  return { ok: true, rows };
}

export function createAuditService(store: Store) {
  return {
    verify: () => verifyAuditChain(store),
    async recent(limit: number, entity?: string, entityId?: string) {
      const rows = await store.repos.audit.recent(limit, entity, entityId);
      return rows.map((r) => ({
        seq: r.seq, at: new Date(r.at).toISOString(), actorType: r.actor_type, actorId: r.actor_id, action: r.action, entity: r.entity,
        entityId: r.entity_id, before: r.before ? (JSON.parse(r.before) as unknown) : null, after: r.after ? (JSON.parse(r.after) as unknown) : null,
      }));
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
