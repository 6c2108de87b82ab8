/**
 * The analysis of one post (研判): normalise, segment, keywords, sentiment, SimHash and duplicate-of, places and
 * units, monitoring plans. `createAnalyzer` builds the expensive parts once (plan automaton, gazetteer trie,
 * duplicate index); `analyze` is then called per post, in arrival order (duplicate_of refers to earlier posts).
 */
import { Gazetteer } from './gazetteer.ts';
import { defaultIdfTable, extractKeywords, extractKeywordsAndPhrases, type Keyword } from './keywords.ts';
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
  /** Phrases kept per post (default 5; 0 leaves result.phrases empty and skips finding them). */
  phraseCount?: number;
}

export interface Analyzer {
  analyze(input: AnalyzeInput): PostAnalysis;
  analyzeDetailed(input: AnalyzeInput): AnalysisDetail;
  /** Several posts in arrival order, stage by stage (faster than one by one; same results). */
  analyzeBatch(inputs: readonly AnalyzeInput[]): AnalysisDetail[];
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
  // Grows by appending until the window is full (a `new Array(window)` this large is a slow dictionary array).
  const rootIds: string[] = [];
  const k = opts.keywordCount ?? 10;
  const phraseCount = opts.phraseCount ?? 5;
  const idf = opts.idf ?? defaultIdfTable();
  let seq = 0;

  /** One post on its way through the stages (each stage runs over a whole batch: see analyzeBatch). */
  interface Work {
    input: AnalyzeInput;
    id: string;
    post: ReturnType<typeof normalizePost>;
    title: string;
    full: string;
    tokens: string[];
  }

  function prepare(input: AnalyzeInput): Work {
    const rawText = typeof input.text === 'string' ? input.text : '';
    const html = input.html ?? TAG_RE.test(rawText);
    const post = normalizePost(rawText, { html });
    const title = input.title ? normalizeText(input.title) : '';
    const full = title ? (post.text ? `${title}\n${post.text}` : title) : post.text;
    return { input, id: String(input.id), post, title, full, tokens: [] };
  }

  /**
   * Posts in batches, one stage at a time over the batch (segment all, then score all, …): each stage's tables
   * (jieba's dictionary, the sentiment weights, the IDF table, the duplicate index) stay in the CPU caches for the
   * whole batch instead of evicting one another post by post. Results are the same as one post at a time, in order.
   */
  function analyzeBatch(inputs: readonly AnalyzeInput[]): AnalysisDetail[] {
    const works = inputs.map(prepare);
    for (const w of works) w.tokens = segment(w.full);
    const sentiments = works.map((w) => sentiment.predict(w.full, w.tokens));
    const verdicts = works.map((w) => {
      const core = w.post.coreText || w.title;
      const mySeq = seq++;
      const verdict = dedup.observe(core, mySeq);
      let duplicateOf: string | null = null;
      if (verdict.matchedRef !== null) duplicateOf = rootIds[verdict.matchedRef % window] ?? null;
      rootIds[mySeq % window] = duplicateOf ?? w.id;
      return { core, verdict, duplicateOf };
    });
    const extracted = works.map((w) => {
      // Account names (@mentions, repost chain) are not what a post is about: keep them out of keywords.
      const names = w.post.mentions.length > 0 ? new Set(w.post.mentions) : null;
      const kwTokens = names ? w.tokens.filter((t) => !names.has(t)) : w.tokens;
      return phraseCount > 0 ? extractKeywordsAndPhrases(kwTokens, k, phraseCount, idf) : { keywords: extractKeywords(kwTokens, k, idf), phrases: [] };
    });
    return works.map((w, i) => {
      const { input, post, title, full, tokens } = w;
      const s = sentiments[i]!;
      const { core, verdict, duplicateOf } = verdicts[i]!;
      const { keywords, phrases } = extracted[i]!;
      const where = gazetteer ? gazetteer.match(full) : { places: [], units: [] };
      const planHits = plans.match({ title, text: post.text, source: input.source ?? '', author: input.author ?? '' });
      const result: PostAnalysis = {
        id: w.id,
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
    });
  }

  function analyzeDetailed(input: AnalyzeInput): AnalysisDetail {
    return analyzeBatch([input])[0]!;
  }

  return {
    analyze: (input) => analyzeDetailed(input).result,
    analyzeDetailed,
    analyzeBatch,
    planErrors: plans.errors,
  };
}
