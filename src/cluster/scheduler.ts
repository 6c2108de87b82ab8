/**
 * `tingfeng scheduler`: the cluster's clock. Exactly one scheduler acts at a time — leader election through the
 * store lease `scheduler` (renewed every third of its time to live; a standby takes over when the leader dies).
 * The leader, every `tickMs`: generates the scheduled daily/weekly/monthly reports that are due (report.service
 * runSchedule, which also takes a lease per report and checks the archive, so even two leaders could not make a
 * report twice) and, hourly, creates the coming month partitions of posts (PostgreSQL). Reminders (催办),
 * escalations and deliveries run in the alert worker's tick (`tingfeng worker notify`), under its own lease.
 */
import type { ReportSchedule } from '../services/report-schedule.ts';
import { createReportService, type ScheduleOutcome } from '../services/report.service.ts';
import { deliverReports } from '../services/report-delivery.ts';
import { ensurePostPartitions } from '../store/partitions.ts';
import type { Store } from '../store/store.ts';
import { errorText } from './errors.ts';
import type { Log } from './pull.ts';
import type { WorkerHandle } from './analyze-worker.ts';

export const SCHEDULER_LEASE = 'scheduler';

export interface SchedulerOptions {
  holder: string;
  timezone: string;
  officeName: string;
  baseUrl: string;
  schedule?: Partial<ReportSchedule>;
  leaseMs?: number;
  tickMs?: number;
  now?: () => Date;
  log: Log;
  onReport?: (o: ScheduleOutcome) => void;
}

export function startScheduler(store: Store, o: SchedulerOptions): WorkerHandle & { isLeader: () => boolean } {
  const now = o.now ?? (() => new Date());
  const leaseMs = o.leaseMs ?? 30_000;
  const reports = createReportService(store, { timeZone: o.timezone, officeName: o.officeName, baseUrl: o.baseUrl, holder: o.holder, ...(o.schedule ? { schedule: o.schedule } : {}) });
  let leader = false;
  let stopped = false;
  let partitionsAt = 0;

  const tick = async () => {
    const at = now();
    const wasLeader = leader;
    leader = await store.repos.leases.acquire(SCHEDULER_LEASE, o.holder, at.getTime(), leaseMs);
    if (leader !== wasLeader) o.log.info({ holder: o.holder }, leader ? 'scheduler: leading' : 'scheduler: standing by');
    if (!leader) return;
    if (at.getTime() - partitionsAt > 3_600_000) {
      const made = await ensurePostPartitions(store, at, 3);
      partitionsAt = at.getTime();
      if (made > 0) o.log.info({ made }, 'post partitions created');
    }
    const results = await reports.runSchedule(at);
    for (const r of results) {
      if (r.status === 'generated') o.log.info({ kind: r.kind, date: r.date, format: r.format, id: r.id }, 'scheduled report generated');
      o.onReport?.(r);
    }
    // The notify workers send the notices (in-app and the configured channels).
    await deliverReports(store, results.filter((r) => r.status === 'generated'), { baseUrl: o.baseUrl, now: at });
  };

  const done = (async () => {
    while (!stopped) {
      await tick().catch((err: unknown) => o.log.error({ err: errorText(err) }, 'scheduler tick failed'));
      const until = Date.now() + Math.min(o.tickMs ?? 30_000, Math.floor(leaseMs / 3));
      while (!stopped && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    }
    if (leader) await store.repos.leases.release(SCHEDULER_LEASE, o.holder).catch(() => undefined);
  })();
  return {
    done,
    isLeader: () => leader,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
