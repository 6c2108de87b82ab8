// The overview is the desk's first page. When the app opens on it, its data (GET /api/stats/overview) and the chart
// code (the ECharts chunk) are asked for as soon as the script runs — alongside the sign-in check and the first
// render — instead of after the page has mounted (bench/overview-browser.ts measured the first load). The page
// takes the early answer once; a failed or refused early request (not signed in yet) just means a normal load.
import { useEffect, useState } from 'react';
import { apiRequest } from '../../api/client.ts';
import { preloadCharts as preloadChartCode } from '../../components/chart/chart.tsx';
import type { ApiState } from '../../api/use-api.ts';
import { useApi } from '../../api/use-api.ts';
import type { Overview } from '../../api/types.ts';

/** Hash routes that show the overview's data: the overview itself and the wall screen. */
export function opensOnOverview(hash: string): boolean {
  return ['', '#', '#/', '#/wall'].includes(hash.split('?')[0] ?? '');
}

/** How long an early answer stays usable (a page opened later loads afresh). */
export const EARLY_FRESH_MS = 30_000;

let early: { at: number; data: Promise<Overview | null> } | null = null;

/** Starts the early loads when the app opens on the overview. `load` and `now` are for tests. */
export function startEarlyOverview(
  hash: string,
  load: () => Promise<Overview> = () => apiRequest<Overview>('/api/stats/overview', { notifyUnauthorized: false }),
  preloadCharts: () => Promise<unknown> = preloadChartCode,
  now = Date.now(),
): void {
  if (!opensOnOverview(hash)) return;
  preloadCharts().catch(() => undefined);
  early = { at: now, data: load().catch(() => null) };
}

/** The early answer while fresh and not yet used, else null. */
export function earlyOverview(now = Date.now()): Promise<Overview | null> | null {
  return early && now - early.at < EARLY_FRESH_MS ? early.data : null;
}

/** Marks the early answer used: later mounts load afresh. */
export function consumeEarlyOverview(): void {
  early = null;
}

/**
 * The overview's data like useApi, taking the early answer when there is one: the page then shows it without a
 * second request; `reload` (live refresh) always asks the server.
 */
export function useOverviewData(): ApiState<Overview> {
  const [pending] = useState(() => earlyOverview());
  const [earlyData, setEarlyData] = useState<Overview>();
  const [useEarly, setUseEarly] = useState(pending !== null);
  useEffect(() => {
    if (!pending) return;
    consumeEarlyOverview();
    let live = true;
    void pending.then((d) => {
      if (!live) return;
      if (d) setEarlyData(d);
      else setUseEarly(false);
    });
    return () => {
      live = false;
    };
  }, [pending]);
  const api = useApi<Overview>(useEarly ? '' : '/api/stats/overview');
  return {
    data: api.data ?? earlyData,
    error: api.error,
    loading: useEarly ? earlyData === undefined : api.loading,
    reload: () => (useEarly ? setUseEarly(false) : api.reload()),
  };
}
