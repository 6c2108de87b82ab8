/**
 * The stateless half of analysis, for `worker analyze`. The analyser's near-duplicate detector is stateful (it
 * remembers earlier posts), so analysis workers build their analyser with a one-post duplicate window and ignore
 * its duplicate_of; the track stage decides duplicates with its own detector over the core text sent along
 * (see dup-memory.ts). The mapping mirrors Ingestor.analyse in src/pipeline/ingest.ts.
 */
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '../analysis/analyze.ts';
import { loadSentimentModelOrDefault } from '../analysis/sentiment/index.ts';
import { analysisOut, analyzeInputOf } from '../pipeline/analysis-out.ts';
import { gazetteerFromUnits } from '../pipeline/runtime.ts';
import { loadUserWords, readUserWords } from '../pipeline/user-words.ts';
import type { AnalysedPost, PreparedPost } from '../pipeline/types.ts';
import type { Store } from '../store/store.ts';

export interface StatelessAnalyzer {
  analyzer: Analyzer;
  /** Changes when plans, units or the user dictionary change, so workers can rebuild. */
  fingerprint: string;
}

export async function analysisFingerprint(store: Store): Promise<string> {
  const [plans, units, words] = await Promise.all([store.repos.plans.list({ enabledOnly: true }), store.repos.units.list(), readUserWords(store)]);
  return JSON.stringify([plans.map((p) => [p.id, p.updated_at, p.expression]), units.map((u) => [u.id, u.name, u.aliases, u.parent_id, u.kind]), words]);
}

export async function buildStatelessAnalyzer(store: Store, dataDir: string): Promise<StatelessAnalyzer & { planErrors: string[] }> {
  const [plans, units, fingerprint] = await Promise.all([store.repos.plans.list({ enabledOnly: true }), store.repos.units.list(), analysisFingerprint(store)]);
  await loadUserWords(store);
  const analyzer = createAnalyzer({
    plans: plans.map((p) => ({ name: p.name, expression: p.expression })),
    gazetteer: gazetteerFromUnits(units),
    sentiment: loadSentimentModelOrDefault(join(dataDir, 'models')),
    dedupWindow: 1,
  });
  return { analyzer, fingerprint, planErrors: analyzer.planErrors.map((e) => `${e.name}: ${e.error.message}`) };
}

export interface PreparedInput {
  p: PreparedPost;
  sourceName: string;
}

export interface StatelessResult {
  post: AnalysedPost;
  coreText: string;
}

/**
 * Analyse prepared posts as one batch (Analyzer.analyzeBatch: stage by stage, same results as one at a time);
 * each comes back with its analysis (duplicateOf null) and the core text for the track stage. Throws when any
 * post of the batch throws: the caller then analyses them one by one to single out the bad one.
 */
export function analysePreparedBatch(analyzer: Analyzer, batch: readonly PreparedInput[]): StatelessResult[] {
  const details = analyzer.analyzeBatch(batch.map(({ p, sourceName }) => analyzeInputOf(p, sourceName)));
  return batch.map(({ p }, i) => ({ coreText: details[i]!.coreText, post: { ...p, analysis: analysisOut(details[i]!, null, { text: p.norm!.text, titled: !!p.row.title }) } }));
}

/** Analyse one prepared post; returns it with its analysis (duplicateOf null) and the core text for the track stage. */
export function analysePrepared(analyzer: Analyzer, p: PreparedPost, sourceName: string): StatelessResult {
  return analysePreparedBatch(analyzer, [{ p, sourceName }])[0]!;
}

/**
 * The batch at once; if any post of it throws, each post on its own, so only the bad one fails: `failed` settles
 * it (its result is null) and the others come back as usual. `onFallback` is told the batch's error.
 */
export async function analyseBatchOrEach<T extends PreparedInput>(
  analyzer: Analyzer,
  batch: readonly T[],
  failed: (item: T, err: unknown) => Promise<void>,
  onFallback?: (err: unknown) => void,
): Promise<(StatelessResult | null)[]> {
  try {
    return analysePreparedBatch(analyzer, batch);
  } catch (batchErr) {
    onFallback?.(batchErr);
    const out: (StatelessResult | null)[] = [];
    for (const item of batch) {
      try {
        out.push(analysePrepared(analyzer, item.p, item.sourceName));
      } catch (err) {
        await failed(item, err);
        out.push(null);
      }
    }
    return out;
  }
}

/** The fingerprint, or null when the store cannot be read right now (keep the current analyser). */
export async function analyseFingerprintSafe(store: Store): Promise<string | null> {
  try {
    return await analysisFingerprint(store);
  } catch {
    return null;
  }
}
