// Response and request types of the API, inferred from the server's zod contracts (type-only: nothing from src/
// is bundled into the web app).
import type { z } from 'zod';
import type { Overview as OverviewSchema } from '../../../src/contracts/stats.ts';
import type { Permission as PermissionType } from '../../../src/contracts/permissions.ts';
import type {
  Post as PostSchema,
  PostList as PostListSchema,
  SentimentLabel as SentimentSchema,
} from '../../../src/contracts/posts.ts';
import type {
  EventSummary as EventSummarySchema,
  EventDetail as EventDetailSchema,
} from '../../../src/contracts/events.ts';
import type {
  Case as CaseSchema,
  CaseDetail as CaseDetailSchema,
  CaseTransition as CaseTransitionSchema,
  CaseStatus as CaseStatusSchema,
} from '../../../src/contracts/cases.ts';
import type {
  Alert as AlertSchema,
  AlertDetail as AlertDetailSchema,
  AlertList as AlertListSchema,
  AlertRule as AlertRuleSchema,
  Channel as ChannelSchema,
  Delivery as DeliverySchema,
  HeightenedMode as HeightenedSchema,
  Notification as NotificationSchema,
  RosterView as RosterViewSchema,
  ChannelTestResult as ChannelTestResultSchema,
  SetHeightenedBody as SetHeightenedSchema,
  Shift as ShiftSchema,
} from '../../../src/contracts/alerts.ts';
import type {
  ConnectorKind as ConnectorKindSchema,
  RunResponse as RunResponseSchema,
  Source as SourceSchema,
  TestFetchResponse as TestFetchResponseSchema,
} from '../../../src/contracts/sources.ts';
import type {
  Plan as PlanSchema,
  PlanCheck as PlanCheckSchema,
  PlanTestResponse as PlanTestResponseSchema,
} from '../../../src/contracts/plans.ts';
import type { Unit as UnitSchema, UpdateUnitBody as UpdateUnitSchema } from '../../../src/contracts/units.ts';
import type {
  Playbook as PlaybookSchema,
  PlaybookBody as PlaybookBodySchema,
  PlaybookStep as PlaybookStepSchema,
} from '../../../src/contracts/ledger-extras.ts';
import type { UserWord as UserWordSchema } from '../../../src/contracts/dictionary.ts';
import type { User as UserSchema, Role as RoleSchema } from '../../../src/contracts/auth.ts';
import type {
  ReportMeta as ReportMetaSchema,
  GenerateReportBody as GenerateReportSchema,
} from '../../../src/contracts/reports.ts';

export type Overview = z.infer<typeof OverviewSchema>;
export type Permission = PermissionType;
export type Sentiment = z.infer<typeof SentimentSchema>;
export type Post = z.infer<typeof PostSchema>;
export type PostList = z.infer<typeof PostListSchema>;
export type EventSummary = z.infer<typeof EventSummarySchema>;
export type EventDetail = z.infer<typeof EventDetailSchema>;
export interface EventList {
  events: EventSummary[];
  total: number;
  page: number;
  pageSize: number;
}
export type Case = z.infer<typeof CaseSchema>;
export type CaseDetail = z.infer<typeof CaseDetailSchema>;
export type CaseTransition = z.infer<typeof CaseTransitionSchema>;
export type CaseStatus = z.infer<typeof CaseStatusSchema>;
export interface CaseList {
  cases: Case[];
  total: number;
  page: number;
  pageSize: number;
}
export type Alert = z.infer<typeof AlertSchema>;
export type AlertDetail = z.infer<typeof AlertDetailSchema>;
export type AlertList = z.infer<typeof AlertListSchema>;
export type Delivery = z.infer<typeof DeliverySchema>;
export type HeightenedMode = z.infer<typeof HeightenedSchema>;
export type SetHeightenedBody = z.input<typeof SetHeightenedSchema>;
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export type Channel = z.infer<typeof ChannelSchema>;
export type Shift = z.infer<typeof ShiftSchema>;
export type Notification = z.infer<typeof NotificationSchema>;
export type RosterView = z.infer<typeof RosterViewSchema>;
export type ChannelTestResult = z.infer<typeof ChannelTestResultSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type ConnectorKind = z.infer<typeof ConnectorKindSchema>;
export type TestFetchResponse = z.infer<typeof TestFetchResponseSchema>;
export type RunResponse = z.infer<typeof RunResponseSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanCheck = z.infer<typeof PlanCheckSchema>;
export type PlanTestResponse = z.infer<typeof PlanTestResponseSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type User = z.infer<typeof UserSchema>;
export type Role = z.infer<typeof RoleSchema>;

export type ReportMeta = z.infer<typeof ReportMetaSchema>;
export type GenerateReportBody = z.input<typeof GenerateReportSchema>;

export type Playbook = z.infer<typeof PlaybookSchema>;
export type PlaybookStep = z.infer<typeof PlaybookStepSchema>;
export type PlaybookBody = z.input<typeof PlaybookBodySchema>;
export type UserWord = z.infer<typeof UserWordSchema>;
export type UpdateUnitBody = z.input<typeof UpdateUnitSchema>;
