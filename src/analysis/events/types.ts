/**
 * Types shared by the event tracker (舆情事件), heat, bursts, warning levels and trends.
 * Everything here is plain data: the tracker's decisions are pure and time is passed in.
 */
import type { WeightedTerm } from './vector.ts';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Engagement {
  likes?: number;
  replies?: number;
  reposts?: number;
  views?: number;
}

/** One analysed post as the tracker sees it (built from what `tingfeng analyze` computes). */
export interface TrackInput {
  id: string;
  publishedAt: Date;
  title?: string;
  /** Normalised text (analysis form). */
  text: string;
  /** segment() of the text (title included or not; title terms are recognised by substring match). */
  tokens: string[];
  /** Optional segment() of the title alone, when the caller has it. */
  titleTokens?: string[];
  /** TF-IDF keywords of the post (extractKeywords). Used for event keywords, and as terms when tokens are empty. */
  keywords: WeightedTerm[];
  simhash?: bigint;
  /** Id of the earlier post this one copies (repost / near-duplicate), when known. */
  duplicateOf?: string | null;
  places: string[];
  units: string[];
  sentiment?: { label: SentimentLabel; score: number };
  source?: string;
  engagement?: Engagement;
}

export interface SentimentMix {
  negative: number;
  neutral: number;
  positive: number;
}

export interface EventSummary {
  id: string;
  title: string;
  keywords: WeightedTerm[];
  places: string[];
  units: string[];
  size: number;
  uniqueSources: number;
  firstSeen: Date;
  lastSeen: Date;
  sentiment: SentimentMix;
  /** Sums of the members' engagement counts where known. */
  engagement: Required<Engagement>;
  representativePostId: string;
}

/** A membership change: the store records these; merge/split history is never lost. */
export type MembershipRecord =
  | { kind: 'opened'; eventId: string; postId: string; at: Date }
  | { kind: 'joined'; eventId: string; postId: string; at: Date; score: number; via: 'similarity' | 'duplicate' }
  | { kind: 'merged'; eventId: string; from: string; postIds: string[]; at: Date; by: 'tracker' | 'staff' }
  | { kind: 'split'; eventId: string; from: string; postIds: string[]; at: Date; by: 'staff' };

export interface AddResult {
  eventId: string;
  isNew: boolean;
  /** Membership changes caused by this add (opened/joined, and any automatic merge). */
  changes: MembershipRecord[];
}
