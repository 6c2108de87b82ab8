/**
 * Report data contracts (issue 8). Two layers:
 *  - rows a ReportDataSource returns (`*RowSchema`): what the store knows, validated at the boundary in assemble.ts;
 *  - report data (`DailyReportData`, `PeriodicReportData`, `SpecialReportData`): what a renderer draws, built only
 *    by assemble.ts from those rows, so that every figure in a document comes from a recorded query (`queries`).
 * Times are ISO 8601 instants (UTC, `…Z` or with an offset); the office time zone is only used for display and for
 * cutting periods.
 */
import { z } from 'zod';

export const SentimentSchema = z.enum(['positive', 'neutral', 'negative']);
export type Sentiment = z.infer<typeof SentimentSchema>;
export const SENTIMENTS: readonly Sentiment[] = ['positive', 'neutral', 'negative'];

/** Ⅰ red, Ⅱ orange, Ⅲ yellow, Ⅳ blue. */
export const WarningLevelSchema = z.enum(['I', 'II', 'III', 'IV']);
export type WarningLevel = z.infer<typeof WarningLevelSchema>;

const instant = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();

export const ReportKindSchema = z.enum(['daily', 'weekly', 'monthly', 'special']);
export type ReportKind = z.infer<typeof ReportKindSchema>;

/** A half-open interval [start, end). */
export const PeriodSchema = z.object({
  kind: z.enum(['daily', 'weekly', 'monthly', 'event']),
  start: instant,
  end: instant,
  timeZone: z.string(),
  label: z.string(),
});
export type Period = z.infer<typeof PeriodSchema>;

// ───────────────────────────── rows returned by a ReportDataSource ─────────────────────────────

export const CountRowSchema = z.object({ key: z.string(), label: z.string(), count });
export type CountRow = z.infer<typeof CountRowSchema>;

export const PostRowSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  excerpt: z.string(),
  url: z.string().nullable(),
  sourceName: z.string(),
  /** The author name as published, for context only. */
  author: z.string().nullable(),
  publishedAt: instant,
  sentiment: SentimentSchema,
  places: z.array(z.string()),
  units: z.array(z.string()),
  engagement: count,
  eventId: z.string().nullable(),
});
export type PostRow = z.infer<typeof PostRowSchema>;

export const EventRowSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  level: WarningLevelSchema.nullable(),
  levelReasons: z.array(z.string()),
  heat: z.number().nonnegative(),
  trend: z.enum(['rising', 'peaking', 'fading']).nullable(),
  firstSeenAt: instant,
  lastSeenAt: instant,
  /** All posts of the event, ever. */
  postCount: count,
  /** Posts of the event published inside the queried range. */
  postsInRange: count,
  keywords: z.array(z.string()),
  places: z.array(z.string()),
  units: z.array(z.string()),
  representativePostId: z.string().nullable(),
});
export type EventRow = z.infer<typeof EventRowSchema>;

export const LevelChangeRowSchema = z.object({
  at: instant,
  level: WarningLevelSchema.nullable(),
  reasons: z.array(z.string()),
});
export type LevelChangeRow = z.infer<typeof LevelChangeRowSchema>;

export const AlertRowSchema = z.object({
  id: z.string().min(1),
  createdAt: instant,
  level: WarningLevelSchema.nullable(),
  ruleName: z.string(),
  title: z.string(),
  eventId: z.string().nullable(),
  status: z.enum(['sent', 'delivered', 'acknowledged', 'escalated', 'failed']),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: instant.nullable(),
  escalated: z.boolean(),
});
export type AlertRow = z.infer<typeof AlertRowSchema>;

export const CaseStatusSchema = z.enum([
  'registered',
  'assessed',
  'instructed',
  'assigned',
  'in_progress',
  'replied',
  'feedback',
  'closed',
  'returned',
  'merged',
]);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const CaseRowSchema = z.object({
  id: z.string().min(1),
  number: z.string(),
  summary: z.string(),
  category: z.string().nullable(),
  level: WarningLevelSchema.nullable(),
  status: CaseStatusSchema,
  leadUnit: z.string().nullable(),
  coUnits: z.array(z.string()),
  places: z.array(z.string()),
  registeredAt: instant,
  /** Final-reply deadline. */
  deadline: instant.nullable(),
  firstResponseAt: instant.nullable(),
  repliedAt: instant.nullable(),
  closedAt: instant.nullable(),
  satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).nullable(),
  eventId: z.string().nullable(),
});
export type CaseRow = z.infer<typeof CaseRowSchema>;

