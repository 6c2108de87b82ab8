/**
 * Builds the live pipeline from what the office configured in the store: plans, the gazetteer (units and places),
 * the user dictionary, warning rules, the (possibly office-retrained) sentiment model, and the event tracker's last
 * snapshot.
 */
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '../analysis/analyze.ts';
import { Gazetteer, type GazetteerEntry } from '../analysis/gazetteer.ts';
import { loadSentimentModelOrDefault } from '../analysis/sentiment/index.ts';
import type { TrackerSnapshot } from '../analysis/events/snapshot.ts';
import { parseWarningRules } from '../analysis/events/index.ts';
import type { Store } from '../store/store.ts';
import type { UnitsTable } from '../store/schema.ts';
import { Ingestor, SNAPSHOT_KEY, WATERMARK_KEY, type IngestHooks } from './ingest.ts';
import { replaySince } from './replay.ts';
import { TrackStage } from './track.ts';
import { loadUserWords } from './user-words.ts';

const PLACE_KINDS = new Set(['county', 'town', 'village']);

export function gazetteerFromUnits(units: UnitsTable[]): Gazetteer {
  const byId = new Map(units.map((u) => [u.id, u]));
  const entries: GazetteerEntry[] = units.map((u) => {
    const parent = u.parent_id ? byId.get(u.parent_id)?.name : undefined;
    return {
      name: u.name,
      kind: PLACE_KINDS.has(u.kind) ? 'place' : 'unit',
      aliases: JSON.parse(u.aliases) as string[],
      ...(parent ? { parent } : {}),
    };
  });
  return new Gazetteer(entries);
}

/** The office's own places and units are its jurisdiction unless the warning rules name one explicitly. */
export function withJurisdiction(raw: unknown, units: UnitsTable[]): unknown {
  const rules = parseWarningRules(raw ?? {});
  if (rules.jurisdiction.places.length > 0 || rules.jurisdiction.units.length > 0) return rules;
  const names = (kinds: (k: string) => boolean) => units.filter((u) => kinds(u.kind)).flatMap((u) => [u.name, ...(JSON.parse(u.aliases) as string[])]);
  return { ...rules, jurisdiction: { places: names((k) => PLACE_KINDS.has(k)), units: names((k) => !PLACE_KINDS.has(k)) } };
}

export interface Pipeline {
  analyzer: Analyzer;
  track: TrackStage;
  ingestor: Ingestor;
  planErrors: { name: string; message: string }[];
}

export async function buildPipeline(
  store: Store,
  opts: { dataDir: string; hooks?: IngestHooks; events?: boolean; /** false when the caller keeps its live tracker */ replay?: boolean },
): Promise<Pipeline> {
  const [plans, units, rules, snapshot, active] = await Promise.all([
    store.repos.plans.list({ enabledOnly: true }),
    store.repos.units.list(),
    store.repos.settings.get<unknown>('warning.rules'),
    store.repos.settings.get<TrackerSnapshot>(SNAPSHOT_KEY),
    store.repos.events.list({ limit: 5000, offset: 0 }),
  ]);
  const watermark = await store.repos.settings.get<number>(WATERMARK_KEY);
  await loadUserWords(store);
  const analyzer = createAnalyzer({
    plans: plans.map((p) => ({ name: p.name, expression: p.expression })),
    gazetteer: gazetteerFromUnits(units),
    sentiment: loadSentimentModelOrDefault(join(opts.dataDir, 'models')),
  });
  const levels = new Map<string, number | null>(active.map((e) => [e.id, e.level]));
  const track = new TrackStage({ rules: withJurisdiction(rules, units), snapshot: snapshot ?? null, levels });
  const ingestor = new Ingestor(store, analyzer, opts.events === false ? null : track, opts.hooks ?? {});
  if (opts.events !== false && opts.replay !== false) {
    if (snapshot && typeof watermark === 'number') {
      // the saved state covers posts analysed up to the watermark: put back those stored since (a crash between saves)
      const { latest } = await replaySince(store, track, watermark);
      ingestor.resumeAt(latest);
    } else {
      // no watermark (a new desk, or state saved by the cluster's track worker with every batch): what is stored so
      // far counts as covered, so a later save never asks the next start to replay the whole history
      ingestor.resumeAt((await store.repos.replay.latestAnalysis()) ?? 0);
    }
  }
  return {
    analyzer,
    track,
    ingestor,
    planErrors: analyzer.planErrors.map((e) => ({ name: e.name, message: e.error.message })),
  };
}
