/**
 * The embedded collection engine: every tick, polls the sources that are due (interval or cron, heightened mode,
 * back-off, no overlapping runs), and feeds each poll through the pipeline with the source's cursor and health
 * advanced in the same transaction as its items.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { dueSources, type HeightenedMode, type ScheduledSource } from '../sources/schedule.ts';
import { initialHealth, recordFailure, recordSuccess, type SourceHealth } from '../sources/health.ts';
import { pollOnce, PoliteFetcher, type RawItem } from '../sources/index.ts';
import { isSourceError } from '../sources/errors.ts';
import type { Store } from '../store/store.ts';
import type { SourcesTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import type { Ingestor } from './ingest.ts';
import type { CollectedItem } from './types.ts';

const PULL_KINDS = new Set(['rss', 'web-page', 'json-api', 'spreadsheet']);

export interface CollectorOptions {
  userAgent: string;
  logger: Logger;
  now?: () => Date;
  tickMs?: number;
  maxConcurrent?: number;
  heightened?: () => HeightenedMode | null;
}

export interface RunOutcome {
  ok: boolean;
  items: number;
  stored: number;
  error?: string;
}

export function toCollected(items: RawItem[]): CollectedItem[] {
  return items.map((i) => ({
    url: i.url, title: i.title, text: i.text, ...(i.html ? { html: i.html } : {}), published_at: i.published_at, author: i.author ?? null,
    ...(i.engagement ? { engagement: i.engagement } : {}), ...(i.raw ? { raw: i.raw } : {}),
  }));
}

export class Collector {
  private readonly running = new Set<string>();
  private readonly jitter = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private readonly fetcher: PoliteFetcher;
  private stopped = false;
  private readonly now: () => Date;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly ingestor: () => Ingestor,
    private readonly opts: CollectorOptions,
  ) {
    this.fetcher = new PoliteFetcher({ userAgent: opts.userAgent });
    this.now = opts.now ?? (() => new Date());
  }

  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.tick()
        .catch((err: unknown) => this.opts.logger.error({ err }, 'collector tick failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.opts.tickMs ?? 5000);
        });
    };
    this.timer = setTimeout(loop, 200);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inflight]);
  }

  private scheduled(s: SourcesTable): ScheduledSource {
    const h = parseJson<Partial<SourceHealth>>(s.health, {});
    return {
      id: s.id,
      enabled: s.enabled === 1 && PULL_KINDS.has(s.kind),
      spec: s.cron ? { cron: s.cron } : { interval_seconds: Math.max(60, s.interval_s) },
      state: {
        running: this.running.has(s.id),
        last_started_at: h.last_run_at ? new Date(h.last_run_at) : null,
        last_finished_at: h.last_run_at ? new Date(h.last_run_at) : null,
        consecutive_failures: h.consecutive_failures ?? 0,
      },
    };
  }

  async tick(): Promise<void> {
    const sources = await this.store.repos.sources.list({ enabledOnly: true });
    const now = this.now();
    const due = dueSources(sources.map((s) => this.scheduled(s)), now, {
      heightened: this.opts.heightened?.() ?? null,
      random: (id) => {
        if (!this.jitter.has(id)) this.jitter.set(id, Math.random());
        return this.jitter.get(id)!;
      },
    });
    const room = Math.max(0, (this.opts.maxConcurrent ?? 8) - this.running.size);
    for (const id of due.slice(0, room)) {
      const p = this.runSource(id).catch((err: unknown) => this.opts.logger.error({ err, source: id }, 'source run failed'));
      this.inflight.add(p);
      void p.finally(() => this.inflight.delete(p));
    }
  }

  /** Poll one source now and store what it brings. Never overlaps with another run of the same source. */
  async runSource(id: string): Promise<RunOutcome> {
    if (this.running.has(id)) return { ok: false, items: 0, stored: 0, error: 'already running' };
    this.running.add(id);
    const started = this.now();
    try {
      const s = await this.store.repos.sources.byId(id);
      if (!s) return { ok: false, items: 0, stored: 0, error: 'no such source' };
      const health = { ...initialHealth(), ...parseJson<Partial<SourceHealth>>(s.health, {}) };
      try {
        const res = await pollOnce(s.kind, JSON.parse(s.config), { fetcher: this.fetcher, now: started, cursor: parseJson<unknown>(s.cursor, null), logger: this.opts.logger });
        const ref = { id: s.id, name: s.name, weight: s.weight, demo: s.demo === 1 };
        const items = toCollected(res.items);
        // Store in chunks; the cursor and health move with the last chunk, so a crash re-polls (and dedupes) the rest.
        const CHUNK = 500;
        let stored = 0;
        let fresh = 0;
        for (let i = 0; i < Math.max(items.length, 1); i += CHUNK) {
          const last = i + CHUNK >= items.length;
          const r = await this.ingestor().ingest(
            ref,
            items.slice(i, i + CHUNK),
            this.now(),
            last
              ? { cursor: { cursor: JSON.stringify(res.nextCursor), health: (n) => JSON.stringify(recordSuccess({ ...health, last_run_at: started.toISOString() }, { at: started, items: fresh + n })) } }
              : {},
          );
          stored += r.stored;
          fresh += r.stored;
        }
        return { ok: true, items: items.length, stored };
      } catch (err) {
        const code = isSourceError(err) ? err.code : 'TF_ERR_SOURCE';
        const message = err instanceof Error ? err.message : String(err);
        const h = recordFailure({ ...health, last_run_at: started.toISOString() }, { at: started, code, message });
        await this.store.repos.sources.saveProgress(s.id, s.cursor, JSON.stringify(h), this.now().getTime());
        this.opts.logger.warn({ source: s.name, code, message }, 'source poll failed');
        return { ok: false, items: 0, stored: 0, error: `${code}: ${message}` };
      }
    } finally {
      this.running.delete(id);
    }
  }

  /** A unique holder id for leases taken by this process. */
  static readonly holder = `collector-${randomUUID()}`;
}
