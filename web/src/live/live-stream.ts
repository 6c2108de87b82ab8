// One shared connection to GET /api/stream (server-sent events) for the whole tab. Listeners hear `ingest`,
// `tick` and `alert` messages. When the stream cannot be opened (route missing, proxy dropping it) the connection
// is closed and listeners are told `fallback`, so pages poll instead; the stream is retried after a while.

export type LiveMessage =
  | { type: 'ingest'; data: unknown }
  | { type: 'tick'; data: unknown }
  | { type: 'alert'; data: unknown }
  | { type: 'fallback' };

type Listener = (m: LiveMessage) => void;

const RETRY_MS = 5 * 60_000;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let failed = false;

function emit(m: LiveMessage): void {
  for (const l of [...listeners]) l(m);
}

function parse(e: MessageEvent): unknown {
  try {
    return JSON.parse(String(e.data)) as unknown;
  } catch {
    return null;
  }
}

function open(): void {
  if (source || typeof EventSource === 'undefined') return;
  const es = new EventSource('/api/stream');
  source = es;
  for (const type of ['ingest', 'tick', 'alert'] as const)
    es.addEventListener(type, (e) => emit({ type, data: parse(e) }));
  es.onopen = () => {
    failed = false;
  };
  es.onerror = () => {
    // EventSource would retry on its own every few seconds; instead fall back to polling and retry later
    es.close();
    source = null;
    failed = true;
    emit({ type: 'fallback' });
    if (!retryTimer && listeners.size > 0)
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (listeners.size > 0) open();
      }, RETRY_MS);
  };
}

/** Subscribes to the live stream; returns the unsubscribe function. */
export function subscribeLive(listener: Listener): () => void {
  listeners.add(listener);
  if (failed) listener({ type: 'fallback' });
  open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      source?.close();
      source = null;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    }
  };
}

/** Whether the stream is currently failing (pages poll instead). */
export function liveFailing(): boolean {
  return failed;
}
