/**
 * The live hub: server-sent events to signed-in dashboards (new posts stored, alerts for a person, ticks).
 * In cluster mode each API process has its own hub fed from NATS; here it is in-process.
 */
export interface LiveMessage {
  event: 'ingest' | 'alert' | 'tick' | 'case';
  data: unknown;
  /** Only these users receive it (in-app alert notifications); absent = everyone signed in. */
  userIds?: string[];
}

type Listener = { userId: string | null; send(m: LiveMessage): void };

export class LiveHub {
  private readonly listeners = new Set<Listener>();

  subscribe(userId: string | null, send: (m: LiveMessage) => void): () => void {
    const l = { userId, send };
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  publish(m: LiveMessage): number {
    let n = 0;
    for (const l of this.listeners) {
      if (m.userIds && (!l.userId || !m.userIds.includes(l.userId))) continue;
      try {
        l.send(m);
        n++;
      } catch {
        this.listeners.delete(l);
      }
    }
    return n;
  }

  get size(): number {
    return this.listeners.size;
  }
}
