/** Kysely table types. Times are UTC epoch ms; JSON columns hold text. */
import type { Generated } from 'kysely';

export interface UnitsTable { id: string; name: string; kind: string; parent_id: string | null; aliases: string; created_at: number }
export interface UsersTable {
  id: string; username: string; display_name: string; password_hash: string; role: string; unit_id: string | null;
  disabled: number; failed_logins: number; locked_until: number | null; created_at: number; updated_at: number;
}
export interface SessionsTable { id: string; user_id: string; csrf: string; created_at: number; expires_at: number; ip: string | null }
export interface ApiTokensTable {
  id: string; name: string; token_hash: string; scopes: string; user_id: string; created_at: number;
  last_used_at: number | null; revoked_at: number | null;
}
export interface AuditLogTable {
  seq: Generated<number>; at: number; actor_type: string; actor_id: string | null; action: string; entity: string;
  entity_id: string | null; before: string | null; after: string | null; prev_hash: string; hash: string;
}
export interface SourcesTable {
  id: string; name: string; kind: string; config: string; enabled: number; interval_s: number; cron: string | null;
  weight: number; retention_days: number | null; cursor: string | null; health: string; demo: number;
  created_at: number; updated_at: number;
}
export interface PostsTable {
  id: string; source_id: string; dedupe_key: string; url: string | null; title: string | null; text: string;
  author: string | null; published_at: number; fetched_at: number; engagement: string | null; content_hash: string;
  is_official: number; demo: number;
}
export interface PostEvidenceTable { id: string; post_id: string; fetched_at: number; sha256: string; content_type: string | null; body: Buffer }
export interface PostAnalysisTable {
  post_id: string; keywords: string; sentiment_label: string; sentiment_score: number; sentiment_evidence: string;
  label_override: string | null; relevant: number | null; simhash: string; duplicate_of: string | null; places: string;
  units: string; plans: string; event_id: string | null; analyzed_at: number;
}
export interface SentimentLabelsTable { post_id: string; label: string; labelled_by: string; labelled_at: number }
export interface PlansTable {
  id: string; name: string; expression: string; places: string; units: string; enabled: number; created_at: number; updated_at: number;
}
export interface EventsTable {
  id: string; title: string; keywords: string; places: string; units: string; first_seen: number; last_seen: number;
  post_count: number; source_count: number; heat: number; level: number | null; level_reasons: string; sentiment: string;
  representative_post_id: string | null; status: string; merged_into: string | null; demo: number; updated_at: number;
}
export interface EventPostsTable { event_id: string; post_id: string; added_at: number }
export interface EventMembershipLogTable {
  id: string; event_id: string; post_id: string | null; op: string; other_event_id: string | null; actor_id: string | null; at: number;
}
export interface EventLevelsTable { id: string; event_id: string; from_level: number | null; to_level: number | null; reasons: string; at: number }
export interface AlertRulesTable { id: string; name: string; config: string; enabled: number; created_at: number }
export interface ChannelsTable { id: string; name: string; kind: string; config: string; secret_enc: string | null; enabled: number; created_at: number }
export interface AlertsTable {
  id: string; rule_id: string | null; dedupe_key: string; level: number; title: string; body: string; event_id: string | null;
  post_id: string | null; status: string; recipients: string; escalation_step: number; next_escalation_at: number | null;
  acknowledged_by: string | null; acknowledged_at: number | null; created_at: number; updated_at: number;
}
export interface AlertDeliveriesTable {
  id: string; alert_id: string; channel_id: string | null; channel_kind: string; recipient: string | null; status: string;
  attempts: number; last_error: string | null; created_at: number; sent_at: number | null;
}
export interface DutyRosterTable { id: string; user_id: string; starts_at: number; ends_at: number; chain_order: number; note: string | null }
export interface CasesTable {
  id: string; number: string; title: string; summary: string; status: string; level: number | null; category: string | null;
  places: string; lead_unit_id: string | null; co_unit_ids: string; post_ids: string; event_id: string | null; alert_id: string | null;
  origin: string; first_response_due: number | null; reply_due: number | null; first_response_at: number | null;
  replied_at: number | null; satisfaction: string | null; merged_into: string | null; state: string; created_by: string;
  created_at: number; updated_at: number; closed_at: number | null; version: number;
}
export interface CaseTransitionsTable {
  id: string; case_id: string; seq: number; from_status: string | null; to_status: string; action: string; actor_id: string;
  actor_role: string; payload: string; at: number;
}
export interface CaseTasksTable {
  id: string; case_id: string; playbook_id: string | null; step: number; title: string; role: string | null; unit_id: string | null;
  due_at: number | null; done_at: number | null; done_by: string | null;
}
export interface PlaybooksTable { id: string; name: string; incident_type: string; level: number; steps: string; enabled: number; created_at: number }
export interface ReleasesTable {
  id: string; title: string; channel: string; url: string | null; published_at: number; case_id: string | null; event_id: string | null;
  unit_id: string | null; created_by: string; created_at: number;
}
export interface ReportsTable {
  id: string; kind: string; number: string | null; period_start: number; period_end: number; format: string; file_name: string;
  body: Buffer; generated_by: string; created_at: number;
}
export interface SettingsTable { key: string; value: string; updated_at: number }
export interface LeasesTable { name: string; holder: string; expires_at: number }
export interface PostsFtsTable { post_id: string; tokens: string }

export interface Database {
  units: UnitsTable; users: UsersTable; sessions: SessionsTable; api_tokens: ApiTokensTable; audit_log: AuditLogTable;
  sources: SourcesTable; posts: PostsTable; post_evidence: PostEvidenceTable; post_analysis: PostAnalysisTable;
  sentiment_labels: SentimentLabelsTable; plans: PlansTable; events: EventsTable; event_posts: EventPostsTable;
  event_membership_log: EventMembershipLogTable; event_levels: EventLevelsTable; alert_rules: AlertRulesTable;
  channels: ChannelsTable; alerts: AlertsTable; alert_deliveries: AlertDeliveriesTable; duty_roster: DutyRosterTable;
  cases: CasesTable; case_transitions: CaseTransitionsTable; case_tasks: CaseTasksTable; playbooks: PlaybooksTable;
  releases: ReleasesTable; reports: ReportsTable; settings: SettingsTable; leases: LeasesTable; posts_fts: PostsFtsTable;
}
