// Calls `refresh` when new posts arrive or the server ticks (SSE), at most once per `minGapMs`; while the stream
// is unavailable, polls every `pollMs` instead.
import { useEffect, useRef } from 'react';
import { liveFailing, subscribeLive } from './live-stream.ts';

export function useLiveRefresh(
  refresh: () => void,
  opts: { pollMs?: number; minGapMs?: number; enabled?: boolean } = {},
): void {
  const { pollMs = 60_000, minGapMs = 5_000, enabled = true } = opts;
  const ref = useRef(refresh);
  ref.current = refresh;
  useEffect(() => {
    if (!enabled) return;
    let last = Date.now();
    const fire = () => {
      const now = Date.now();
      if (now - last < minGapMs) return;
      last = now;
      ref.current();
    };
    const unsubscribe = subscribeLive((m) => {
      if (m.type === 'ingest' || m.type === 'tick') fire();
    });
    const poll = setInterval(() => {
      if (liveFailing()) fire();
    }, pollMs);
    return () => {
      unsubscribe();
      clearInterval(poll);
    };
  }, [pollMs, minGapMs, enabled]);
}
