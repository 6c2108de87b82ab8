/**
 * Retention: per source, posts older than `retention_days` are deleted — unless a case cites them or they belong
 * to an event a case is about (those are kept with the case). Runs daily; every run is logged in the audit log.
 */
import type { Store } from '../store/store.ts';
import { parseJson } from '../store/repos/executor.ts';

export function createRetentionService(store: Store) {
  async function keepSet(): Promise<(ids: string[]) => Promise<Set<string>>> {
    const cases = await store.repos.cases.all({});
    const keep = new Set<string>();
    const events = new Set<string>();
    for (const c of cases) {
      for (const p of parseJson<string[]>(c.post_ids, [])) keep.add(p);
      if (c.event_id) events.add(c.event_id);
    }
    for (const e of events) for (const p of await store.repos.events.memberIds(e)) keep.add(p);
    return async (ids) => new Set(ids.filter((i) => keep.has(i)));
  }

  return {
    /** Apply every source's retention once; returns how many posts each source lost. */
    async run(now: Date): Promise<{ sourceId: string; name: string; deleted: number }[]> {
      const sources = (await store.repos.sources.list()).filter((s) => s.retention_days != null && s.retention_days > 0);
      if (sources.length === 0) return [];
      const keep = await keepSet();
      const out: { sourceId: string; name: string; deleted: number }[] = [];
      for (const s of sources) {
        const before = now.getTime() - s.retention_days! * 86400_000;
        let deleted = 0;
        let kept = 0;
        for (;;) {
          const r = await store.tx((tx) => tx.posts.deleteOlderThan(s.id, before, keep, kept));
          deleted += r.deleted;
          kept += r.scanned - r.deleted;
          if (r.scanned === 0) break;
        }
        out.push({ sourceId: s.id, name: s.name, deleted });
        await store.repos.audit.append({ at: now.getTime(), actorType: 'system', actorId: null, action: 'retention.run', entity: 'source', entityId: s.id, after: { retentionDays: s.retention_days, before: new Date(before).toISOString(), deleted } });
      }
      return out;
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