export const CaseActionSchema = z.enum([
  'registered',
  'assessed',
  'instructed',
  'assigned',
  'progress',
  'replied',
  'feedback',
  'closed',
  'returned',
  'reopened',
  'merged',
  'playbook',
]);
export const CaseHistoryRowSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  at: instant,
  action: CaseActionSchema,
  /** Official role or name as recorded in the audit log. */
  actor: z.string(),
  unit: z.string().nullable(),
  note: z.string(),
});
export type CaseHistoryRow = z.infer<typeof CaseHistoryRowSchema>;

export const ReleaseRowSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  channel: z.string(),
  url: z.string().nullable(),
  publishedAt: instant,
  caseId: z.string().nullable(),
  eventId: z.string().nullable(),
});
export type ReleaseRow = z.infer<typeof ReleaseRowSchema>;

export const SourceHealthRowSchema = z.object({
  sourceId: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(['ok', 'degraded', 'down', 'disabled']),
  itemsInRange: count,
  pollsInRange: count,
  failedPollsInRange: count,
  /** Detected collection gaps inside the range (a dead source is not read as calm). */
  gapsInRange: count,
  lastSuccessAt: instant.nullable(),
  lastError: z.string().nullable(),
});
export type SourceHealthRow = z.infer<typeof SourceHealthRowSchema>;

/**
 * The ledger's raw facts, as the ledger page's statistics read them (src/cases/stats.ts `computeCaseStats`): cases
 * registered inside a range with their unit ids and deadlines, their transitions (action + payload) before the
 * range's end, and unit names by id. Reports compute per-unit statistics from these, so report and ledger agree.
 */
export const LedgerFactsSchema = z.object({
  cases: z.array(
    z.object({
      id: z.string().min(1),
      number: z.string(),
      createdAt: instant,
      leadUnitId: z.string().nullable(),
      coUnitIds: z.array(z.string()),
      mergedIntoId: z.string().nullable(),
      firstResponseDueAt: instant.nullable(),
      replyDueAt: instant.nullable(),
      firstResponseAt: instant.nullable(),
      repliedAt: instant.nullable(),
      closedAt: instant.nullable(),
    }),
  ),
  transitions: z.array(z.object({ caseId: z.string(), action: z.string(), at: instant, payload: z.unknown() })),
  unitNames: z.record(z.string(), z.string()),
});
export type LedgerFacts = z.infer<typeof LedgerFactsSchema>;

// ───────────────────────────── report data (what renderers draw) ─────────────────────────────

/** One recorded data-source call; figures point at it by id ("Q3") so a reader can re-run it. */
export const QueryNoteSchema = z.object({ id: z.string(), call: z.string(), rows: count });
export type QueryNote = z.infer<typeof QueryNoteSchema>;

export const ReportMetaSchema = z.object({
  kind: ReportKindSchema,
  officeName: z.string(),
  title: z.string(),
  /** e.g. 舆情日报〔2026〕第123期 */
  reportNumber: z.string(),
  serial: z.number().int().positive(),
  /** Issue date in the office time zone, YYYY-MM-DD. */
  issuedDate: z.string(),
  period: PeriodSchema,
  previousPeriod: PeriodSchema.nullable(),
  generatedBy: z.string(),
  generatedAt: instant,
  timeZone: z.string(),
  baseUrl: z.string(),
});
export type ReportMeta = z.infer<typeof ReportMetaSchema>;

const Ref = { q: z.array(z.string()) };

export const ComparedCountSchema = z.object({ key: z.string(), label: z.string(), current: count, previous: count });
export type ComparedCount = z.infer<typeof ComparedCountSchema>;

export const TotalsSchema = z.object({
  total: count,
  previousTotal: count,
  bySource: z.array(ComparedCountSchema),
  bySentiment: z.array(ComparedCountSchema),
  ...Ref,
});
export type Totals = z.infer<typeof TotalsSchema>;

export const LinkedPostSchema = PostRowSchema.extend({ link: z.string() });
export type LinkedPost = z.infer<typeof LinkedPostSchema>;

export const ReportEventSchema = EventRowSchema.extend({
  link: z.string(),
  isNew: z.boolean(),
  postsInPreviousRange: count,
  representativePosts: z.array(LinkedPostSchema),
});
export type ReportEvent = z.infer<typeof ReportEventSchema>;

