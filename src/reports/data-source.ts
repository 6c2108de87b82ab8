/**
 * What the report builders ask the store. The store implements this interface (the only place that speaks SQL);
 * assemble.ts calls it, validates every answer with the schemas in types.ts, and records each call so that every
 * figure in a report can be traced to the query that produced it. `memory-data-source.ts` is a reference
 * implementation over arrays that states the exact semantics below in code.
 *
 * Conventions: ranges are half-open [start, end) over the instant a thing happened (a post's `publishedAt`, a case's
 * `registeredAt`, …); all instants are ISO 8601 strings.
 */
import type {
  AlertRow,
  CaseHistoryRow,
  CaseRow,
  CountRow,
  EventRow,
  LedgerFacts,
  LevelChangeRow,
  PostRow,
  ReleaseRow,
  Sentiment,
  SourceHealthRow,
} from './types.ts';

export interface TimeRange {
  start: string;
  end: string;
}

export interface PostFilter {
  range?: TimeRange;
  eventId?: string;
  sentiment?: Sentiment;
  /** Only posts that mention at least one of the office's places or units (analysis found a place/unit). */
  concernsOffice?: boolean;
}

export interface CountPostsQuery extends PostFilter {
  /**
   * 'source': one row per source (key = source id, label = source name); 'sentiment': one row per sentiment
   * (key = positive|neutral|negative, label = 正面|中性|负面; sentiments with no posts may be omitted); 'none': one
   * row with key 'all'. Posts that are duplicates of another post are counted once (as the store counts them).
   */
  groupBy: 'source' | 'sentiment' | 'none';
}

export interface ListPostsQuery extends PostFilter {
  /** engagement: most engaged first; newest / oldest: by publishedAt. Ties broken by id. */
  orderBy: 'engagement' | 'newest' | 'oldest';
  limit: number;
}

export interface ListEventsQuery {
  /** Events with at least one post published inside the range; `postsInRange` counts those posts. */
  range: TimeRange;
  orderBy: 'heat' | 'postsInRange';
  limit: number;
}

export interface ListCasesQuery {
  /** registeredAt inside the range. */
  registeredIn?: TimeRange;
  /** repliedAt inside the range. */
  repliedIn?: TimeRange;
  /** Not replied at the instant and its deadline passed before it (status not closed/merged at the instant). */
  overdueAt?: string;
  /** Not replied and deadline inside the range. */
  dueIn?: TimeRange;
  eventId?: string;
}

export interface ReportDataSource {
  countPosts(q: CountPostsQuery): Promise<CountRow[]>;
  listPosts(q: ListPostsQuery): Promise<PostRow[]>;
  getPosts(ids: string[]): Promise<PostRow[]>;
  listEvents(q: ListEventsQuery): Promise<EventRow[]>;
  /** The event with `postsInRange` = all its posts; null when no such event. */
  getEvent(id: string): Promise<EventRow | null>;
  /** Warning-level changes of one event, oldest first. */
  eventLevelHistory(eventId: string): Promise<LevelChangeRow[]>;
  /** Alerts created inside the range, or all alerts of one event. */
  listAlerts(q: { range?: TimeRange; eventId?: string }): Promise<AlertRow[]>;
  listCases(q: ListCasesQuery): Promise<CaseRow[]>;
  /** The audit history (instruction, assignment, progress, replies, feedback…) of the given cases, oldest first. */
  caseHistory(caseIds: string[]): Promise<CaseHistoryRow[]>;
  /** Releases published inside the range, or all releases linked to one event. */
  listReleases(q: { range?: TimeRange; eventId?: string }): Promise<ReleaseRow[]>;
  /** Every configured source with its collection health over the range. */
  sourceHealth(range: TimeRange): Promise<SourceHealthRow[]>;
  /**
   * The ledger facts for statistics: every case registered inside the range (merged ones included; the statistics
   * leave them out), the transitions of those cases that happened before `range.end`, oldest first, and the names
   * of the units involved. See LedgerFactsSchema and src/cases/stats.ts.
   */
  ledgerFacts(range: TimeRange): Promise<LedgerFacts>;
}
