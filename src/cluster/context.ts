/**
 * What every cluster process holds: config, the store (PostgreSQL), a NATS connection with JetStream, the
 * stream names, the partition count (a store setting, `cluster.partitions`, written by `tingfeng cluster init`),
 * metrics and a unique worker id. `close()` drains NATS (in-flight acks are flushed) and closes the store.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { loadConfig, type Config } from '../config/config.ts';
import { openStore, type Store } from '../store/store.ts';
import { ClusterError, errorText } from './errors.ts';
import { StageMetrics } from './metrics.ts';
import { clusterNames, type ClusterNames } from './names.ts';
import type { Log } from './pull.ts';
import { ensureTopology } from './topology.ts';

export const PARTITIONS_SETTING = 'cluster.partitions';

export interface ClusterContext {
  config: Config;
  store: Store;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: ClusterNames;
  partitions: number;
  metrics: StageMetrics;
  workerId: string;
  log: Log;
  close(): Promise<void>;
}

export interface ClusterContextOptions {
  role: string;
  prefix?: string;
  dataDir?: string;
  log: Log;
  /** Needs a store (every role does except pure NATS tools). */
  partitions?: number;
  maxDeliver?: number;
  ackWaitMs?: number;
}

export async function connectNats(url: string): Promise<NatsConnection> {
  try {
    // noAsyncTraces: no stack-capturing error objects made in advance for every request (each JetStream publish is
    // one); they cost a worker ~25 µs of CPU per message. A timeout then reports where it fired, not who asked.
    return await connect({ servers: url.split(',').map((s) => s.trim()), name: `tingfeng-${hostname()}-${process.pid}`, maxReconnectAttempts: -1, noAsyncTraces: true });
  } catch (e) {
    throw new ClusterError('TF_ERR_CLUSTER_UNREACHABLE', `cannot reach NATS at ${url} (${errorText(e)}); start nats-server with JetStream (-js) or fix NATS_URL`, { cause: e });
  }
}

export async function openClusterContext(o: ClusterContextOptions): Promise<ClusterContext> {
  const config = loadConfig({ overrides: { dataDir: o.dataDir } });
  if (!config.natsUrl) throw new ClusterError('TF_ERR_CLUSTER_CONFIG', 'cluster mode needs NATS_URL=nats://host:4222 (and DATABASE_URL=postgres://…)');
  if (!config.databaseUrl) throw new ClusterError('TF_ERR_CLUSTER_CONFIG', 'cluster mode needs DATABASE_URL=postgres://… (the embedded SQLite store cannot be shared between processes)');
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDirAbs, poolSize: 5 });
  let nc: NatsConnection;
  try {
    nc = await connectNats(config.natsUrl);
  } catch (e) {
    await store.close();
    throw e;
  }
  const names = clusterNames(o.prefix);
  let partitions = (await store.repos.settings.get<number>(PARTITIONS_SETTING)) ?? 0;
  if (o.partitions !== undefined) {
    partitions = o.partitions;
    await store.repos.settings.set(PARTITIONS_SETTING, partitions, Date.now());
  } else if (partitions < 1) partitions = 1;
  const jsm = await jetstreamManager(nc);
  await ensureTopology(jsm, names, { partitions, ...(o.maxDeliver ? { maxDeliver: o.maxDeliver } : {}), ...(o.ackWaitMs ? { ackWaitMs: o.ackWaitMs } : {}) });
  return {
    config,
    store,
    nc,
    js: jetstream(nc),
    jsm,
    names,
    partitions,
    metrics: new StageMetrics(o.role),
    workerId: `${o.role}-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    log: o.log,
    close: async () => {
      await nc.drain().catch(() => undefined);
      await store.close();
    },
  };
}
