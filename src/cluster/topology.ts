/**
 * Creates (idempotently) the cluster's streams and durable pull consumers:
 *  - work-queue retention (a message is removed once acked), explicit ack, `max_deliver` attempts, `ack_wait`;
 *  - `max_ack_pending` bounds what a stage holds unacknowledged (backpressure), and the streams bound their size
 *    with `discard: new`, so a publisher waits (publish fails, the caller retries later) instead of growing the
 *    queue without limit;
 *  - a 2-minute duplicate window: publishes carry `Nats-Msg-Id` = the post's stable id;
 *  - the dead-letter stream keeps limits retention (30 days) so an operator can read and replay it.
 */
import { AckPolicy, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ClusterNames } from './names.ts';

export interface TopologyOptions {
  partitions: number;
  maxDeliver?: number;
  ackWaitMs?: number;
  maxAckPending?: number;
  maxQueued?: number;
}

async function ensureStream(jsm: JetStreamManager, cfg: Parameters<JetStreamManager['streams']['add']>[0] & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(cfg.name);
    await jsm.streams.update(cfg.name, cfg);
  } catch (e) {
    if (!/not found/i.test((e as Error).message)) throw e;
    await jsm.streams.add(cfg);
  }
}

async function ensureConsumer(jsm: JetStreamManager, stream: string, durable: string, filter: string, o: Required<Omit<TopologyOptions, 'partitions' | 'maxQueued'>>): Promise<void> {
  const cfg = {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    filter_subject: filter,
    max_deliver: o.maxDeliver,
    ack_wait: nanos(o.ackWaitMs),
    max_ack_pending: o.maxAckPending,
  };
  try {
    await jsm.consumers.info(stream, durable);
    await jsm.consumers.update(stream, durable, { max_deliver: cfg.max_deliver, ack_wait: cfg.ack_wait, max_ack_pending: cfg.max_ack_pending });
  } catch (e) {
    if (!/not found/i.test((e as Error).message)) throw e;
    await jsm.consumers.add(stream, cfg);
  }
}

export async function ensureTopology(jsm: JetStreamManager, n: ClusterNames, opts: TopologyOptions): Promise<void> {
  const maxQueued = opts.maxQueued ?? 1_000_000;
  const common = { retention: RetentionPolicy.Workqueue, storage: StorageType.File, duplicate_window: nanos(120_000), discard: DiscardPolicy.New, max_msgs: maxQueued };
  await ensureStream(jsm, { name: n.itemsStream, subjects: [n.itemsSubject], ...common });
  await ensureStream(jsm, { name: n.analysedStream, subjects: [n.analysedWildcard], ...common });
  await ensureStream(jsm, { name: n.deadStream, subjects: [n.deadWildcard], retention: RetentionPolicy.Limits, storage: StorageType.File, max_age: nanos(30 * 86_400_000) });
  const o = { maxDeliver: opts.maxDeliver ?? 5, ackWaitMs: opts.ackWaitMs ?? 60_000, maxAckPending: opts.maxAckPending ?? 2000 };
  await ensureConsumer(jsm, n.itemsStream, n.analyzeConsumer, n.itemsSubject, o);
  for (let p = 0; p < opts.partitions; p++) await ensureConsumer(jsm, n.analysedStream, n.trackConsumer(p), n.analysedSubject(p), o);
}

/** Deletes the cluster's streams (their consumers go with them). For tests and `tingfeng cluster reset`. */
export async function deleteTopology(jsm: JetStreamManager, n: ClusterNames): Promise<void> {
  for (const s of [n.itemsStream, n.analysedStream, n.deadStream]) await jsm.streams.delete(s).catch(() => false);
}
