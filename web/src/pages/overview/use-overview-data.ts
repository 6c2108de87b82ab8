// The overview's data for the page and the wall screen, taking the boot script's early answer (overview-early.ts)
// when there is one.
import { useEffect, useState } from 'react';
import type { ApiState } from '../../api/use-api.ts';
import { useApi } from '../../api/use-api.ts';
import type { Overview } from '../../api/types.ts';
import { arrivedEarlyOverview, consumeEarlyOverview, earlyOverview } from './overview-early.ts';

/**
 * The overview's data like useApi, taking the early answer when there is one: the page then shows it without a
 * second request (at its first render when it has already arrived); `reload` (live refresh) always asks the server.
 */
export function useOverviewData(): ApiState<Overview> {
  const [pending] = useState(() => earlyOverview());
  const [earlyData, setEarlyData] = useState<Overview | undefined>(() => arrivedEarlyOverview() ?? undefined);
  const [useEarly, setUseEarly] = useState(() => pending !== null && arrivedEarlyOverview() !== null);
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
