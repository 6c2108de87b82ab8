/**
 * Builds the live pipeline from what the office configured in the store: plans, the gazetteer (units and places),
 * the user dictionary, warning rules, the (possibly office-retrained) sentiment model, and the event tracker's last
 * snapshot.
 */
import { join } from 'node:path';
import { Gazetteer, type GazetteerEntry } from '../analysis/gazetteer.ts';
import type { TrackerSnapshot } from '../analysis/events/snapshot.ts';
import { parseWarningRules } from '../analysis/events/index.ts';
import type { Store } from '../store/store.ts';
import type { UnitsTable } from '../store/schema.ts';
import { Ingestor, SNAPSHOT_KEY, WATERMARK_KEY, type IngestHooks } from './ingest.ts';
import { replaySince } from './replay.ts';
import { TrackStage } from './track.ts';
import { readUserWords } from './user-words.ts';
import { replaceUserWords } from '../analysis/segment.ts';
import { USER_WORDS_SETTING } from '../contracts/dictionary.ts';
import { inlineAnalyser, startAnalysisThread, type AnalyserSpec, type BatchAnalyser } from './analysis-thread.ts';

const PLACE_KINDS = new Set(['county', 'town', 'village']);

export function gazetteerFromUnits(units: UnitsTable[]): Gazetteer {
  return new Gazetteer(gazetteerEntries(units));
}

function gazetteerEntries(units: UnitsTable[]): GazetteerEntry[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  return units.map((u) => {
    const parent = u.parent_id ? byId.get(u.parent_id)?.name : undefined;
    return {
      name: u.name,
      kind: PLACE_KINDS.has(u.kind) ? 'place' : 'unit',
      aliases: JSON.parse(u.aliases) as string[],
      ...(parent ? { parent } : {}),
    };
  });
}

/** The office's own places and units are its jurisdiction unless the warning rules name one explicitly. */
export function withJurisdiction(raw: unknown, units: UnitsTable[]): unknown {
  const rules = parseWarningRules(raw ?? {});
  if (rules.jurisdiction.places.length > 0 || rules.jurisdiction.units.length > 0) return rules;
  const names = (kinds: (k: string) => boolean) =>
    units.filter((u) => kinds(u.kind)).flatMap((u) => [u.name, ...(JSON.parse(u.aliases) as string[])]);
  return {
    ...rules,
    jurisdiction: { places: names((k) => PLACE_KINDS.has(k)), units: names((k) => !PLACE_KINDS.has(k)) },
  };
}

export interface Pipeline {
  analyser: BatchAnalyser;
  track: TrackStage;
  ingestor: Ingestor;
  planErrors: { name: string; message: string }[];
  /** Stops the analysis thread (when there is one); the pipeline is not used after. */
  close(): Promise<void>;
}

export interface PipelineOptions {
  dataDir: string;
  hooks?: IngestHooks;
  events?: boolean;
  /** false when the caller keeps its live tracker */
  replay?: boolean;
  /** Analyse in a worker thread of its own, overlapping with tracking and storing (setting analysisThread). */
  analysisThread?: boolean;
}

export async function buildPipeline(store: Store, opts: PipelineOptions): Promise<Pipeline> {
  const [plans, units, rules, snapshot, active] = await Promise.all([
    store.repos.plans.list({ enabledOnly: true }),
    store.repos.units.list(),
    store.repos.settings.get<unknown>('warning.rules'),
    store.repos.settings.get<TrackerSnapshot>(SNAPSHOT_KEY),
    store.repos.events.list({ limit: 5000, offset: 0 }),
  ]);
  const watermark = await store.repos.settings.get<number>(WATERMARK_KEY);
  // this thread's segmenter (search queries) knows the same words as the analyser's, wherever that runs
  const userWords = await readUserWords(store);
  replaceUserWords(USER_WORDS_SETTING, userWords);
  const spec: AnalyserSpec = {
    plans: plans.map((p) => ({ name: p.name, expression: p.expression })),
    gazetteer: gazetteerEntries(units),
    modelDir: join(opts.dataDir, 'models'),
    userWords,
  };
  const analyser = opts.analysisThread ? await startAnalysisThread(spec) : inlineAnalyser(spec);
  if (opts.analysisThread) new Gazetteer(spec.gazetteer).registerWithSegmenter();
  try {
    const levels = new Map<string, number | null>(active.map((e) => [e.id, e.level]));
    const track = new TrackStage({ rules: withJurisdiction(rules, units), snapshot: snapshot ?? null, levels });
    const ingestor = new Ingestor(store, analyser, opts.events === false ? null : track, opts.hooks ?? {});
    if (opts.events !== false && opts.replay !== false) await resume(store, track, ingestor, snapshot, watermark);
    return { analyser, track, ingestor, planErrors: [...analyser.planErrors], close: () => analyser.close() };
  } catch (err) {
    await analyser.close();
    throw err;
  }
}

/** Puts the tracker state where the store is: replays what was stored after the saved state, or starts from now. */
async function resume(
  store: Store,
  track: TrackStage,
  ingestor: Ingestor,
  snapshot: TrackerSnapshot | undefined,
  watermark: number | undefined,
): Promise<void> {
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
