import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp } from '../../api/app.ts';
import { createServices } from '../../services/index.ts';
import { Changes } from '../../services/changes.ts';
import { LiveHub } from '../../services/live.ts';
import { EmbeddedRunner } from '../../pipeline/runner-embedded.ts';
import { createAlertHooks } from '../../services/alert.service.ts';
import { startAlertWorker } from '../../services/alert-worker.ts';
import { loadOrCreateSecretKey } from '../../services/secret-key.ts';
import { deliverReports } from '../../services/report-delivery.ts';
import { NatsRunner } from '../../pipeline/runner-nats.ts';
import { connectNats } from '../../cluster/context.ts';
import { NatsLiveHub } from '../../cluster/live-relay.ts';
import { formatDemoBanner, startDemo } from '../../demo/bootstrap.ts';
import { openContext } from '../context.ts';
import type { CliIO } from '../io.ts';

export const SERVE_HELP = `tingfeng serve — run the desk (API + dashboard + collection) on the embedded store or PostgreSQL

Usage:
  tingfeng serve [--port P] [--host H] [--data-dir DIR] [--no-demo] [--no-collect] [--all-in-one] [--prefix P]

Options:
  --port P        port to listen on (default 8080, or PORT)
  --host H        address to bind (default 0.0.0.0, or HOST)
  --data-dir DIR  where the SQLite store and files live (default ./data, or TINGFENG_DATA_DIR)
  --no-demo       start clean, without the demo county
  --no-collect    serve the API only; do not poll sources (e.g. a second API process)
  --all-in-one    run everything in this process even when NATS_URL is set (the default without NATS_URL);
                  with NATS_URL (cluster mode) serve runs the API only and the workers do the rest
  --prefix P      cluster mode: the cluster's subject prefix, as given to the workers (default tf)

Examples:
  tingfeng serve
  tingfeng serve --port 9000 --data-dir /var/lib/tingfeng
  DATABASE_URL=postgres://tf@db/tingfeng tingfeng serve
`;

