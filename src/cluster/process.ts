/**
 * Runs a cluster role as a process: logs to stderr (JSON, pino), prints one "ready" line on stdout, renews its
 * heartbeat, optionally serves Prometheus metrics, and on SIGTERM/SIGINT stops fetching, lets the batch in hand
 * finish and be acknowledged, drains NATS and exits 0.
 */
import pino, { type Logger } from 'pino';
import type { CliIO } from '../cli/io.ts';
import { startHeartbeat } from './heartbeat.ts';
import type { ClusterContext } from './context.ts';
import { serveMetrics } from './metrics.ts';
import type { WorkerHandle } from './analyze-worker.ts';

export function clusterLogger(level: string): Logger {
  return pino({ level }, pino.destination(2));
}

export async function runRole(ctx: ClusterContext, role: string, io: CliIO, start: () => Promise<WorkerHandle>, metricsPort?: number): Promise<number> {
  const hb = startHeartbeat(ctx.store, role, ctx.workerId);
  const metrics = metricsPort !== undefined ? await serveMetrics(ctx.metrics, metricsPort) : null;
  let handle: WorkerHandle;
  try {
    handle = await start();
  } catch (e) {
    await hb.stop();
    metrics?.server.close();
    await ctx.close();
    throw e;
  }
  io.stdout.write(`tingfeng ${role} ready: ${ctx.workerId}${metrics ? ` metrics http://127.0.0.1:${metrics.port}/metrics` : ''}\n`);
  let stopping: Promise<void> = Promise.resolve();
  let asked = false;
  const stop = () => {
    if (asked) return;
    asked = true;
    ctx.log.info({ role }, 'stopping: finishing the batch in hand');
    stopping = handle.stop();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await handle.done;
  await stopping;
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
  await hb.stop();
  metrics?.server.close();
  await ctx.close();
  io.stdout.write(`tingfeng ${role} stopped\n`);
  return 0;
}
