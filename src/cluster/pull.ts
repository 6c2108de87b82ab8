/**
 * The pull loop every consuming worker runs: fetch a batch from its durable consumer, hand it to the stage, and
 * repeat until asked to stop. Stopping (SIGTERM) lets the batch in hand finish and be acknowledged; nothing new is
 * fetched. `settleFailure` decides a failed message: a malformed one, or one on its last allowed delivery, goes
 * to the dead-letter subject with its error (then is acknowledged); any other is redelivered after a back-off.
 */
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Consumer, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { errorText, isPermanent } from './errors.ts';
import type { StageMetrics } from './metrics.ts';
import type { ClusterNames } from './names.ts';

export interface Log {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PullLoopOptions {
  stage: string;
  consumer: () => Promise<Consumer>;
  batch: number;
  expiresMs?: number;
  /**
   * Fetch the next batch while this one is handled, so a busy worker never waits for a fetch round trip. The
   * prefetched batch counts as in hand: on stop it is handled (and acknowledged) too before the loop ends.
   */
  prefetch?: boolean;
  stopped: () => boolean;
  handle: (msgs: JsMsg[]) => Promise<void>;
  metrics: StageMetrics;
  log: Log;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function pullLoop(o: PullLoopOptions): Promise<void> {
  let consumer: Consumer | null = null;
  /** One fetch; never rejects (a failure is logged, the consumer looked up again and an empty batch returned). */
  const fetchBatch = async (): Promise<JsMsg[]> => {
    const msgs: JsMsg[] = [];
    try {
      consumer ??= await o.consumer();
      const it = await consumer.fetch({ max_messages: o.batch, expires: o.expiresMs ?? 1000 });
      for await (const m of it) msgs.push(m);
    } catch (err) {
      o.log.warn({ err: errorText(err), stage: o.stage }, 'fetch failed; retrying');
      consumer = null;
      await sleep(1000);
      // Whatever arrived before the failure is in hand and still handled.
    }
    return msgs;
  };
  let next: Promise<JsMsg[]> | null = null;
  while (next || !o.stopped()) {
    const msgs = await (next ?? fetchBatch());
    next = null;
    if (msgs.length === 0) continue;
    if (o.prefetch && !o.stopped()) next = fetchBatch();
    const end = o.metrics.batchSeconds.startTimer({ stage: o.stage });
    o.metrics.inFlight.set({ stage: o.stage }, msgs.length);
    try {
      await o.handle(msgs);
    } catch (err) {
      // The stage could not settle the batch: let every message come back.
      o.log.error({ err: errorText(err), stage: o.stage, messages: msgs.length }, 'batch failed; messages will be redelivered');
      for (const m of msgs) m.nak(2000);
      o.metrics.count(o.stage, 'retry', msgs.length);
      await sleep(500);
    } finally {
      o.metrics.inFlight.set({ stage: o.stage }, 0);
      end();
    }
  }
}

export interface FailureDeps {
  js: JetStreamClient;
  names: ClusterNames;
  stage: string;
  maxDeliver: number;
  metrics: StageMetrics;
  log: Log;
}

/** Back-off before a redelivery: 1 s, 2 s, 4 s … capped at 30 s. */
export function retryDelayMs(deliveryCount: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, deliveryCount - 1));
}

export async function deadLetter(d: FailureDeps, m: JsMsg, err: unknown): Promise<void> {
  const h = natsHeaders();
  h.set('Tf-Error', errorText(err).replace(/[\r\n]+/g, ' ').slice(0, 2000));
  h.set('Tf-Stage', d.stage);
  h.set('Tf-Subject', m.subject);
  h.set('Tf-Deliveries', String(m.info.deliveryCount));
  h.set('Tf-Stream-Seq', String(m.info.streamSequence));
  await d.js.publish(d.names.deadSubject(d.stage), m.data, { headers: h, msgID: `${d.stage}:${m.info.stream}:${m.info.streamSequence}` });
  // Acknowledge, not term: the message is handled (it moved to the dead letters), and on NATS 2.9 a terminated
  // message stays in a work-queue stream.
  m.ack();
  d.metrics.count(d.stage, 'dead');
  d.log.warn({ stage: d.stage, seq: m.info.streamSequence, err: errorText(err) }, 'message dead-lettered');
}

export async function settleFailure(d: FailureDeps, m: JsMsg, err: unknown): Promise<void> {
  if (isPermanent(err) || m.info.deliveryCount >= d.maxDeliver) {
    await deadLetter(d, m, err);
    return;
  }
  m.nak(retryDelayMs(m.info.deliveryCount));
  d.metrics.count(d.stage, 'retry');
}
