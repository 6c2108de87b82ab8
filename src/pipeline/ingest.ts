/**
 * The ingest pipeline for one batch: prepare → skip what is stored → analyse → track events → store, all of the
 * batch's writes (and the source cursor) in one transaction. Redelivering the same items stores nothing twice.
 */
import type { CollectionGap } from '../analysis/events/index.ts';
import type { Repos, Store } from '../store/store.ts';
import { prepareItem } from './prepare.ts';
import { persistBatch } from './persist.ts';
import { analyzeInputOf } from './analysis-out.ts';
import type { BatchAnalyser } from './analysis-thread.ts';
import type { TrackOutput, TrackStage } from './track.ts';
import type { AnalysedPost, BatchResult, CollectedItem, PreparedPost, SourceRef } from './types.ts';

export interface IngestHooks {
  /** Called inside the batch's transaction with what tracking produced (alerts are raised here). */
  afterTrack?: (r: Repos, out: TrackOutput, posts: AnalysedPost[], now: Date) => Promise<void>;
  gaps?: () => readonly CollectionGap[];
}

/** Settings keys of the tracker's saved state and of the analysis time it covers (see replay.ts). */
export const SNAPSHOT_KEY = 'tracker.snapshot';
export const WATERMARK_KEY = 'tracker.snapshot.watermark';

/** How often the tracker's state is saved with a batch (ms). Posts analysed since are replayed on start. */
export const SNAPSHOT_EVERY_MS = 10_000;

export interface IngestOptions {
  /** Advance the source's cursor and health in the batch's transaction; health gets the number of new posts. */
  cursor?: { cursor: string | null; health: (newPosts: number) => string };
}

export class Ingestor {
  /** Analysis time (ms) of the last batch: each batch gets a later one, so a replay can start after a snapshot. */
  private lastBatchAt = Number.NEGATIVE_INFINITY;
  private lastSnapshotAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: Store,
    private readonly analyser: BatchAnalyser,
    private readonly tracker: TrackStage | null,
    private readonly hooks: IngestHooks = {},
    private readonly snapshotEveryMs = SNAPSHOT_EVERY_MS,
  ) {}

  /**
   * Saves the tracker's state now (after staff changes to events, and on shutdown). Between these, batches save it
   * every `snapshotEveryMs`: the state grows with the active events, so saving it with every batch would cost more
   * than the batch. A crash loses nothing: the posts analysed after the saved state are replayed on start.
   */
  /** Analysis time of the last batch (or of the replayed posts) this ingestor's tracker state includes. */
  get coveredUntil(): number {
    return this.lastBatchAt;
  }

  /** The tracker state this ingestor starts from covers posts analysed up to `t` (the saved watermark, or replay). */
  resumeAt(t: number): void {
    this.lastBatchAt = Math.max(this.lastBatchAt, t);
    this.lastSnapshotAt = Math.max(this.lastSnapshotAt, t);
  }

  async saveSnapshot(): Promise<void> {
    if (!this.tracker) return;
    // nothing known about what the state covers (built without a replay and no batch since): leave the saved pair
    if (!Number.isFinite(this.lastBatchAt)) return;
    const at = this.lastBatchAt;
    const snap = this.tracker.snapshot();
    await this.store.tx(async (r) => {
      await r.settings.set(SNAPSHOT_KEY, snap, at);
      await r.settings.set(WATERMARK_KEY, at, at);
    });
    this.lastSnapshotAt = at;
  }

  /**
   * Analyses the posts (in arrival order) and assigns them to events as each chunk of analyses arrives, so with an
   * analysis thread the next chunk is analysed while this one is tracked.
   */
  private async analyseAndTrack(fresh: PreparedPost[], sourceName: string, now: Date): Promise<{ analysed: AnalysedPost[]; out: TrackOutput | null }> {
    const chunks = this.analyser.analyse(
      fresh.map((p) => analyzeInputOf(p, sourceName)),
      fresh.map((p) => p.norm.text),
    );
    const analysed: AnalysedPost[] = [];
    const batch = this.tracker?.begin();
    for (const chunk of chunks) {
      const outs = await chunk;
      const part = outs.map((analysis, i) => ({ ...fresh[analysed.length + i]!, analysis }));
      analysed.push(...part);
      if (batch) this.tracker!.assign(batch, part, now);
    }
    return { analysed, out: batch ? this.tracker!.finish(batch, now, this.hooks.gaps?.() ?? []) : null };
  }

  async ingest(source: SourceRef, items: CollectedItem[], now: Date, opts: IngestOptions = {}): Promise<BatchResult> {
    const t = Math.max(now.getTime(), this.lastBatchAt + 1);
    const prepared: PreparedPost[] = [];
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const p = prepareItem(item, source, t);
      ids.push(p.row.id);
      if (seen.has(p.row.dedupe_key)) continue;
      seen.add(p.row.dedupe_key);
      prepared.push(p);
    }
    const existing = await this.store.repos.posts.existingKeys(prepared.map((p) => p.row.dedupe_key));
    const fresh = prepared.filter((p) => !existing.has(p.row.dedupe_key)).sort((a, b) => a.row.published_at - b.row.published_at);
    // A re-fetch of a known item keeps what was fetched this time as further evidence when its content changed.
    const refetched = prepared.filter((p) => existing.has(p.row.dedupe_key) && p.evidence);
    const { analysed, out } = await this.analyseAndTrack(fresh, source.name, now);
    const saveState = this.tracker !== null && t - this.lastSnapshotAt >= this.snapshotEveryMs;
    if (out && source.demo) for (const e of out.writes.events) e.demo = 1;
    const inserted = await persistBatch(
      this.store,
      {
        posts: analysed,
        refetched,
        ...(out ? { events: out.writes } : {}),
        ...(opts.cursor ? { cursor: { sourceId: source.id, cursor: opts.cursor.cursor, health: opts.cursor.health(fresh.length) } } : {}),
        extra: async (r) => {
          if (out && this.hooks.afterTrack) await this.hooks.afterTrack(r, out, analysed, now);
          if (this.tracker && saveState) {
            await r.settings.set(SNAPSHOT_KEY, this.tracker.snapshot(), t);
            await r.settings.set(WATERMARK_KEY, t, t);
          }
        },
      },
      t,
    );
    this.lastBatchAt = t;
    if (saveState) this.lastSnapshotAt = t;
    return {
      received: items.length,
      stored: inserted.size,
      duplicates: items.length - inserted.size,
      storedIds: analysed.filter((p) => inserted.has(p.row.id)).map((p) => p.row.id),
      ids,
      eventsTouched: out?.touched ?? [],
    };
  }
}
