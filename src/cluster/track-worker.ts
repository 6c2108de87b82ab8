/**
 * `tingfeng worker track`: one partition at a time, exclusively. The worker claims a partition with a store lease
 * (`track:<p>`), renewed while it works and checked again inside every batch's transaction (a worker that lost
 * its lease can never write); a standby worker takes over when the lease expires. Per fetched batch: skip posts
 * already stored, decide near-duplicates, assign events and assess them (TrackStage), raise alerts through the
 * afterTrack hook, and store everything with the tracker snapshot in one transaction (persistBatch: idempotent
 * inserts keyed by the post identity); only then ack. A crash before the commit redelivers onto the last
 * committed state; a crash after it redelivers posts that are skipped as stored. A batch that fails is retried
 * message by message so one bad message cannot hold back the others.
 */
import type { JsMsg } from '@nats-io/jetstream';
import { persistBatch } from '../pipeline/persist.ts';
import { sourceGaps } from '../pipeline/gaps.ts';
import type { IngestHooks } from '../pipeline/ingest.ts';
import type { AnalysedPost, SourceRef } from '../pipeline/types.ts';
import { decodeAnalysed } from './codec.ts';
import type { ClusterContext } from './context.ts';
import { ClusterError, errorText } from './errors.ts';
import { pullLoop, settleFailure, type FailureDeps } from './pull.ts';
import { loadPartitionState, snapshotKey, type PartitionState } from './track-state.ts';
import type { WorkerHandle } from './analyze-worker.ts';

export interface TrackWorkerOptions {
  /** A fixed partition; default: claim any free one. */
  partition?: number;
  leaseMs?: number;
  batch?: number;
  afterTrack?: IngestHooks['afterTrack'];
  /** After a batch is committed: how many new posts each source got (for the dashboards' live refresh). */
  onStored?: (stored: { source: string; count: number }[], at: Date) => void;
  now?: () => Date;
}

