/**
 * The alert worker's tick: source outages against the rules, case reminders (催办) and overdue notices, the
 * follow-up watch (回头看) — these once a minute — then escalations that are due and the deliveries that are due.
 * One process at a time does the work (a lease in the store), so a cluster does not send twice.
 * `startAlertWorker` ticks every ~5 s until stopped; `kick()` asks for a tick soon (after a batch raised alerts).
 */
import { randomUUID } from 'node:crypto';
import type { SendOptions } from '../alerts/channels/index.ts';
import { createSecretBox } from '../alerts/secret-box.ts';
import type { AlertTriggerInput } from '../alerts/rules.ts';
import { sourceGaps } from '../pipeline/gaps.ts';
import type { Store } from '../store/store.ts';
import { enabledRules } from './alert-context.ts';
import { deliverDue, type DeliveryTally } from './alert-delivery.ts';
import { escalateDue } from './alert-escalate.ts';
import { raiseForTriggers } from './alert-hooks.ts';
import { caseReminders, followUpWatch } from './case-watch.ts';
import type { LiveHub } from './live.ts';

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface AlertWorkerOptions {
  live: LiveHub;
  /** Opens channel secrets (config.secretKey or loadOrCreateSecretKey(dataDir)). */
  secretKey: string;
  logger: WorkerLogger;
  now?: () => Date;
  timezone?: string;
  officeName?: string;
  /** The desk's address for links in channel messages. */
  publicUrl?: string;
  /** Channel retry policy and timeouts. */
  send?: SendOptions;
  /** How often the minute-scale checks run (default 60 s). */
  slowEveryMs?: number;
  /** Lease holder name (default: random per process). */
  holder?: string;
}

export interface TickReport {
  skipped: boolean;
  outages: number;
  notices: number;
  escalated: number;
  deliveries: DeliveryTally;
}

const LEASE = 'alert-worker';
const LEASE_MS = 60_000;

async function outageAlerts(
  store: Store,
  opts: { timezone: string; logger: WorkerLogger },
  now: Date,
): Promise<number> {
  const rules = (await enabledRules(store.repos, (m) => opts.logger.warn({}, m))).filter(
    (r) => r.trigger.kind === 'source_outage',
  );
  if (rules.length === 0) return 0;
  const gaps = sourceGaps(await store.repos.sources.list(), now);
  if (gaps.length === 0) return 0;
  const triggers: AlertTriggerInput[] = gaps.map((g) => ({
    kind: 'source_outage',
    sourceId: g.sourceId,
    sourceName: g.source.slice(0, 200),
    downSince: g.from.toISOString(),
    lastError: g.reason.slice(0, 1000),
  }));
  const res = await store.tx((r) =>
    raiseForTriggers(r, rules, triggers, { timezone: opts.timezone, logger: opts.logger }, now),
  );
  return res.created.length;
}

export function createAlertWorker(store: Store, opts: AlertWorkerOptions) {
  const now = opts.now ?? (() => new Date());
  const timezone = opts.timezone ?? 'Asia/Shanghai';
  const box = createSecretBox(opts.secretKey);
  const holder = opts.holder ?? `alert-worker-${randomUUID()}`;
  const slowEvery = opts.slowEveryMs ?? 60_000;
  let lastSlow = Number.NEGATIVE_INFINITY;

  return {
    holder,
    async tick(): Promise<TickReport> {
      const at = now();
      const report: TickReport = {
        skipped: false,
        outages: 0,
        notices: 0,
        escalated: 0,
        deliveries: { sent: 0, failed: 0, retried: 0 },
      };
      if (!(await store.repos.leases.acquire(LEASE, holder, at.getTime(), LEASE_MS)))
        return { ...report, skipped: true };
      if (at.getTime() - lastSlow >= slowEvery) {
        lastSlow = at.getTime();
        report.outages = await outageAlerts(store, { timezone, logger: opts.logger }, at);
        report.notices = (await caseReminders(store, { timezone }, at)) + (await followUpWatch(store, at));
      }
      report.escalated = await escalateDue({ store, logger: opts.logger }, at);
      report.deliveries = await deliverDue(
        {
          store,
          live: opts.live,
          box,
          logger: opts.logger,
          ...(opts.send ? { send: opts.send } : {}),
          message: {
            timezone,
            officeName: opts.officeName ?? '听风舆情工作台',
            ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
          },
        },
        at,
      );
      return report;
    },
    async release(): Promise<void> {
      await store.repos.leases.release(LEASE, holder);
    },
  };
}
export type AlertWorker = ReturnType<typeof createAlertWorker>;

/** Ticks every `intervalMs` (default 5 s) until `stop()`; a tick never overlaps the previous one. */
export function startAlertWorker(store: Store, opts: AlertWorkerOptions & { intervalMs?: number }) {
  const worker = createAlertWorker(store, opts);
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = worker
      .tick()
      .catch((err: unknown) => opts.logger.error({ err }, 'alert worker tick failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, opts.intervalMs ?? 5000);
  timer.unref();
  let kickTimer: NodeJS.Timeout | null = null;
  return {
    worker,
    /** Tick soon (e.g. after a batch raised alerts), without waiting for the interval. */
    kick(): void {
      if (kickTimer || stopped) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        run();
      }, 200);
      kickTimer.unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      if (kickTimer) clearTimeout(kickTimer);
      await running;
      await worker.release().catch(() => undefined);
    },
  };
}
