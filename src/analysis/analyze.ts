/**
 * The analysis of one post (研判): normalise, segment, keywords, sentiment, SimHash and duplicate-of, places and
 * units, monitoring plans. `createAnalyzer` builds the expensive parts once (plan automaton, gazetteer trie,
 * duplicate index); `analyze` is then called per post, in arrival order (duplicate_of refers to earlier posts).
 */
import { Gazetteer } from './gazetteer.ts';
import { defaultIdfTable, extractKeywordsAndPhrases, type Keyword } from './keywords.ts';
import type { IdfTable } from './idf-table.ts';
import { NearDuplicateDetector } from './near-duplicates.ts';
import { normalizePost, normalizeText } from './normalize.ts';
import { PlanSet, type PlanDefinition, type PlanError, type PlanMatch } from './plan/index.ts';
import { segment } from './segment.ts';
import { partsToHex } from './simhash.ts';
import { loadDefaultSentimentModel, type SentimentLabel, type SentimentModel } from './sentiment/index.ts';

export interface AnalyzeInput {
  id: string;
  text: string;
  title?: string;
  published_at?: string;
  source?: string;
  url?: string;
  author?: string;
  /** Treat text as HTML. Default: detected (text containing tags). */
  html?: boolean;
}

export interface PostAnalysis {
  id: string;
  sentiment: { label: SentimentLabel; score: number; evidence: string[] };
  keywords: string[];
  /** Adjacent-token phrases, for event titles. */
  phrases: string[];
  /** 16 hex digits: SimHash of the post's core text (repost chain removed). */
  simhash: string;
  /** id of the earliest earlier post this one copies, or null. */
  duplicate_of: string | null;
  places: string[];
  units: string[];
  plans: PlanMatch[];
  hashtags: string[];
}

/** Everything computed on the way, for the pipeline (tokens for search, normalised text, details of hits). */
export interface AnalysisDetail {
  result: PostAnalysis;
  /** Normalised title ('' when the post has none). */
  title: string;
  /** Normalised title and text (title first, on its own line): what was segmented and analysed. */
  text: string;
  tokens: string[];
  /** The keywords with their TF-IDF weights (result.keywords are their terms). */
  keywords: Keyword[];
  coreText: string;
  urls: string[];
  duplicateSimilarity: number;
}

export interface AnalyzerOptions {
  plans?: readonly PlanDefinition[] | PlanSet;
  gazetteer?: Gazetteer;
  sentiment?: SentimentModel;
  /** Extra named word lists for plan expressions (@name). @places and @units come from the gazetteer. */
  lists?: Readonly<Record<string, readonly string[]>>;
  idf?: IdfTable;
  /** How many recent posts duplicate detection remembers (memory is fixed by this). Default 262,144. */
  dedupWindow?: number;
  keywordCount?: number;
}

export interface Analyzer {
  analyze(input: AnalyzeInput): PostAnalysis;
  analyzeDetailed(input: AnalyzeInput): AnalysisDetail;
  readonly planErrors: readonly PlanError[];
}

const TAG_RE = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>|&(?:[a-zA-Z]{2,8}|#\d{2,7});/;

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function gazetteerLists(g: Gazetteer | undefined): Record<string, string[]> {
  const places = new Set<string>();
  const units = new Set<string>();
  for (const e of g?.entries() ?? []) {
    const target = e.kind === 'place' ? places : units;
    target.add(e.name);
    for (const a of e.aliases ?? []) target.add(a);
  }
  return { places: [...places], units: [...units] };
}

export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const gazetteer = opts.gazetteer;
  if (gazetteer) gazetteer.registerWithSegmenter();
  const lists = { ...gazetteerLists(gazetteer), ...(opts.lists ?? {}) };
  const plans = opts.plans instanceof PlanSet ? opts.plans : new PlanSet(opts.plans ?? [], { lists });
  const sentiment = opts.sentiment ?? loadDefaultSentimentModel();
  const window = Math.max(1, Math.floor(opts.dedupWindow ?? 1 << 18));
  const dedup = new NearDuplicateDetector({ capacity: window });
  const rootIds: string[] = new Array<string>(window);
  const k = opts.keywordCount ?? 10;
  const idf = opts.idf ?? defaultIdfTable();
  let seq = 0;

  function analyzeDetailed(input: AnalyzeInput): AnalysisDetail {
    const id = String(input.id);
    const rawText = typeof input.text === 'string' ? input.text : '';
    const html = input.html ?? TAG_RE.test(rawText);
    const post = normalizePost(rawText, { html });
    const title = input.title ? normalizeText(input.title) : '';
    const full = title ? (post.text ? `${title}\n${post.text}` : title) : post.text;
    const tokens = segment(full);
    const s = sentiment.predict(full, tokens);
    const core = post.coreText || title;
    const mySeq = seq++;
    const verdict = dedup.observe(core, mySeq);
    let duplicateOf: string | null = null;
    if (verdict.matchedRef !== null) duplicateOf = rootIds[verdict.matchedRef % window] ?? null;
    rootIds[mySeq % window] = duplicateOf ?? id;
    // Account names (@mentions, repost chain) are not what a post is about: keep them out of keywords.
    const names = post.mentions.length > 0 ? new Set(post.mentions) : null;
    const kwTokens = names ? tokens.filter((t) => !names.has(t)) : tokens;
    const { keywords, phrases } = extractKeywordsAndPhrases(kwTokens, k, 5, idf);
    const where = gazetteer ? gazetteer.match(full) : { places: [], units: [] };
    const planHits = plans.match({ title, text: post.text, source: input.source ?? '', author: input.author ?? '' });
    const result: PostAnalysis = {
      id,
      sentiment: { label: s.label, score: round4(s.score), evidence: s.evidence },
      keywords: keywords.map((x) => x.term),
      phrases: phrases.map((x) => x.term),
      simhash: partsToHex(verdict.hi, verdict.lo),
      duplicate_of: duplicateOf,
      places: where.places.map((p) => p.name),
      units: where.units.map((u) => u.name),
      plans: planHits,
      hashtags: post.hashtags,
    };
    return { result, title, text: full, tokens, keywords, coreText: core, urls: post.urls, duplicateSimilarity: verdict.similarity };
  }

  return {
    analyze: (input) => analyzeDetailed(input).result,
    analyzeDetailed,
    planErrors: plans.errors,
  };
}
