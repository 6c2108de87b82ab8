/**
 * Embedded mode: one process runs collection, analysis, event tracking and storage in-process. Batches are
 * serialised (one at a time) so the analyser's and tracker's state follows the store's commit order; when the
 * office changes plans, units, rules, the user dictionary or the model, the analyser is rebuilt (the tracker state
 * is kept).
 */
import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import type { Changes, ChangeKind } from '../services/changes.ts';
import type { TrackerControl } from '../services/event.service.ts';
import { movePosts } from '../analysis/events/staff-move.ts';
import type { SourceRunner } from '../services/source.service.ts';
import type { HeightenedMode } from '../sources/schedule.ts';
import { buildPipeline, type Pipeline } from './runtime.ts';
import { Collector } from './collector.ts';
import { sourceGaps } from './gaps.ts';
import type { IngestHooks, IngestOptions } from './ingest.ts';
import type { BatchResult, CollectedItem, SourceRef } from './types.ts';
import type { CollectionGap } from '../analysis/events/index.ts';

export interface EmbeddedRunnerOptions {
  dataDir: string;
  userAgent: string;
  logger: Logger;
  changes: Changes;
  collect?: boolean;
  hooks?: Omit<IngestHooks, 'gaps'>;
  heightened?: () => HeightenedMode | null;
  /** Called after each stored batch (server-sent events to the dashboard). */
  onBatch?: (source: SourceRef, r: BatchResult) => void;
  /** Analyse in a worker thread (setting analysisThread). */
  analysisThread?: boolean;
}

export class EmbeddedRunner implements SourceRunner {
  private pipeline: Pipeline | null = null;
  private collector: Collector | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private gaps: CollectionGap[] = [];
  private unsubscribe: (() => void) | null = null;
  private rebuildPending = false;

  constructor(
    private readonly store: Store,
    private readonly opts: EmbeddedRunnerOptions,
  ) {}

  async start(): Promise<void> {
    this.pipeline = await this.build();
    this.unsubscribe = this.opts.changes.on((k: ChangeKind) => {
      if (k === 'plans' || k === 'units' || k === 'rules' || k === 'model' || k === 'dictionary') this.scheduleRebuild();
    });
    if (this.opts.collect !== false) {
      this.collector = new Collector(this.store, () => this.proxyIngestor(), {
        userAgent: this.opts.userAgent,
        logger: this.opts.logger,
        ...(this.opts.heightened ? { heightened: this.opts.heightened } : {}),
      });
      this.collector.start();
    }
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.collector?.stop();
    await this.queue.catch(() => undefined);
    // the tracker's state is saved every few seconds with a batch; save the latest on the way out
    await this.pipeline?.ingestor.saveSnapshot().catch((err: unknown) => this.opts.logger.warn({ err }, 'could not save the event tracker state'));
    await this.pipeline?.close();
  }

  /** After a staff change to the tracker's events, save its state (queued behind any batch in progress). */
  private saveAfterStaffChange(): void {
    this.queue = this.queue
      .catch(() => undefined)
      .then(() => this.pipeline?.ingestor.saveSnapshot())
      .catch((err: unknown) => this.opts.logger.warn({ err }, 'could not save the event tracker state'));
  }

  private async build(previous?: Pipeline): Promise<Pipeline> {
    const p = await buildPipeline(this.store, {
      dataDir: this.opts.dataDir,
      hooks: { ...(this.opts.hooks ?? {}), gaps: () => this.gaps },
      replay: !previous,
      analysisThread: this.opts.analysisThread ?? false,
    });
    if (previous) {
      await previous.close();
      // Keep the live tracker (events in progress) across an analyser rebuild.
      (p as { track: Pipeline['track'] }).track = previous.track;
      (p.ingestor as unknown as { tracker: Pipeline['track'] }).tracker = previous.track;
      p.ingestor.resumeAt(previous.ingestor.coveredUntil);
    }
    for (const e of p.planErrors) this.opts.logger.warn({ plan: e.name }, `plan has a syntax error and is skipped: ${e.message}`);
    return p;
  }

  private scheduleRebuild(): void {
    if (this.rebuildPending) return;
    this.rebuildPending = true;
    this.queue = this.queue
      .catch(() => undefined)
      .then(async () => {
        this.rebuildPending = false;
        this.pipeline = await this.build(this.pipeline ?? undefined);
        this.opts.logger.info('analysis pipeline rebuilt after a configuration change');
      });
  }

  /** Ingest a batch through the serialised queue. */
  ingest(source: SourceRef, items: CollectedItem[], now: Date, opts: IngestOptions = {}): Promise<BatchResult> {
    const run = this.queue
      .catch(() => undefined)
      .then(async () => {
        if (!this.pipeline) throw new Error('pipeline not started');
        this.gaps = sourceGaps(await this.store.repos.sources.list({ enabledOnly: true }), now);
        try {
          const r = await this.pipeline.ingestor.ingest(source, items, now, opts);
          this.opts.onBatch?.(source, r);
          return r;
        } catch (err) {
          // The in-memory state may now be ahead of the store: rebuild it from the last committed snapshot.
          this.opts.logger.error({ err }, 'batch failed; reloading pipeline state from the store');
          await this.pipeline.close();
          this.pipeline = null;
          this.pipeline = await this.build();
          throw err;
        }
      });
    this.queue = run;
    return run;
  }

  private proxyIngestor() {
    return { ingest: (s: SourceRef, items: CollectedItem[], now: Date, o?: IngestOptions) => this.ingest(s, items, now, o) } as unknown as import('./ingest.ts').Ingestor;
  }

  runSource(id: string) {
    if (!this.collector) return Promise.resolve({ ok: false, items: 0, stored: 0, error: 'collection is off in this process' });
    return this.collector.runSource(id);
  }

  trackerControl(): TrackerControl | null {
    const t = this.pipeline?.track.instance;
    if (!t) return null;
    return {
      merge: (keepId, otherId, at) => {
        t.merge(keepId, otherId, at);
        this.saveAfterStaffChange();
      },
      split: (eventId, postIds, at) => {
        const r = { newEventId: t.split(eventId, postIds, at).eventId };
        this.saveAfterStaffChange();
        return r;
      },
      move: (posts, toEventId, at) => {
        movePosts(t, posts, toEventId, at);
        this.saveAfterStaffChange();
      },
    };
  }
}
