/**
 * `tingfeng worker analyze`: stateless CPU work. Pulls raw items in batches (the next batch is fetched while this
 * one is worked on), prepares each (stable post id from its dedupe key), analyses them in slices stage by stage
 * (Analyzer.analyzeBatch), and publishes each slice's results at once to their track partitions with
 * `Nats-Msg-Id` = the post id, so the publishes fly while the next slice is analysed. An item is acked only once
 * its result's publish is acknowledged by JetStream. A message that cannot be decoded, or a post that makes the
 * analyser throw, is settled on its own (redelivered, or dead-lettered on its last delivery) while the rest of the
 * batch flows on. Run one per core; any number across machines. The analyser is rebuilt when plans or units
 * change (checked every `refreshMs`).
 */
import type { JsMsg } from '@nats-io/jetstream';
import { prepareItem } from '../pipeline/prepare.ts';
import type { Analyzer } from '../analysis/analyze.ts';
import type { SourceRef } from '../pipeline/types.ts';
import { analyseBatchOrEach, analyseFingerprintSafe, buildStatelessAnalyzer, type PreparedInput } from './analyse-post.ts';
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

interface Ready extends PreparedInput {
  m: JsMsg;
  source: SourceRef;
}

interface Sent {
  m: JsMsg;
  /** Settles when JetStream acknowledges (or refuses) the published result; never rejects. */
  ack: Promise<{ ok: true; duplicate: boolean } | { ok: false; err: unknown }>;
}

export interface AnalyzeWorkerOptions {
  /** Messages fetched at once (default 200). */
  batch?: number;
  /** Posts analysed together (Analyzer.analyzeBatch) and then published, within a fetched batch (default 100). */
  slice?: number;
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
  const slice = Math.max(1, opts.slice ?? 100);

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

  /** Decodes and prepares each message; a malformed one goes to the dead letters on its own. */
  const prepare = async (msgs: JsMsg[]): Promise<Ready[]> => {
    const ready: Ready[] = [];
    for (const m of msgs) {
      try {
        const { source, item, collectedAt } = decodeItem(m.data);
        ready.push({ m, source, p: prepareItem(item, source, collectedAt), sourceName: source.name });
      } catch (err) {
        await settleFailure(deps, m, err);
      }
    }
    return ready;
  };

  /** Analyses a slice of the batch and sends its results on their way; resolves to their publishes' outcomes. */
  const analyseAndPublish = async (msgs: JsMsg[]): Promise<Sent[]> => {
    const ready = await prepare(msgs);
    const results = await analyseBatchOrEach(analyzer, ready, (r, err) => settleFailure(deps, r.m, err), (err) =>
      log.warn({ err: errorText(err), messages: ready.length }, 'a post of the batch failed analysis; analysing its posts one by one'),
    );
    const sent: Sent[] = [];
    results.forEach((r, i) => {
      if (!r) return;
      const { m, source, p } = ready[i]!;
      const part = partitionOf(partitionKey(r.post.analysis.plans, r.post.analysis.places), ctx.partitions);
      const ack = js.publish(names.analysedSubject(part), encodeAnalysed(source, r.post, r.coreText), { msgID: p.row.id }).then(
        (a) => ({ ok: true as const, duplicate: a.duplicate }),
        (err: unknown) => ({ ok: false as const, err }),
      );
      sent.push({ m, ack });
    });
    return sent;
  };

  const handle = async (msgs: JsMsg[]) => {
    await refresh();
    // Slices of the batch are analysed stage by stage; each slice's results are published at once, so the
    // publishes fly while the next slice is analysed, and a slice's intermediate data dies young.
    const sent: Sent[] = [];
    for (let i = 0; i < msgs.length; i += slice) sent.push(...(await analyseAndPublish(msgs.slice(i, i + slice))));
    // An item is acked only once JetStream has acknowledged its result.
    for (const { m, ack } of sent) {
      const r = await ack;
      if (r.ok) {
        m.ack();
        metrics.count(stage, r.duplicate ? 'duplicate' : 'ok');
        metrics.published.inc({ stage });
      } else {
        log.warn({ err: errorText(r.err) }, 'publish to the track stage failed; the item will be redelivered');
        m.nak(retryDelayMs(m.info.deliveryCount));
        metrics.count(stage, 'retry');
      }
    }
  };

  const done = pullLoop({
    stage,
    consumer: () => js.consumers.get(names.itemsStream, names.analyzeConsumer),
    batch: opts.batch ?? 200,
    prefetch: true,
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
