// The overview is the desk's first page. When the app opens on it, its data (GET /api/stats/overview) and the chart
// code (the ECharts chunk) are asked for by the boot script (main.tsx) before the rest of the app has even arrived —
// alongside the sign-in check — instead of after the page has mounted (bench/overview-browser.ts measures the first
// load). The page takes the early answer once (use-overview-data.ts); a failed or refused early request (not signed
// in yet) just means a normal load. No React or Ant Design here: this module is part of the tiny boot chunk.
import { apiRequest } from '../../api/client.ts';
import { preloadCharts as preloadChartCode } from '../../components/chart/chart-loader.ts';
import type { Overview } from '../../api/types.ts';

/** Hash routes that show the overview's data: the overview itself and the wall screen. */
export function opensOnOverview(hash: string): boolean {
  return ['', '#', '#/', '#/wall'].includes(hash.split('?')[0] ?? '');
}

/** How long an early answer stays usable (a page opened later loads afresh). */
export const EARLY_FRESH_MS = 30_000;

let early: { at: number; data: Promise<Overview | null>; arrived?: { value: Overview | null } } | null = null;

/** Starts the early loads when the app opens on the overview. `load` and `now` are for tests. */
export function startEarlyOverview(
  hash: string,
  load: () => Promise<Overview> = () => apiRequest<Overview>('/api/stats/overview', { notifyUnauthorized: false }),
  preloadCharts: () => Promise<unknown> = preloadChartCode,
  now = Date.now(),
): void {
  if (!opensOnOverview(hash)) return;
  preloadCharts().catch(() => undefined);
  const entry: NonNullable<typeof early> = { at: now, data: Promise.resolve(null) };
  entry.data = load().then(
    (d) => {
      entry.arrived = { value: d };
      return d;
    },
    () => {
      entry.arrived = { value: null };
      return null;
    },
  );
  early = entry;
}

/** The early answer while fresh and not yet used, else null. */
export function earlyOverview(now = Date.now()): Promise<Overview | null> | null {
  return early && now - early.at < EARLY_FRESH_MS ? early.data : null;
}

/**
 * The early answer if it has already arrived (fresh and not yet used): the data, or null for a refused or failed
 * request; undefined while there is none or it is still on its way. Lets the page draw at its first render.
 */
export function arrivedEarlyOverview(now = Date.now()): Overview | null | undefined {
  return early && now - early.at < EARLY_FRESH_MS ? early.arrived?.value : undefined;
}

/** Marks the early answer used: later mounts load afresh. */
export function consumeEarlyOverview(): void {
  early = null;
}
