/**
 * Cluster mode's runner for the API process (`tingfeng serve` with NATS_URL): it neither collects nor analyses.
 * `runSource` asks a collect worker (queue group on `<prefix>.control.run`) to poll a source now and waits for
 * its outcome; `publish` hands items that arrive at the API (webhook, manual entry, imports) to the items stream,
 * each with `Nats-Msg-Id` = its post id, from where the analyze and track workers take them.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { clusterNames, type ClusterNames } from '../cluster/names.ts';
import { encodeItem } from '../cluster/codec.ts';
import { errorText } from '../cluster/errors.ts';
import { prepareItem } from './prepare.ts';
import type { BatchResult, CollectedItem, SourceRef } from './types.ts';

export interface NatsRunOutcome {
  ok: boolean;
  items: number;
  stored: number;
  error?: string;
}

export class NatsRunner {
  readonly names: ClusterNames;

  constructor(
    private readonly nc: NatsConnection,
    opts: { prefix?: string; runTimeoutMs?: number } = {},
  ) {
    this.names = clusterNames(opts.prefix);
    this.runTimeoutMs = opts.runTimeoutMs ?? 120_000;
  }

  private readonly runTimeoutMs: number;

  async close(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }

  /** Poll a source now on some collect worker. `stored` counts items published (stored later by the workers). */
  async runSource(id: string): Promise<NatsRunOutcome> {
    try {
      const reply = await this.nc.request(this.names.runSubject, JSON.stringify({ id }), { timeout: this.runTimeoutMs });
      const o = JSON.parse(reply.string()) as { ok: boolean; items: number; published: number; error?: string };
      return { ok: o.ok, items: o.items, stored: o.published, ...(o.error ? { error: o.error } : {}) };
    } catch (e) {
      const msg = errorText(e);
      return { ok: false, items: 0, stored: 0, error: /no responders/i.test(msg) ? 'no collect worker is running (start tingfeng worker collect)' : msg };
    }
  }

  /** As the API's ingest function: `stored` counts the items queued (the workers store them shortly after). */
  ingest(source: SourceRef, items: CollectedItem[], now: Date): Promise<BatchResult> {
    return this.publish(source, items, now).then((r) => ({
      received: items.length, stored: r.published - r.duplicates, duplicates: r.duplicates, storedIds: [], ids: r.ids, eventsTouched: [],
    }));
  }

  /** Publish items for the cluster to analyse and store; resolves when JetStream has them all. */
  async publish(source: SourceRef, items: CollectedItem[], now: Date): Promise<{ published: number; duplicates: number; ids: string[] }> {
    const js = jetstream(this.nc);
    const t = now.getTime();
    const ids = items.map((it) => prepareItem(it, source, t, { normalise: false }).row.id);
    const acks = await Promise.all(items.map((it, i) => js.publish(this.names.itemsSubject, encodeItem(source, it, t), { msgID: ids[i]! })));
    return { published: acks.length, duplicates: acks.filter((a) => a.duplicate).length, ids };
  }
}