export const AlertsSectionSchema = z.object({
  total: count,
  acknowledged: count,
  escalated: count,
  unacknowledged: count,
  /** Mean minutes from creation to acknowledgement, over acknowledged alerts; null when none. */
  meanMinutesToAck: z.number().nullable(),
  items: z.array(AlertRowSchema.extend({ link: z.string().nullable() })),
  ...Ref,
});
export type AlertsSection = z.infer<typeof AlertsSectionSchema>;

export const LedgerSectionSchema = z.object({
  opened: z.array(CaseRowSchema),
  replied: z.array(CaseRowSchema),
  overdue: z.array(CaseRowSchema),
  dueSoon: z.array(CaseRowSchema),
  ...Ref,
});
export type LedgerSection = z.infer<typeof LedgerSectionSchema>;

export const WatchPointSchema = z.object({ text: z.string(), link: z.string().nullable() });
export type WatchPoint = z.infer<typeof WatchPointSchema>;

export const UnitStatsSchema = z.object({
  unit: z.string(),
  cases: count,
  handled: count,
  handledRate: z.number().nullable(),
  onTime: count,
  onTimeRate: z.number().nullable(),
  meanReplyHours: z.number().nullable(),
  feedbacks: count,
  satisfied: count,
  satisfactionRate: z.number().nullable(),
});
export type UnitStats = z.infer<typeof UnitStatsSchema>;

export const ReleasesByChannelSchema = z.object({
  months: z.array(z.string()),
  rows: z.array(z.object({ channel: z.string(), counts: z.array(count), total: count })),
  total: count,
  ...Ref,
});
export type ReleasesByChannel = z.infer<typeof ReleasesByChannelSchema>;

export const SeriesPointSchema = z.object({
  label: z.string(),
  start: instant,
  positive: count,
  neutral: count,
  negative: count,
});
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const TrendSchema = z.object({ points: z.array(SeriesPointSchema), ...Ref });
export type Trend = z.infer<typeof TrendSchema>;

export const DailyReportDataSchema = z.object({
  meta: ReportMetaSchema,
  totals: TotalsSchema,
  events: z.object({ items: z.array(ReportEventSchema), ...Ref }),
  negativeItems: z.object({ items: z.array(LinkedPostSchema), total: count, ...Ref }),
  alerts: AlertsSectionSchema,
  ledger: LedgerSectionSchema,
  watchPoints: z.array(WatchPointSchema),
  queries: z.array(QueryNoteSchema),
});
export type DailyReportData = z.infer<typeof DailyReportDataSchema>;

export const PeriodicReportDataSchema = z.object({
  meta: ReportMetaSchema,
  totals: TotalsSchema,
  trend: TrendSchema,
  topEvents: z.object({ items: z.array(ReportEventSchema), ...Ref }),
  ledger: LedgerSectionSchema,
  unitStats: z.object({ rows: z.array(UnitStatsSchema), overall: UnitStatsSchema, ...Ref }),
  releases: ReleasesByChannelSchema,
  sourceHealth: z.object({ rows: z.array(SourceHealthRowSchema), ...Ref }),
  watchPoints: z.array(WatchPointSchema),
  queries: z.array(QueryNoteSchema),
});
export type PeriodicReportData = z.infer<typeof PeriodicReportDataSchema>;

export const TimelineEntrySchema = z.object({
  at: instant,
  kind: z.enum(['first_post', 'level_change', 'alert', 'case', 'release', 'key_post']),
  text: z.string(),
  link: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const SpecialReportDataSchema = z.object({
  meta: ReportMetaSchema,
  event: ReportEventSchema,
  timeline: z.object({ entries: z.array(TimelineEntrySchema), ...Ref }),
  spread: z.object({ bySource: z.array(CountRowSchema), places: z.array(z.string()), total: count, ...Ref }),
  sentimentEvolution: TrendSchema,
  keyPosts: z.object({ items: z.array(LinkedPostSchema), ...Ref }),
  caseHistory: z.object({ cases: z.array(CaseRowSchema), entries: z.array(CaseHistoryRowSchema), ...Ref }),
  releases: z.object({ items: z.array(ReleaseRowSchema), ...Ref }),
  stateNow: z.object({ text: z.string(), ...Ref }),
  queries: z.array(QueryNoteSchema),
});
export type SpecialReportData = z.infer<typeof SpecialReportDataSchema>;

export type AnyReportData = DailyReportData | PeriodicReportData | SpecialReportData;

export class ReportError extends Error {
  constructor(
    readonly code: 'TF_ERR_REPORT_DATA' | 'TF_ERR_REPORT_ARGS' | 'TF_ERR_REPORT_NOT_FOUND' | 'TF_ERR_REPORT_TEMPLATE',
    message: string,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
