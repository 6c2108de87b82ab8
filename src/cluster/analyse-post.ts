/**
 * The stateless half of analysis, for `worker analyze`. The analyser's near-duplicate detector is stateful (it
 * remembers earlier posts), so analysis workers build their analyser with a one-post duplicate window and ignore
 * its duplicate_of; the track stage decides duplicates with its own detector over the core text sent along
 * (see dup-memory.ts). The mapping mirrors Ingestor.analyse in src/pipeline/ingest.ts.
 */
import { join } from 'node:path';
import { createAnalyzer, type Analyzer } from '../analysis/analyze.ts';
import { loadSentimentModelOrDefault } from '../analysis/sentiment/index.ts';
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

/** Analyse one prepared post; returns it with its analysis (duplicateOf null) and the core text for the track stage. */
export function analysePrepared(analyzer: Analyzer, p: PreparedPost, sourceName: string): { post: AnalysedPost; coreText: string } {
  const d = analyzer.analyzeDetailed({
    id: p.row.id, text: p.row.text, ...(p.row.title ? { title: p.row.title } : {}), html: false, source: sourceName, ...(p.row.author ? { author: p.row.author } : {}),
  });
  const r = d.result;
  return {
    coreText: d.coreText,
    post: {
      ...p,
      analysis: {
        tokens: d.tokens,
        keywords: d.keywords.map((k) => ({ term: k.term, weight: Math.round(k.weight * 1000) / 1000 })),
        sentiment: r.sentiment,
        simhash: r.simhash,
        duplicateOf: null,
        places: r.places,
        units: r.units,
        plans: r.plans.map((m) => ({ plan: m.name, terms: m.hits })),
      },
    },
  };
}

/** The fingerprint, or null when the store cannot be read right now (keep the current analyser). */
export async function analyseFingerprintSafe(store: Store): Promise<string | null> {
  try {
    return await analysisFingerprint(store);
  } catch {
    return null;
  }
}
