/** `tingfeng worker collect|analyze|track|notify` — the cluster's worker roles (PostgreSQL + NATS JetStream). */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.ts';
import { startAnalyzeWorker, type WorkerHandle } from '../../cluster/analyze-worker.ts';
import { startCollectWorker } from '../../cluster/collect-worker.ts';
import { openClusterContext } from '../../cluster/context.ts';
import { ClusterError } from '../../cluster/errors.ts';
import { clusterLogger, runRole } from '../../cluster/process.ts';
import { startTrackWorker } from '../../cluster/track-worker.ts';
import { createAlertHooks } from '../../services/alert-hooks.ts';
import { startAlertWorker } from '../../services/alert-worker.ts';
import { loadOrCreateSecretKey } from '../../services/secret-key.ts';
import { UsageError, type CliIO } from '../io.ts';
import { NatsLiveHub } from '../../cluster/live-relay.ts';

export const WORKER_HELP = `tingfeng worker — run one cluster role (needs DATABASE_URL and NATS_URL)

Usage:
  tingfeng worker collect  [--lease-ms MS] [--tick-ms MS]
  tingfeng worker analyze  [--batch N]                 (run one per core)
  tingfeng worker track    [--partition P] [--lease-ms MS] [--batch N]
  tingfeng worker notify                               (alert deliveries, escalations, reminders)

Options:
  --prefix P          stream/subject prefix (default tf; one per cluster)
  --metrics-port N    serve Prometheus metrics at http://127.0.0.1:N/metrics (0 = any free port)
  --data-dir DIR      data directory (sentiment model, secret key)

A track worker claims a free partition (or the one given) with a lease and keeps it; start as many track
workers as partitions (tingfeng cluster init --partitions N), plus standbys. SIGTERM finishes the batch in hand,
acknowledges it and exits.

Examples:
  DATABASE_URL=postgres://tf@db/tingfeng NATS_URL=nats://mq:4222 tingfeng worker analyze
  tingfeng worker track --partition 0 --metrics-port 9464
`;

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number ≥ 0`);
  return n;
}

export async function workerCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      prefix: { type: 'string' },
      partition: { type: 'string' },
      batch: { type: 'string' },
      'lease-ms': { type: 'string' },
      'tick-ms': { type: 'string' },
      'metrics-port': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const role = positionals[0];
  if (values.help || !role) {
    io.stdout.write(WORKER_HELP);
    return values.help ? 0 : 2;
  }
  if (!['collect', 'analyze', 'track', 'notify'].includes(role)) throw new UsageError(`unknown role "${role}"; use collect, analyze, track or notify`);
  const config = loadConfig({ overrides: { dataDir: values['data-dir'] } });
  const log = clusterLogger(config.logLevel).child({ role });
  const batch = int(values.batch, 'batch');
  const leaseMs = int(values['lease-ms'], 'lease-ms');
  const tickMs = int(values['tick-ms'], 'tick-ms');
  try {
    const ctx = await openClusterContext({ role, log, ...(values.prefix ? { prefix: values.prefix } : {}), ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}) });
    // live messages (posts stored, in-app alerts) go to the API processes' dashboards over NATS
    const live = new NatsLiveHub(ctx.nc, ctx.names.liveSubject, (err) => log.warn({ err: String(err) }, 'live message not relayed'));
    const start = async (): Promise<WorkerHandle> => {
      if (role === 'analyze') return startAnalyzeWorker(ctx, batch ? { batch } : {});
      if (role === 'collect') return startCollectWorker(ctx, { ...(leaseMs ? { leaseMs } : {}), ...(tickMs ? { tickMs } : {}) });
      if (role === 'track') {
        const partition = int(values.partition, 'partition');
        if (partition !== undefined && partition >= ctx.partitions) throw new UsageError(`--partition must be below ${ctx.partitions} (tingfeng cluster init --partitions N sets the count)`);
        const hooks = createAlertHooks(ctx.store, { timezone: ctx.config.timezone, logger: log });
        return startTrackWorker(ctx, {
          afterTrack: (r, out, posts, now) => hooks.afterTrack(r, out, posts, now),
          // the dashboards refresh as posts arrive, as with the embedded pipeline (serve's onBatch)
          onStored: (stored, at) => {
            for (const s of stored) live.publish({ event: 'ingest', data: { source: s.source, stored: s.count, at: at.toISOString() } });
          },
          ...(partition !== undefined ? { partition } : {}),
          ...(leaseMs ? { leaseMs } : {}),
          ...(batch ? { batch } : {}),
        });
      }
      const w = startAlertWorker(ctx.store, {
        live,
        secretKey: loadOrCreateSecretKey(ctx.config.dataDirAbs, ctx.config.secretKey),
        logger: log,
        timezone: ctx.config.timezone,
        officeName: ctx.config.officeName,
        ...(ctx.config.publicUrl ? { publicUrl: ctx.config.publicUrl } : {}),
        ...(tickMs ? { intervalMs: tickMs } : {}),
      });
      let resolveDone!: () => void;
      const done = new Promise<void>((r) => (resolveDone = r));
      return { done, stop: async () => { await w.stop(); resolveDone(); } };
    };
    return await runRole(ctx, role, io, start, int(values['metrics-port'], 'metrics-port'));
  } catch (e) {
    if (e instanceof ClusterError) {
      io.stderr.write(`tingfeng worker ${role}: ${e.code}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
