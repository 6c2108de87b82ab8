/**
 * The state one track partition keeps in memory — the event tracker (with warning rules and the last levels) and
 * the near-duplicate memory — loaded from the store: the tracker snapshot is saved in every batch's transaction,
 * so after a crash the state is exactly the one of the last committed batch and redelivered messages replay
 * onto it. Partition p of N keeps its snapshot under `tracker.snapshot` when N = 1 (the embedded mode's key, so
 * a desk can move between modes) and `tracker.snapshot.p<p>` otherwise.
 */
import type { TrackerSnapshot } from '../analysis/events/snapshot.ts';
import { TrackStage } from '../pipeline/track.ts';
import type { Store } from '../store/store.ts';
import { DuplicateMemory } from './dup-memory.ts';

export interface PartitionState {
  stage: TrackStage;
  dups: DuplicateMemory;
  rulesLoadedAt: number;
}

export function snapshotKey(partition: number, partitions: number): string {
  return partitions <= 1 ? 'tracker.snapshot' : `tracker.snapshot.p${partition}`;
}

export async function loadPartitionState(store: Store, partition: number, partitions: number, now: number): Promise<PartitionState> {
  const [rules, snapshot, active] = await Promise.all([
    store.repos.settings.get<unknown>('warning.rules'),
    store.repos.settings.get<TrackerSnapshot>(snapshotKey(partition, partitions)),
    store.repos.events.list({ limit: 5000, offset: 0 }),
  ]);
  const levels = new Map<string, number | null>(active.map((e) => [e.id, e.level]));
  return { stage: new TrackStage({ rules, snapshot: snapshot ?? null, levels }), dups: new DuplicateMemory(), rulesLoadedAt: now };
}
