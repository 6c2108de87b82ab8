/** `tingfeng scheduler` — the cluster's clock: scheduled reports and partition upkeep; one leader at a time. */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startHeartbeat } from '../../cluster/heartbeat.ts';
import { clusterLogger } from '../../cluster/process.ts';
import { startScheduler } from '../../cluster/scheduler.ts';
import { openContext } from '../context.ts';
import { UsageError, type CliIO } from '../io.ts';

export const SCHEDULER_HELP = `tingfeng scheduler — scheduled reports and upkeep; run two or more, exactly one leads

Usage:
  tingfeng scheduler [--daily-time HH:MM] [--lease-ms MS] [--tick-ms MS]

Leader election is a lease in the database: the leader renews it, a standby takes over within the lease time
when the leader dies. Reminders, escalations and alert deliveries run in tingfeng worker notify.

Options:
  --daily-time HH:MM   when the daily report is due (default 17:00, the daily cut-off)
  --lease-ms MS        leader lease time to live (default 30000)
  --tick-ms MS         how often the leader checks the schedule (default 30000)
`;

export async function schedulerCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'daily-time': { type: 'string' },
      'lease-ms': { type: 'string' },
      'tick-ms': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(SCHEDULER_HELP);
    return 0;
  }
  const daily = values['daily-time'];
  if (daily !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(daily)) throw new UsageError('--daily-time must be HH:MM (24-hour)');
  const num = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 100) throw new UsageError(`--${name} must be a whole number of milliseconds ≥ 100`);
    return n;
  };
  const leaseMs = num(values['lease-ms'], 'lease-ms');
  const tickMs = num(values['tick-ms'], 'tick-ms');
  const { config, store } = await openContext({ overrides: { dataDir: values['data-dir'] } });
  const log = clusterLogger(config.logLevel).child({ role: 'scheduler' });
  const holder = `scheduler-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const hb = startHeartbeat(store, 'scheduler', holder);
  const s = startScheduler(store, {
    holder,
    timezone: config.timezone,
    officeName: config.officeName,
    baseUrl: (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, ''),
    ...(daily ? { schedule: { daily } } : {}),
    ...(leaseMs ? { leaseMs } : {}),
    ...(tickMs ? { tickMs } : {}),
    log,
    onReport: (r) => {
      if (r.status === 'generated') io.stdout.write(`generated ${r.kind} report ${r.date} (${r.format}) ${r.id}\n`);
    },
  });
  io.stdout.write(`tingfeng scheduler ready: ${holder}\n`);
  const stop = () => void s.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await s.done;
  await hb.stop();
  await store.close();
  io.stdout.write('tingfeng scheduler stopped\n');
  return 0;
}
