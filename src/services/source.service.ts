/** Sources (信息源): settings validated by each connector's schema, health, test fetch, run now. */
import type { Store } from '../store/store.ts';
import type { SourcesTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { describeConnectors, parseSourceConfig, pollOnce, PoliteFetcher, isSourceError } from '../sources/index.ts';
import { healthStatus, initialHealth, type SourceHealth } from '../sources/health.ts';
import type { Source } from '../contracts/sources.ts';
import { auditActor, type Actor } from './actor.ts';
import type { Changes } from './changes.ts';

const iso = (t: number) => new Date(t).toISOString();

/** Settings never shown back: secrets stay in the store (the form shows that one is set). */
const SECRET_KEYS = ['hmac_secret', 'token', 'password', 'api_key'];

function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (SECRET_KEYS.includes(k)) out[`${k}_set`] = v != null && v !== '';
    else out[k] = v;
  }
  return out;
}

export function toSource(s: SourcesTable, now: Date): Source {
  const h = { ...initialHealth(), ...parseJson<Partial<SourceHealth>>(s.health, {}) };
  return {
    id: s.id, name: s.name, kind: s.kind, config: redactConfig(parseJson<Record<string, unknown>>(s.config, {})), enabled: s.enabled === 1, intervalSeconds: s.interval_s,
    cron: s.cron, weight: s.weight, retentionDays: s.retention_days, demo: s.demo === 1, createdAt: iso(s.created_at), updatedAt: iso(s.updated_at),
    health: {
      runs: h.runs, lastRunAt: h.last_run_at, lastSuccessAt: h.last_success_at, lastErrorAt: h.last_error_at, lastError: h.last_error,
      consecutiveFailures: h.consecutive_failures, itemsLastRun: h.items_last_run, recentItems: h.recent_items, volumeFlag: h.volume_flag,
      status: healthStatus(h, now, s.interval_s),
    },
  };
}

export interface SourceInput {
  name: string;
  kind: string;
  config: Record<string, unknown>;
  enabled: boolean;
  intervalSeconds: number;
  cron?: string | null | undefined;
  weight: number;
  retentionDays?: number | null | undefined;
}

/** Runs a source now (the runtime's collector). */
export interface SourceRunner {
  runSource(id: string): Promise<{ ok: boolean; items: number; stored: number; error?: string }>;
}

function stripSetFlags(c: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(c).filter(([k]) => !SECRET_KEYS.some((s) => k === `${s}_set`)));
}

function validate(actor: Actor, kind: string, config: Record<string, unknown>) {
  const privileged = config['internal'] === true || config['ignore_robots'] === true;
  if (privileged && actor.role !== 'admin') throw new AppError('TF_ERR_FORBIDDEN', 'only an admin may set internal or ignore_robots on a source');
  try {
    return parseSourceConfig(kind, { ...config, kind });
  } catch (e) {
    if (isSourceError(e)) throw new AppError('TF_ERR_VALIDATION', e.message, { path: ['config'] });
    throw e;
  }
}

export function createSourceService(store: Store, opts: { userAgent: string; changes: Changes; runner?: () => SourceRunner | null }) {
  return {
    connectors: () => describeConnectors(),
    async list(now: Date) {
      return (await store.repos.sources.list()).map((s) => toSource(s, now));
    },
    async get(id: string, now: Date) {
      const s = await store.repos.sources.byId(id);
      if (!s) throw new AppError('TF_ERR_NOT_FOUND', `source ${id} not found`);
      return toSource(s, now);
    },
    async create(actor: Actor, input: SourceInput, now: Date, extra: { demo?: boolean; id?: string } = {}) {
      const { kind } = validate(actor, input.kind, input.config);
      if (await store.repos.sources.byName(input.name)) throw new AppError('TF_ERR_CONFLICT', `a source named ${input.name} exists`);
      const t = now.getTime();
      const row: SourcesTable = {
        id: extra.id ?? newId('src', t), name: input.name, kind, config: JSON.stringify({ ...input.config, kind }), enabled: input.enabled ? 1 : 0,
        interval_s: input.intervalSeconds, cron: input.cron ?? null, weight: input.weight, retention_days: input.retentionDays ?? null, cursor: null,
        health: JSON.stringify(initialHealth()), demo: extra.demo ? 1 : 0, created_at: t, updated_at: t,
      };
      await store.tx(async (r) => {
        await r.sources.insert(row);
        await r.audit.append({ at: t, ...auditActor(actor), action: 'source.create', entity: 'source', entityId: row.id, after: { name: row.name, kind, config: input.config } });
      });
      opts.changes.emit('sources');
      return toSource(row, now);
    },
    async update(actor: Actor, id: string, patch: Partial<SourceInput>, now: Date) {
      const before = await store.repos.sources.byId(id);
      if (!before) throw new AppError('TF_ERR_NOT_FOUND', `source ${id} not found`);
      const kind = patch.kind ?? before.kind;
      const stored = parseJson<Record<string, unknown>>(before.config, {});
      // A form that does not re-enter a secret keeps the stored one.
      const config = patch.config ? { ...Object.fromEntries(SECRET_KEYS.filter((k) => k in stored).map((k) => [k, stored[k]])), ...stripSetFlags(patch.config) } : stored;
      if (patch.config || patch.kind) validate(actor, kind, config);
      const t = now.getTime();
      const set: Partial<SourcesTable> = { updated_at: t };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.kind !== undefined || patch.config !== undefined) set.config = JSON.stringify({ ...config, kind });
      if (patch.kind !== undefined) set.kind = kind;
      if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
      if (patch.intervalSeconds !== undefined) set.interval_s = patch.intervalSeconds;
      if (patch.cron !== undefined) set.cron = patch.cron;
      if (patch.weight !== undefined) set.weight = patch.weight;
      if (patch.retentionDays !== undefined) set.retention_days = patch.retentionDays;
      await store.tx(async (r) => {
        await r.sources.update(id, set);
        await r.audit.append({ at: t, ...auditActor(actor), action: 'source.update', entity: 'source', entityId: id, before: { config: before.config, enabled: before.enabled }, after: set });
      });
      opts.changes.emit('sources');
      return this.get(id, now);
    },
    /** Fetch once without storing: the normalised items a source would bring. */
    async testFetch(actor: Actor, kind: string, config: Record<string, unknown>, now: Date) {
      validate(actor, kind, config);
      try {
        const res = await pollOnce(kind, { ...config, kind }, { fetcher: new PoliteFetcher({ userAgent: opts.userAgent }), now });
        return {
          ok: true,
          error: null,
          items: res.items.slice(0, 50).map((i) => ({ url: i.url, title: i.title, text: i.text.slice(0, 2000), published_at: i.published_at, author: i.author ?? null })),
        };
      } catch (e) {
        return { ok: false, items: [], error: isSourceError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e) };
      }
    },
    async runNow(actor: Actor, id: string, now: Date) {
      await this.get(id, now);
      const runner = opts.runner?.();
      if (!runner) throw new AppError('TF_ERR_CONFLICT', 'collection is not running in this process (cluster mode: workers collect)');
      const r = await runner.runSource(id);
      await store.repos.audit.append({ at: now.getTime(), ...auditActor(actor), action: 'source.run', entity: 'source', entityId: id, after: { ok: r.ok, items: r.items, stored: r.stored } });
      return { ok: r.ok, items: r.items, stored: r.stored, error: r.error ?? null };
    },
  };
}
export type SourceService = ReturnType<typeof createSourceService>;
