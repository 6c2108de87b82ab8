/**
 * `tingfeng worker analyze`: stateless CPU work. Pulls raw items, prepares each (stable post id from its dedupe
 * key) and analyses it, publishes the result to its track partition with `Nats-Msg-Id` = the post id, and acks
 * an item only once that publish is acknowledged by JetStream. Run one per core; any number across machines.
 * The analyser is rebuilt when plans or units change (checked every `refreshMs`).
 */
import type { JsMsg } from '@nats-io/jetstream';
import { prepareItem } from '../pipeline/prepare.ts';
import type { Analyzer } from '../analysis/analyze.ts';
import { analyseFingerprintSafe, analysePrepared, buildStatelessAnalyzer } from './analyse-post.ts';
import { decodeItem, encodeAnalysed } from './codec.ts';
import type { ClusterContext } from './context.ts';
import { errorText } from './errors.ts';
import { partitionKey, partitionOf } from './partition.ts';
import { pullLoop, retryDelayMs, settleFailure, type FailureDeps } from './pull.ts';

export interface WorkerHandle {
  /** Stop fetching, finish and ack the batch in hand, then resolve. */
  stop(): Promise<void>;
  done: Promise<void>;
}

export interface AnalyzeWorkerOptions {
  batch?: number;
  refreshMs?: number;
}

export async function startAnalyzeWorker(ctx: ClusterContext, opts: AnalyzeWorkerOptions = {}): Promise<WorkerHandle> {
  const { names, js, metrics, log } = ctx;
  const stage = 'analyze';
  let built = await buildStatelessAnalyzer(ctx.store, ctx.config.dataDirAbs);
  for (const e of built.planErrors) log.warn({ plan: e }, 'plan has a syntax error and is skipped');
  let analyzer: Analyzer = built.analyzer;
  let checkedAt = Date.now();
  const info = await ctx.jsm.consumers.info(names.itemsStream, names.analyzeConsumer);
  const deps: FailureDeps = { js, names, stage, maxDeliver: info.config.max_deliver ?? 5, metrics, log };
  let stopped = false;

  const refresh = async () => {
    if (Date.now() - checkedAt < (opts.refreshMs ?? 30_000)) return;
    checkedAt = Date.now();
    const fp = await analyseFingerprintSafe(ctx.store);
    if (fp && fp !== built.fingerprint) {
      built = await buildStatelessAnalyzer(ctx.store, ctx.config.dataDirAbs);
      analyzer = built.analyzer;
      log.info({}, 'analyser rebuilt after a plan or unit change');
    }
  };

  const handle = async (msgs: JsMsg[]) => {
    await refresh();
    const out: { m: JsMsg; subject: string; data: Uint8Array; id: string }[] = [];
    for (const m of msgs) {
      try {
        const { source, item, collectedAt } = decodeItem(m.data);
        const p = prepareItem(item, source, collectedAt);
        const { post, coreText } = analysePrepared(analyzer, p, source.name);
        const part = partitionOf(partitionKey(post.analysis.plans, post.analysis.places), ctx.partitions);
        out.push({ m, subject: names.analysedSubject(part), data: encodeAnalysed(source, post, coreText), id: p.row.id });
      } catch (err) {
        await settleFailure(deps, m, err);
      }
    }
    const acks = await Promise.allSettled(out.map((o) => js.publish(o.subject, o.data, { msgID: o.id })));
    acks.forEach((r, i) => {
      const o = out[i]!;
      if (r.status === 'fulfilled') {
        o.m.ack();
        metrics.count(stage, r.value.duplicate ? 'duplicate' : 'ok');
        metrics.published.inc({ stage });
      } else {
        log.warn({ err: errorText(r.reason) }, 'publish to the track stage failed; the item will be redelivered');
        o.m.nak(retryDelayMs(o.m.info.deliveryCount));
        metrics.count(stage, 'retry');
      }
    });
  };

  const done = pullLoop({
    stage,
    consumer: () => js.consumers.get(names.itemsStream, names.analyzeConsumer),
    batch: opts.batch ?? 200,
    stopped: () => stopped,
    handle,
    metrics,
    log,
  });
  return {
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
