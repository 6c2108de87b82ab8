/** Tracker options with defaults tuned on ECOB-ZH dev (see scripts/eval-events.ts and bench/RESULTS.md). */
import { defaultIdfTable } from '../keywords.ts';
import type { IdfLookup } from './vector.ts';

export interface TrackerOptions {
  /** Similarity a post needs to join an event (0..1). */
  joinThreshold: number;
  /** Centroid cosine at which two events are merged by the tracker (0..1). */
  mergeThreshold: number;
  /** Weight of centroid cosine against the best link to a recent member (the rest). */
  centroidWeight: number;
  /** Share of the similarity given to title-only similarity when both the post and the event have titles. */
  titleWeight: number;
  /** Added to the similarity when the post names a place or unit the event names (small: places alone never group). */
  placeBonus: number;
  /** Terms kept per post vector. */
  topK: number;
  /** Extra weight for title terms, in occurrences. */
  titleBoost: number;
  /** A post's highest-weight terms used to look up candidate events. */
  candidateTerms: number;
  /** At most this many candidate events (those sharing the most term weight) get a full similarity check. */
  maxCandidates: number;
  /** Of those, the closest by centroid cosine get the full similarity (recent-member links, titles). */
  fullChecks: number;
  /** Terms kept in an event centroid. */
  centroidTerms: number;
  /** Recent members compared one by one. */
  recentMembers: number;
  /** Members whose vectors are kept (for splits and representatives). */
  memberVectors: number;
  /** SimHash distance at or below which a post is a copy of a recent member. */
  duplicateHamming: number;
  /** An event that has been quiet this long (by post time) is retired from the active set. */
  quietAfterMs: number;
  /** Hard cap on active events; the least recently active are retired first. */
  maxActiveEvents: number;
  /** Stream document share above which a term is damped (words every post shares). */
  commonShare: number;
  /** Posts seen before stream document frequencies are used. */
  minDocsForShare: number;
  /** General IDF table (default: the analysis engine's table, jieba's IDF plus local updates); unknown terms get `unknownIdf`. */
  idf: IdfLookup;
  unknownIdf: number;
  /**
   * Distinct terms the tracker keeps ids for; half of it bounds the terms with a stream document frequency (their
   * counts are halved beyond that). Over it, terms without a document frequency are forgotten (speed only).
   */
  maxTerms: number;
  /** Max sources remembered per event, hourly buckets kept per event. */
  maxSources: number;
  seriesHours: number;
}

export const DEFAULT_TRACKER_OPTIONS: Readonly<TrackerOptions> = Object.freeze({
  joinThreshold: 0.3,
  mergeThreshold: 0.6,
  centroidWeight: 0.5,
  titleWeight: 0.5,
  placeBonus: 0.03,
  topK: 40,
  titleBoost: 2,
  candidateTerms: 10,
  maxCandidates: 16,
  fullChecks: 6,
  centroidTerms: 150,
  recentMembers: 8,
  memberVectors: 64,
  duplicateHamming: 3,
  quietAfterMs: 14 * 24 * 3_600_000,
  maxActiveEvents: 5000,
  commonShare: 0.02,
  minDocsForShare: 30,
  idf: (term: string) => defaultIdfTable().idf(term),
  unknownIdf: 10,
  maxTerms: 400_000,
  maxSources: 1000,
  seriesHours: 15 * 24,
});
