/**
 * `tingfeng worker collect`: polls the sources that are due, one worker per source at a time (a store lease
 * `source:<id>`, renewed while the poll and publishing run; it expires when a worker dies, and another worker
 * polls the source again). Each item is published to the items stream with `Nats-Msg-Id` = its post id.
 *
 * Where the cursor lives: in the store (`sources.cursor`, with the source's health), as in the embedded mode.
 * It is written only after JetStream has acknowledged every item of the poll, so a crash before that re-polls
 * from the old cursor and republishes: the duplicate window drops the copies, and past it the track stage skips
 * posts already stored. Nothing is lost, nothing stored twice.
 *
 * Also answers "run this source now" requests from the API (`<prefix>.control.run`, queue group `collect`).
 */
import type { Msg, Subscription } from '@nats-io/transport-node';
import { toCollected } from '../pipeline/collector.ts';
import { prepareItem } from '../pipeline/prepare.ts';
import type { SourceRef } from '../pipeline/types.ts';
import { initialHealth, recordFailure, recordSuccess, type SourceHealth } from '../sources/health.ts';
import { isSourceError } from '../sources/errors.ts';
import { pollOnce, PoliteFetcher } from '../sources/index.ts';
import { dueSources, type ScheduledSource } from '../sources/schedule.ts';
import type { SourcesTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { encodeItem } from './codec.ts';
import type { ClusterContext } from './context.ts';
import { ClusterError, errorText } from './errors.ts';
import type { WorkerHandle } from './analyze-worker.ts';

const PULL_KINDS = new Set(['rss', 'web-page', 'json-api', 'spreadsheet']);
const PUBLISH_CHUNK = 500;

export interface CollectWorkerOptions {
  tickMs?: number;
  leaseMs?: number;
  maxConcurrent?: number;
  now?: () => Date;
}

export interface CollectOutcome {
  ok: boolean;
  items: number;
  published: number;
  error?: string;
}

function scheduled(s: SourcesTable): ScheduledSource {
  const h = parseJson<Partial<SourceHealth>>(s.health, {});
  const last = h.last_run_at ? new Date(h.last_run_at) : null;
  return {
    id: s.id,
    enabled: s.enabled === 1 && PULL_KINDS.has(s.kind),
    spec: s.cron ? { cron: s.cron } : { interval_seconds: Math.max(60, s.interval_s) },
    state: { running: false, last_started_at: last, last_finished_at: last, consecutive_failures: h.consecutive_failures ?? 0 },
  };
}

export async function startCollectWorker(ctx: ClusterContext, opts: CollectWorkerOptions = {}): Promise<WorkerHandle & { runSource(id: string, force: boolean): Promise<CollectOutcome> }> {
  const { store, js, names, metrics, log } = ctx;
  const now = opts.now ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? 60_000;
  const fetcher = new PoliteFetcher({ userAgent: ctx.config.userAgent });
  const running = new Set<string>();
  const jitter = new Map<string, number>();
  const inflight = new Set<Promise<unknown>>();
  let stopped = false;

  const isDue = (rows: SourcesTable[]) =>
    dueSources(rows.map(scheduled), now(), {
      random: (id) => {
        if (!jitter.has(id)) jitter.set(id, Math.random());
        return jitter.get(id)!;
      },
    });

  const publishAll = async (ref: SourceRef, items: ReturnType<typeof toCollected>, collectedAt: number, leaseOk: () => boolean): Promise<number> => {
    let published = 0;
    for (let i = 0; i < items.length; i += PUBLISH_CHUNK) {
      if (!leaseOk()) throw new ClusterError('TF_ERR_CLUSTER_LEASE_LOST', `lost the lease on source ${ref.name} while publishing`);
      const chunk = items.slice(i, i + PUBLISH_CHUNK);
      const acks = await Promise.all(chunk.map((it) => js.publish(names.itemsSubject, encodeItem(ref, it, collectedAt), { msgID: prepareItem(it, ref, collectedAt).row.id })));
      published += acks.length;
      metrics.published.inc({ stage: 'collect' }, acks.length);
      metrics.count('collect', 'ok', acks.filter((a) => !a.duplicate).length);
      metrics.count('collect', 'duplicate', acks.filter((a) => a.duplicate).length);
    }
    return published;
  };

  const runSource = async (id: string, force: boolean): Promise<CollectOutcome> => {
    if (running.has(id)) return { ok: false, items: 0, published: 0, error: 'already running in this worker' };
    const lease = `source:${id}`;
    if (!(await store.repos.leases.acquire(lease, ctx.workerId, now().getTime(), leaseMs))) return { ok: false, items: 0, published: 0, error: 'another worker is polling this source' };
    running.add(id);
    let leaseOk = true;
    const renew = setInterval(() => {
      void store.repos.leases.acquire(lease, ctx.workerId, now().getTime(), leaseMs).then((ok) => (leaseOk &&= ok), () => undefined);
    }, Math.max(200, Math.floor(leaseMs / 3)));
    try {
      // Read again under the lease: another worker may have just polled it.
      const s = await store.repos.sources.byId(id);
      if (!s) return { ok: false, items: 0, published: 0, error: 'no such source' };
      if (!force && !isDue([s]).includes(id)) return { ok: true, items: 0, published: 0 };
      const started = now();
      const health = { ...initialHealth(), ...parseJson<Partial<SourceHealth>>(s.health, {}) };
      try {
        const res = await pollOnce(s.kind, JSON.parse(s.config), { fetcher, now: started, cursor: parseJson<unknown>(s.cursor, null), logger: log });
        const ref: SourceRef = { id: s.id, name: s.name, weight: s.weight, demo: s.demo === 1 };
        const items = toCollected(res.items);
        const published = await publishAll(ref, items, started.getTime(), () => leaseOk);
        if (!leaseOk) throw new ClusterError('TF_ERR_CLUSTER_LEASE_LOST', `lost the lease on source ${s.name}; the cursor was not advanced`);
        const h = recordSuccess({ ...health, last_run_at: started.toISOString() }, { at: started, items: items.length });
        await store.repos.sources.saveProgress(s.id, JSON.stringify(res.nextCursor), JSON.stringify(h), now().getTime());
        log.info({ source: s.name, items: items.length }, 'source polled and published');
        return { ok: true, items: items.length, published };
      } catch (err) {
        if (err instanceof ClusterError) throw err;
        const code = isSourceError(err) ? err.code : 'TF_ERR_SOURCE';
        const message = errorText(err);
        const h = recordFailure({ ...health, last_run_at: started.toISOString() }, { at: started, code, message });
        await store.repos.sources.saveProgress(s.id, s.cursor, JSON.stringify(h), now().getTime());
        log.warn({ source: s.name, code, message }, 'source poll failed');
        return { ok: false, items: 0, published: 0, error: `${code}: ${message}` };
      }
    } finally {
      clearInterval(renew);
      running.delete(id);
      await store.repos.leases.release(lease, ctx.workerId).catch(() => undefined);
    }
  };

  const track = (p: Promise<unknown>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  const tick = async () => {
    const rows = await store.repos.sources.list({ enabledOnly: true });
    const room = Math.max(0, (opts.maxConcurrent ?? 4) - running.size);
    for (const id of isDue(rows.filter((r) => !running.has(r.id))).slice(0, room)) {
      track(runSource(id, false).catch((err: unknown) => log.error({ err: errorText(err), source: id }, 'source run failed')));
    }
  };

  const sub: Subscription = ctx.nc.subscribe(names.runSubject, {
    queue: 'collect',
    callback: (err: Error | null, msg: Msg) => {
      if (err || stopped) return;
      let id = '';
      try {
        const v = (JSON.parse(msg.string()) as { id?: unknown }).id;
        id = typeof v === 'string' ? v : '';
      } catch {
        /* answered below */
      }
      if (!id) {
        msg.respond(JSON.stringify({ ok: false, items: 0, published: 0, error: 'request must be {"id": "<source id>"}' }));
        return;
      }
      track(
        runSource(id, true)
          .catch((e: unknown): CollectOutcome => ({ ok: false, items: 0, published: 0, error: errorText(e) }))
          .then((o) => msg.respond(JSON.stringify(o))),
      );
    },
  });

  const done = (async () => {
    while (!stopped) {
      await tick().catch((err: unknown) => log.error({ err: errorText(err) }, 'collect tick failed'));
      const until = Date.now() + (opts.tickMs ?? 5000);
      while (!stopped && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    }
    sub.unsubscribe();
    await Promise.allSettled([...inflight]);
  })();
  return {
    done,
    runSource,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