interface Decoded {
  m: JsMsg;
  source: SourceRef;
  post: AnalysedPost;
  coreText: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function trackLeaseName(partition: number): string {
  return `track:${partition}`;
}

export async function startTrackWorker(ctx: ClusterContext, opts: TrackWorkerOptions = {}): Promise<WorkerHandle & { partition: () => number | null }> {
  const { store, names, js, metrics, log } = ctx;
  const stage = 'track';
  const leaseMs = opts.leaseMs ?? 30_000;
  const now = opts.now ?? (() => new Date());
  const holder = ctx.workerId;
  let stopped = false;
  let current: number | null = null;
  const info = await ctx.jsm.consumers.info(names.analysedStream, names.trackConsumer(0));
  const deps: FailureDeps = { js, names, stage, maxDeliver: info.config.max_deliver ?? 5, metrics, log };

  const claim = async (): Promise<number | null> => {
    const candidates = opts.partition !== undefined ? [opts.partition] : [...Array(ctx.partitions).keys()];
    while (!stopped) {
      for (const p of candidates) {
        if (await store.repos.leases.acquire(trackLeaseName(p), holder, now().getTime(), leaseMs).catch(() => false)) return p;
      }
      await sleep(Math.max(200, Math.floor(leaseMs / 4)));
    }
    return null;
  };

  /** Track and store one group of messages in one transaction; throws when it could not. */
  const commit = async (p: number, state: PartitionState, group: Decoded[]): Promise<void> => {
    const at = now();
    const t = at.getTime();
    if (t - state.rulesLoadedAt > 30_000) {
      state.stage.setRules(await store.repos.settings.get<unknown>('warning.rules'));
      state.rulesLoadedAt = t;
    }
    const existing = await store.repos.posts.existingKeys([...new Set(group.map((d) => d.post.row.dedupe_key))]);
    const seen = new Set<string>();
    const fresh = group
      .filter((d) => !existing.has(d.post.row.dedupe_key) && !seen.has(d.post.row.dedupe_key) && seen.add(d.post.row.dedupe_key))
      .sort((a, b) => a.post.row.published_at - b.post.row.published_at);
    if (fresh.length === 0) return;
    for (const d of fresh) d.post.analysis.duplicateOf = state.dups.observe(d.coreText, d.post.row.id);
    const posts = fresh.map((d) => d.post);
    const gaps = sourceGaps(await store.repos.sources.list({ enabledOnly: true }), at);
    const out = state.stage.track(posts, at, gaps);
    if (fresh.every((d) => d.source.demo)) for (const e of out.writes.events) e.demo = 1;
    await persistBatch(
      store,
      {
        posts,
        events: out.writes,
        extra: async (r) => {
          if (!(await r.leases.acquire(trackLeaseName(p), holder, t, leaseMs)))
            throw new ClusterError('TF_ERR_CLUSTER_LEASE_LOST', `track partition ${p} is now held by another worker; this batch was not stored`);
          if (opts.afterTrack) await opts.afterTrack(r, out, posts, at);
          await r.settings.set(snapshotKey(p, ctx.partitions), state.stage.snapshot(), t);
        },
      },
      t,
    );
    if (opts.onStored) {
      const counts = new Map<string, number>();
      for (const d of fresh) counts.set(d.source.name, (counts.get(d.source.name) ?? 0) + 1);
      opts.onStored([...counts].map(([source, count]) => ({ source, count })), at);
    }
  };

  const servePartition = async (p: number) => {
    let state = await loadPartitionState(store, p, ctx.partitions, now().getTime());
    let lost = false;
    const renew = setInterval(() => {
      void store.repos.leases.acquire(trackLeaseName(p), holder, now().getTime(), leaseMs).then(
        (ok) => {
          if (!ok) lost = true;
        },
        () => undefined,
      );
    }, Math.max(200, Math.floor(leaseMs / 3)));
    const reload = async () => {
      state = await loadPartitionState(store, p, ctx.partitions, now().getTime());
    };
    const handle = async (msgs: JsMsg[]) => {
      const decoded: Decoded[] = [];
      for (const m of msgs) {
        try {
          decoded.push({ m, ...decodeAnalysed(m.data) });
        } catch (err) {
          await settleFailure(deps, m, err);
        }
      }
      if (decoded.length === 0) return;
      try {
        await commit(p, state, decoded);
        for (const d of decoded) d.m.ack();
        metrics.count(stage, 'ok', decoded.length);
        return;
      } catch (err) {
        if (err instanceof ClusterError && err.code === 'TF_ERR_CLUSTER_LEASE_LOST') lost = true;
        log.warn({ err: errorText(err), partition: p, messages: decoded.length }, 'batch failed; state reloaded from the store');
        await reload();
        if (lost || decoded.length === 1) {
          for (const d of decoded) {
            if (lost) d.m.nak(1000);
            else await settleFailure(deps, d.m, err);
          }
          return;
        }
      }
      for (const d of decoded) {
        try {
          await commit(p, state, [d]);
          d.m.ack();
          metrics.count(stage, 'ok');
        } catch (err) {
          await reload();
          await settleFailure(deps, d.m, err);
        }
      }
    };
    try {
      log.info({ partition: p }, 'track partition claimed');
      await pullLoop({
        stage,
        consumer: () => js.consumers.get(names.analysedStream, names.trackConsumer(p)),
        batch: opts.batch ?? 500,
        stopped: () => stopped || lost,
        handle,
        metrics,
        log,
      });
    } finally {
      clearInterval(renew);
      if (lost) log.warn({ partition: p }, 'track partition lease lost; standing by');
      else await store.repos.leases.release(trackLeaseName(p), holder).catch(() => undefined);
    }
  };

  const done = (async () => {
    while (!stopped) {
      const p = await claim();
      if (p === null) break;
      current = p;
      await servePartition(p);
      current = null;
    }
  })();
  return {
    done,
    partition: () => current,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
