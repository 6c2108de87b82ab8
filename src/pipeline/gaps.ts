/** Collection gaps of the configured sources, from their stored health (a dead source is a gap, not calm). */
import { detectGaps, type CollectionGap } from '../analysis/events/index.ts';
import type { SourcesTable } from '../store/schema.ts';
import type { SourceHealth } from '../sources/health.ts';
import { parseJson } from '../store/repos/executor.ts';

export function sourceGaps(sources: SourcesTable[], now: Date): (CollectionGap & { sourceId: string })[] {
  const push = sources.filter((s) => s.enabled === 1 && s.kind !== 'webhook' && s.kind !== 'manual' && s.kind !== 'import');
  const byName = new Map(push.map((s) => [s.name, s.id]));
  const health = push.map((s) => {
    const h = parseJson<Partial<SourceHealth>>(s.health, {});
    return {
      source: s.name,
      intervalMs: s.interval_s * 1000,
      ...(h.last_success_at ? { lastSuccessAt: new Date(h.last_success_at) } : {}),
      since: new Date(s.created_at),
      ...(h.last_error ? { lastError: h.last_error.message } : {}),
    };
  });
  return detectGaps(health, now).map((g) => ({ ...g, sourceId: byName.get(g.source) ?? g.source }));
}
