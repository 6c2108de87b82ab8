/**
 * Worker liveness through the store's leases: each worker renews `worker:<role>:<id>` every third of its time to
 * live; `tingfeng cluster status` lists the unexpired ones. A killed worker simply stops renewing.
 */
import type { Store } from '../store/store.ts';

export const HEARTBEAT_PREFIX = 'worker:';

export function heartbeatName(role: string, id: string): string {
  return `${HEARTBEAT_PREFIX}${role}:${id}`;
}

export function startHeartbeat(store: Store, role: string, id: string, ttlMs = 15_000, now: () => Date = () => new Date()) {
  const name = heartbeatName(role, id);
  const beat = () => store.repos.leases.acquire(name, id, now().getTime(), ttlMs).catch(() => false);
  void beat();
  const timer = setInterval(() => void beat(), Math.max(500, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await store.repos.leases.release(name, id).catch(() => undefined);
    },
  };
}
