/**
 * `tingfeng cluster status`: workers alive (heartbeat leases), who holds the scheduler, each track partition and
 * each polled source, and per stage the consumer lag (messages not yet delivered), messages delivered and not
 * acknowledged, redeliveries, the age of the oldest message still queued, and the dead letters with their errors.
 */
import type { JetStreamManager, MsgRequest } from '@nats-io/jetstream';
import type { Store } from '../store/store.ts';
import { postPartitions, type PartitionInfo } from '../store/partitions.ts';
import { HEARTBEAT_PREFIX } from './heartbeat.ts';
import type { ClusterNames } from './names.ts';
import { SCHEDULER_LEASE } from './scheduler.ts';

export interface StageStatus {
  stage: string;
  stream: string;
  consumer: string;
  /** Messages in the stream not yet delivered to the consumer. */
  lag: number;
  ackPending: number;
  redelivered: number;
  /** Seconds since the oldest message still in the stream was published (null when empty). */
  oldestAgeS: number | null;
}

export interface ClusterStatus {
  at: string;
  workers: { role: string; id: string; expiresInS: number }[];
  leases: { name: string; holder: string; expiresInS: number }[];
  stages: StageStatus[];
  dead: { count: number; recent: { stage: string; error: string; at: string }[] };
  postPartitions: PartitionInfo[];
}

async function oldestAge(jsm: JetStreamManager, stream: string, subject: string | undefined, now: number): Promise<number | null> {
  try {
    // next_by_subj (server 2.9+) finds a partition's oldest message; the client's type only lists seq/last_by_subj.
    const req = subject ? ({ next_by_subj: subject, seq: 0 } as unknown as MsgRequest) : { seq: (await jsm.streams.info(stream)).state.first_seq };
    const m = await jsm.streams.getMessage(stream, req);
    return m ? Math.max(0, Math.round((now - m.time.getTime()) / 1000)) : null;
  } catch {
    return null;
  }
}

export async function clusterStatus(store: Store, jsm: JetStreamManager, names: ClusterNames, partitions: number, now: Date): Promise<ClusterStatus> {
  const t = now.getTime();
  const leases = (await store.repos.leases.list()).filter((l) => Number(l.expires_at) > t);
  const workers = leases
    .filter((l) => l.name.startsWith(HEARTBEAT_PREFIX))
    .map((l) => ({ role: l.name.slice(HEARTBEAT_PREFIX.length).split(':')[0] ?? '', id: l.holder, expiresInS: Math.round((Number(l.expires_at) - t) / 1000) }));
  const others = leases
    .filter((l) => !l.name.startsWith(HEARTBEAT_PREFIX) && (l.name === SCHEDULER_LEASE || l.name.startsWith('track:') || l.name.startsWith('source:') || l.name === 'alert-worker'))
    .map((l) => ({ name: l.name, holder: l.holder, expiresInS: Math.round((Number(l.expires_at) - t) / 1000) }));
  const stages: StageStatus[] = [];
  const consumers: { stage: string; stream: string; consumer: string; subject?: string }[] = [
    { stage: 'analyze', stream: names.itemsStream, consumer: names.analyzeConsumer },
    ...[...Array(partitions).keys()].map((p) => ({ stage: `track-${p}`, stream: names.analysedStream, consumer: names.trackConsumer(p), subject: names.analysedSubject(p) })),
  ];
  for (const c of consumers) {
    const ci = await jsm.consumers.info(c.stream, c.consumer).catch(() => null);
    stages.push({
      stage: c.stage,
      stream: c.stream,
      consumer: c.consumer,
      lag: ci?.num_pending ?? 0,
      ackPending: ci?.num_ack_pending ?? 0,
      redelivered: ci?.num_redelivered ?? 0,
      oldestAgeS: ci && ci.num_pending + ci.num_ack_pending > 0 ? await oldestAge(jsm, c.stream, c.subject, t) : null,
    });
  }
  const recent: ClusterStatus['dead']['recent'] = [];
  let count = 0;
  const di = await jsm.streams.info(names.deadStream).catch(() => null);
  if (di) {
    count = di.state.messages;
    for (let seq = Math.max(di.state.first_seq, di.state.last_seq - 4); seq <= di.state.last_seq && count > 0; seq++) {
      const m = await jsm.streams.getMessage(names.deadStream, { seq }).catch(() => null);
      if (m) recent.push({ stage: m.header?.get('Tf-Stage') ?? '', error: m.header?.get('Tf-Error') ?? '', at: m.time.toISOString() });
    }
  }
  return { at: now.toISOString(), workers, leases: others, stages, dead: { count, recent }, postPartitions: await postPartitions(store) };
}

export function formatStatus(s: ClusterStatus): string {
  const lines = [`cluster status at ${s.at}`, '', `workers alive: ${s.workers.length}`];
  const byRole = new Map<string, number>();
  for (const w of s.workers) byRole.set(w.role, (byRole.get(w.role) ?? 0) + 1);
  for (const [role, n] of [...byRole].sort()) lines.push(`  ${role.padEnd(10)} ${n}`);
  lines.push('', 'leases:');
  for (const l of s.leases) lines.push(`  ${l.name.padEnd(28)} ${l.holder}  (${l.expiresInS}s left)`);
  lines.push('', 'stage        lag   unacked  redelivered  oldest');
  for (const st of s.stages) lines.push(`  ${st.stage.padEnd(10)} ${String(st.lag).padStart(6)} ${String(st.ackPending).padStart(8)} ${String(st.redelivered).padStart(12)}  ${st.oldestAgeS == null ? '-' : `${st.oldestAgeS}s`}`);
  lines.push('', `dead letters: ${s.dead.count}`);
  for (const d of s.dead.recent) lines.push(`  [${d.stage}] ${d.at} ${d.error}`);
  if (s.postPartitions.length) lines.push('', `post partitions: ${s.postPartitions.map((p) => `${p.name}≈${p.rows}`).join(' ')}`);
  return lines.join('\n') + '\n';
}