export async function serveCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean' },
      'no-collect': { type: 'boolean' },
      'all-in-one': { type: 'boolean' },
      prefix: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(SERVE_HELP);
    return 0;
  }
  const started = Date.now();
  const ctx = await openContext({ overrides: { port: values.port, host: values.host, dataDir: values['data-dir'], demo: values['no-demo'] ? false : undefined } });
  const { config, store } = ctx;
  // Structured logs go to stderr; stdout carries what a person needs (address, first-start passwords).
  const logger = pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.secret'] }, pino.destination(2));
  const changes = new Changes();
  let runner: EmbeddedRunner | null = null;
  // Cluster mode (NATS_URL set, no --all-in-one): API only; items go to the workers through JetStream, and the
  // dashboards' live messages (posts stored by track workers, in-app alerts from the notify worker, case changes in
  // another API process) come over NATS.
  const nc = config.natsUrl && !values['all-in-one'] ? await connectNats(config.natsUrl) : null;
  const nats = nc ? new NatsRunner(nc, values.prefix ? { prefix: values.prefix } : {}) : null;
  const live = nc && nats ? new NatsLiveHub(nc, nats.names.liveSubject, (err) => logger.warn({ err: String(err) }, 'live message not relayed')) : new LiveHub();
  if (live instanceof NatsLiveHub) live.listen();
  const services = createServices(store, config, {
    changes,
    live,
    runner: () => nats ?? runner,
    tracker: () => runner?.trackerControl() ?? null,
    ingest: () => (nats ? (source, items, now) => nats.ingest(source, items, now) : runner ? (source, items, now) => runner!.ingest(source, items, now) : null),
  });
  const adminPassword = await services.users.ensureInitialAdmin(Date.now());
  // The demo county (an empty desk, unless --no-demo): its local site is read by the real connectors.
  const demo = config.demo && !values['no-collect'] ? await startDemo({ store, services, config, logger: logger.child({ part: 'demo' }) }) : null;
  const alertHooks = createAlertHooks(store, { timezone: config.timezone, logger: logger.child({ part: 'alerts' }) });
  let alertWorker: ReturnType<typeof startAlertWorker> | null = null;
  if (!nats) runner = new EmbeddedRunner(store, {
    dataDir: config.dataDirAbs,
    userAgent: config.userAgent,
    logger: logger.child({ part: 'pipeline' }),
    changes,
    collect: !values['no-collect'],
    analysisThread: config.analysisThread,
    hooks: { afterTrack: (r, out, posts, now) => alertHooks.afterTrack(r, out, posts, now) },
    heightened: () => services.alerts.heightenedForCollector(),
    onBatch: (source, r) => {
      if (r.stored > 0) live.publish({ event: 'ingest', data: { source: source.name, stored: r.stored, at: new Date().toISOString() } });
      alertWorker?.kick();
    },
  });
  await runner?.start();
  if (!nats) alertWorker = startAlertWorker(store, {
    live,
    secretKey: loadOrCreateSecretKey(config.dataDirAbs, config.secretKey),
    logger: logger.child({ part: 'alerts' }),
    timezone: config.timezone,
    officeName: config.officeName,
    publicUrl: config.publicUrl,
  });
  // Scheduled reports (daily at the cut-off, weekly, monthly): a store lease makes sure only one process sends.
  const reportTimer = setInterval(() => {
    if (nats) return; // in cluster mode `tingfeng scheduler` generates and delivers reports
    const now = new Date();
    services.reports
      .runSchedule(now)
      .then((done) => deliverReports(store, done.filter((d) => d.status === 'generated'), { baseUrl: config.publicUrl ?? `http://localhost:${config.port}`, now }))
      .then((n) => {
        if (n > 0) alertWorker?.kick();
      })
      .catch((err: unknown) => logger.error({ err }, 'scheduled report failed'));
  }, 60_000);
  reportTimer.unref();
  // Retention, once a day (and shortly after start); a lease keeps it to one process per day.
  const retention = async () => {
    const now = new Date();
    if (!(await store.repos.leases.acquire(`retention:${now.toISOString().slice(0, 10)}`, `serve-${process.pid}`, now.getTime(), 36 * 3600_000))) return;
    const r = await services.retention.run(now);
    if (r.length) logger.info({ retention: r }, 'retention applied');
  };
  const retentionTimer = setInterval(() => void retention().catch((err: unknown) => logger.error({ err }, 'retention failed')), 3600_000);
  retentionTimer.unref();
  setTimeout(() => void retention().catch((err: unknown) => logger.error({ err }, 'retention failed')), 30_000).unref();
  const app = await buildApp({ config, store, services, loggerInstance: logger });
  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  const shown = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}/`;
  io.stdout.write(`\n听风 Tingfeng is running at ${shown}  (store: ${store.dialect}, started in ${Date.now() - started} ms)\n`);
  io.stdout.write(`API docs: ${shown}docs   health: ${shown}api/health\n`);
  if (adminPassword) {
    io.stdout.write(`\nFirst start: created user "admin" with password:\n\n    ${adminPassword}\n\nIt is shown only this once. Sign in and change it (tingfeng user passwd admin --password-stdin).\n\n`);
  }
  if (demo) io.stdout.write(formatDemoBanner(demo));
  await new Promise<void>((resolve) => {
    const stop = () => {
      io.stdout.write('shutting down…\n');
      void app
        .close()
        .then(() => {
          clearInterval(reportTimer);
          clearInterval(retentionTimer);
        })
        .then(() => alertWorker?.stop())
        .then(() => runner?.stop())
        .then(() => demo?.stop())
        .then(() => (live instanceof NatsLiveHub ? live.close() : undefined))
        .then(() => nats?.close())
        .then(() => store.close())
        .finally(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
