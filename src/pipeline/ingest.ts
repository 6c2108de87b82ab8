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
import type { AnalysedPost, BatchResult, CollectedItem, PostAnalysisOut, PreparedPost, SourceRef } from './types.ts';

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

export class IngestAbortedError extends Error {
  readonly code = 'TF_ERR_INGEST_ABORTED';
}

export class Ingestor {
  /** Analysis time (ms) of the last batch: each batch gets a later one, so a replay can start after a snapshot. */
  private lastBatchAt = Number.NEGATIVE_INFINITY;
  private lastSnapshotAt = Number.NEGATIVE_INFINITY;
  /** Batches in flight (see ingest): the time given to the last one started, the keys of their items, the chain. */
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private readonly inFlight = new Set<string>();
  private sendTail: Promise<void> = Promise.resolve();
  private trackTail: Promise<void> = Promise.resolve();
  private tail: Promise<void> = Promise.resolve();
  private failures = 0;

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

  /** Assigns analysed posts to events as each chunk of analyses arrives (the next chunk is analysed meanwhile). */
  private async track(
    fresh: PreparedPost[],
    chunks: Promise<PostAnalysisOut[]>[],
    now: Date,
  ): Promise<{ analysed: AnalysedPost[]; out: TrackOutput | null }> {
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

  /**
   * Stores a batch. Batches may be handed in before the previous ones are stored: each is prepared and sent to
   * analysis at once (so the analysis thread works on it while earlier batches are tracked and stored), then
   * tracked and stored in call order. An item of a batch still in flight counts as stored; when a batch fails, the
   * batches in flight behind it fail too (the tracker and analyser state ran ahead of the store).
   */
  async ingest(source: SourceRef, items: CollectedItem[], now: Date, opts: IngestOptions = {}): Promise<BatchResult> {
    const t = Math.max(now.getTime(), this.lastBatchAt + 1, this.lastStartAt + 1);
    this.lastStartAt = t;
    const failuresBefore = this.failures;
    // Three turns, each taken in call order whatever order the store answers in: sending posts to analysis
    // (duplicate detection needs arrival order), tracking them, storing them. A batch is tracked while the one
    // before it is being stored (with PostgreSQL, the main thread would otherwise wait for the database).
    const turns = this.takeTurns();
    let fresh: PreparedPost[] = [];
    let run: Promise<BatchResult>;
    try {
      await turns.send;
      const prepared: PreparedPost[] = [];
      const ids: string[] = [];
      const seen = new Set<string>();
      for (const item of items) {
        const p = prepareItem(item, source, t, { normalise: false });
        ids.push(p.row.id);
        if (seen.has(p.row.dedupe_key)) continue;
        seen.add(p.row.dedupe_key);
        prepared.push(p);
      }
      const existing = await this.store.repos.posts.existingKeys(prepared.map((p) => p.row.dedupe_key));
      fresh = prepared
        .filter((p) => !existing.has(p.row.dedupe_key) && !this.inFlight.has(p.row.dedupe_key))
        .sort((a, b) => a.row.published_at - b.row.published_at);
      for (const p of fresh) this.inFlight.add(p.row.dedupe_key);
      // A re-fetch of a known item keeps what was fetched this time as further evidence when its content changed.
      const refetched = prepared.filter((p) => existing.has(p.row.dedupe_key) && p.evidence);
      const chunks = this.analyser.analyse(fresh.map((p) => analyzeInputOf(p, source.name)));
      run = this.trackAndStore({ source, items, now, opts, t, ids, fresh, refetched, chunks }, turns, failuresBefore);
    } catch (err) {
      // nothing was sent to analysis: the batches behind this one go on, after the ones before it
      for (const p of fresh) this.inFlight.delete(p.row.dedupe_key);
      turns.pass();
      throw err;
    } finally {
      turns.sent();
    }
    try {
      return await run;
    } finally {
      for (const p of fresh) this.inFlight.delete(p.row.dedupe_key);
    }
  }

  /** The turns of the next batch (see ingest): promises to wait for, and functions that pass each turn on. */
  private takeTurns() {
    const [send, track, store] = [this.sendTail, this.trackTail, this.tail];
    const open = () => {
      let done!: () => void;
      return [new Promise<void>((r) => (done = r)), () => done()] as const;
    };
    const [sendNext, sent] = open();
    const [trackNext, tracked] = open();
    const [storeNext, stored] = open();
    [this.sendTail, this.trackTail, this.tail] = [sendNext, trackNext, storeNext];
    return {
      send,
      track,
      store,
      sent,
      tracked,
      stored,
      /** A batch that took no part: its later turns open once the batch before it has had them. */
      pass: () => {
        void track.then(tracked);
        void store.then(stored);
      },
    };
  }

  private async trackAndStore(
    b: {
      source: SourceRef;
      items: CollectedItem[];
      now: Date;
      opts: IngestOptions;
      t: number;
      ids: string[];
      fresh: PreparedPost[];
      refetched: PreparedPost[];
      chunks: Promise<PostAnalysisOut[]>[];
    },
    turns: ReturnType<Ingestor['takeTurns']>,
    failuresBefore: number,
  ): Promise<BatchResult> {
    const { source, items, now, opts, t, ids, fresh, refetched } = b;
    const aborted = () =>
      new IngestAbortedError('an earlier batch failed while this one waited; nothing of it was stored');
    let trackedYet = false;
    try {
      await turns.track;
      if (this.failures !== failuresBefore) throw aborted();
      const { analysed, out } = await this.track(fresh, b.chunks, now);
      // the state as of this batch, encoded now: the next batch is tracked while this one is stored
      const snapshot =
        this.tracker !== null && t - this.lastSnapshotAt >= this.snapshotEveryMs
          ? JSON.stringify(this.tracker.snapshot())
          : null;
      if (snapshot !== null) this.lastSnapshotAt = t;
      trackedYet = true;
      turns.tracked();
      await turns.store;
      if (this.failures !== failuresBefore) throw aborted();
      if (out && source.demo) for (const e of out.writes.events) e.demo = 1;
      const inserted = await persistBatch(
        this.store,
        {
          posts: analysed,
          refetched,
          ...(out ? { events: out.writes } : {}),
          ...(opts.cursor
            ? { cursor: { sourceId: source.id, cursor: opts.cursor.cursor, health: opts.cursor.health(fresh.length) } }
            : {}),
          extra: async (r) => {
            if (out && this.hooks.afterTrack) await this.hooks.afterTrack(r, out, analysed, now);
            if (snapshot !== null) {
              await r.settings.setJson(SNAPSHOT_KEY, snapshot, t);
              await r.settings.set(WATERMARK_KEY, t, t);
            }
          },
        },
        t,
      );
      this.lastBatchAt = t;
      return {
        received: items.length,
        stored: inserted.size,
        duplicates: items.length - inserted.size,
        storedIds: analysed.filter((p) => inserted.has(p.row.id)).map((p) => p.row.id),
        ids,
        eventsTouched: out?.touched ?? [],
      };
    } catch (err) {
      // counted before the turns pass, so the batches waiting for them see it
      this.failures++;
      throw err;
    } finally {
      if (!trackedYet) turns.tracked();
      turns.stored();
    }
  }
}
