/** Items that arrive by push (webhook) or are registered by an officer (manual), fed through the pipeline. */
import type { Store } from '../store/store.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { parseWebhookPayload, verifyWebhook, webhookConfigSchema } from '../sources/webhook/webhook.connector.ts';
import { validateManualItem } from '../sources/manual/manual.connector.ts';
import { isSourceError, type RawItem } from '../sources/index.ts';
import { toCollected } from '../pipeline/collector.ts';
import type { BatchResult, CollectedItem, SourceRef } from '../pipeline/types.ts';
import { auditActor, type Actor } from './actor.ts';

export type IngestFn = (source: SourceRef, items: CollectedItem[], now: Date) => Promise<BatchResult>;

const MANUAL_SOURCE = '手工登记';

export function createIngestService(store: Store, opts: { timezone: string; ingest: () => IngestFn | null }) {
  function pipeline(): IngestFn {
    const fn = opts.ingest();
    if (!fn) throw new AppError('TF_ERR_CONFLICT', 'the pipeline is not running in this process');
    return fn;
  }
  return {
    async webhook(sourceId: string, req: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer }, now: Date) {
      const s = await store.repos.sources.byId(sourceId);
      // Same answer for a missing source and a wrong token: nothing to learn by probing.
      if (!s || s.kind !== 'webhook' || s.enabled !== 1) throw new AppError('TF_ERR_AUTH', 'missing or wrong token for this source');
      const config = webhookConfigSchema.parse(JSON.parse(s.config));
      const verdict = verifyWebhook(req, config, now);
      if (!verdict.ok) throw new AppError('TF_ERR_AUTH', verdict.message);
      let items: RawItem[];
      try {
        items = parseWebhookPayload(req.rawBody, config, { now, timeZone: config.timezone });
      } catch (e) {
        if (isSourceError(e)) throw new AppError('TF_ERR_VALIDATION', e.message);
        throw e;
      }
      const r = await pipeline()({ id: s.id, name: s.name, weight: s.weight, demo: s.demo === 1 }, toCollected(items), now);
      return { accepted: r.received, stored: r.stored, duplicates: r.duplicates, ids: r.ids };
    },

    async manual(actor: Actor, input: unknown, now: Date) {
      let item: RawItem;
      try {
        item = validateManualItem(input, { now, timeZone: opts.timezone });
      } catch (e) {
        if (isSourceError(e)) throw new AppError('TF_ERR_VALIDATION', e.message);
        throw e;
      }
      let s = await store.repos.sources.byName(MANUAL_SOURCE);
      if (!s) {
        const t = now.getTime();
        s = {
          id: newId('src', t), name: MANUAL_SOURCE, kind: 'manual', config: JSON.stringify({ kind: 'manual' }), enabled: 1, interval_s: 86400, cron: null,
          weight: 1, retention_days: null, cursor: null, health: '{}', demo: 0, created_at: t, updated_at: t,
        };
        await store.repos.sources.insert(s);
      }
      const r = await pipeline()({ id: s.id, name: s.name, weight: s.weight, demo: false }, toCollected([item]), now);
      await store.repos.audit.append({ at: now.getTime(), ...auditActor(actor), action: 'post.register', entity: 'post', entityId: r.ids[0] ?? null, after: { title: item.title, url: item.url } });
      return { accepted: r.received, stored: r.stored, duplicates: r.duplicates, ids: r.ids };
    },
  };
}
export type IngestService = ReturnType<typeof createIngestService>;
