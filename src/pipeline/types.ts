/** Types flowing between the pipeline's stages: collected → prepared → analysed → tracked → stored. */
import type { NormalizedPost } from '../analysis/normalize.ts';
import type { PostsTable } from '../store/schema.ts';

export interface Engagement {
  likes?: number;
  replies?: number;
  reposts?: number;
  views?: number;
}

/** One collected item, from a connector (its RawItem), an import, the webhook or manual entry. */
export interface CollectedItem {
  url?: string | null;
  title?: string | null;
  text: string;
  html?: string;
  /** ISO 8601; missing or unparseable → the fetch time. */
  published_at?: string | null;
  author?: string | null;
  engagement?: Engagement;
  raw?: { body: string | Buffer; contentType?: string; fetchedAt: string; sha256: string };
  /** An id from the producer (import line id), kept for the caller's mapping. */
  externalId?: string;
  isOfficial?: boolean;
}

export interface SourceRef {
  id: string;
  name: string;
  weight: number;
  demo: boolean;
}

export interface PreparedPost {
  row: PostsTable;
  /** Absent in the embedded pipeline, whose analyser normalises (prepareItem's `normalise: false`). */
  norm?: NormalizedPost;
  externalId?: string;
  evidence?: { sha256: string; contentType: string | null; body: Buffer; fetchedAt: number };
  weight: number;
}

export interface PostAnalysisOut {
  /** The analysis tokens that can be event terms (isContentTerm), in text order. */
  tokens: string[];
  keywords: { term: string; weight: number }[];
  sentiment: { label: 'negative' | 'neutral' | 'positive'; score: number; evidence: string[] };
  simhash: string;
  duplicateOf: string | null;
  places: string[];
  units: string[];
  plans: { plan: string; terms: string[] }[];
  /** Full-text index tokens, space-joined (see analysisOut; the cluster's analysed messages leave it to the track stage). */
  index?: string;
  /** The normalised title line, when the post has a title (see analysisOut). */
  title?: string;
}

export interface AnalysedPost extends PreparedPost {
  analysis: PostAnalysisOut;
  eventId?: string;
}

export interface BatchResult {
  received: number;
  stored: number;
  duplicates: number;
  /** Post ids stored by this batch (in input order). */
  storedIds: string[];
  /** For each input, its post id (stored now or earlier). */
  ids: string[];
  eventsTouched: string[];
}
