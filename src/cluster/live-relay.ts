/**
 * Live messages across the cluster. In cluster mode the posts are stored by track workers and in-app alerts are
 * sent by the notify worker, while the dashboards hold their server-sent-event streams open on the API processes:
 * a NatsLiveHub publishes every live message on `<prefix>.live` (core NATS: a dashboard that is not connected
 * misses nothing it would have kept), and each API process that listens hands what arrives to its own dashboards —
 * including what it published itself, so every message reaches every process's listeners once.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { LiveHub, type LiveMessage } from '../services/live.ts';

const EVENTS: ReadonlySet<string> = new Set<LiveMessage['event']>(['ingest', 'alert', 'tick', 'case']);

/** A live message as received, or null when it is not one (foreign or damaged). */
export function decodeLive(text: string): LiveMessage | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.event !== 'string' || !EVENTS.has(o.event)) return null;
  if (o.userIds !== undefined && !(Array.isArray(o.userIds) && o.userIds.every((u) => typeof u === 'string'))) return null;
  const m: LiveMessage = { event: o.event as LiveMessage['event'], data: o.data };
  if (o.userIds !== undefined) m.userIds = o.userIds;
  return m;
}

export class NatsLiveHub extends LiveHub {
  private sub: Subscription | null = null;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subject: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    super();
  }

  /** Sends the message to the whole cluster (this process's listeners get it back through `listen`). */
  override publish(m: LiveMessage): number {
    try {
      this.nc.publish(this.subject, JSON.stringify(m));
    } catch (err) {
      // a closed or draining connection: the dashboards miss one live message, nothing stored is lost
      this.onError(err);
    }
    return 0;
  }

  /** Starts handing the cluster's live messages to this process's listeners (API processes). */
  listen(): void {
    if (this.sub) return;
    this.sub = this.nc.subscribe(this.subject, {
      callback: (err: Error | null, msg: Msg) => {
        if (err) return this.onError(err);
        const m = decodeLive(msg.string());
        if (m) this.deliver(m);
      },
    });
  }

  close(): void {
    this.sub?.unsubscribe();
    this.sub = null;
  }

  private deliver(m: LiveMessage): number {
    return super.publish(m);
  }
}
