/**
 * The ledger half of the store's ReportDataSource: alerts, cases, case history, releases, source health and the
 * ledger facts for statistics. Semantics are those of src/reports/memory-data-source.ts:
 *  - a case's `deadline` is its reply deadline; `summary` is its title (the one-line description);
 *  - overdueAt: the reply deadline passed before the instant, no reply by then, and not closed/merged by then;
 *  - case history comes from case_transitions (the append-only record the state machine writes), with the texts
 *    of the action (instruction, assignment, reply channel/text/url, feedback…);
 *  - source health is the source's health record now (sources.health); items are counted over the range.
 */
import { CASE_STATUSES as CASE_STATUS_LIST } from '../cases/case-model.ts';
import type { Store } from './store.ts';
import type { ReportDataSource, ListCasesQuery, TimeRange } from '../reports/data-source.ts';
import type { AlertRow, CaseHistoryRow, CaseRow, LedgerFacts, SourceHealthRow } from '../reports/types.ts';
import type { CasesTable } from './schema.ts';
import { parseJson } from './repos/executor.ts';
import { actorLabel, channelZh, chunks, iso, isoOrNull, levelOf, ms, stringArray } from './report-data-map.ts';
import { historyEntry } from './report-data-history.ts';

type LedgerPart = Pick<
  ReportDataSource,
  'listAlerts' | 'listCases' | 'caseHistory' | 'listReleases' | 'sourceHealth' | 'ledgerFacts'
>;

const ALERT_STATUSES = new Set(['sent', 'delivered', 'acknowledged', 'escalated', 'failed']);
const SATISFACTION = new Set(['satisfied', 'basically_satisfied', 'unsatisfied']);
const CASE_STATUSES = new Set<string>(CASE_STATUS_LIST);

export function ledgerDataSource(store: Store): LedgerPart {
  const { db } = store.exec;

  async function unitNames(): Promise<Map<string, string>> {
    return new Map((await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.id, u.name]));
  }

  function toCase(r: CasesTable, units: Map<string, string>): CaseRow {
    const name = (id: string) => units.get(id) ?? id;
    return {
      id: r.id,
      number: r.number,
      summary: r.title || r.summary,
      category: r.category,
      level: levelOf(r.level),
      status: (CASE_STATUSES.has(r.status) ? r.status : 'registered') as CaseRow['status'],
      leadUnit: r.lead_unit_id ? name(r.lead_unit_id) : null,
      coUnits: stringArray(r.co_unit_ids).map(name),
      places: stringArray(r.places),
      registeredAt: iso(Number(r.created_at)),
      deadline: isoOrNull(r.reply_due),
      firstResponseAt: isoOrNull(r.first_response_at),
      repliedAt: isoOrNull(r.replied_at),
      closedAt: isoOrNull(r.closed_at),
      satisfaction:
        r.satisfaction && SATISFACTION.has(r.satisfaction) ? (r.satisfaction as CaseRow['satisfaction']) : null,
      eventId: r.event_id,
    };
  }

  return {
    async listAlerts(q: { range?: TimeRange; eventId?: string }): Promise<AlertRow[]> {
      let sel = db
        .selectFrom('alerts')
        .leftJoin('alert_rules as r', 'r.id', 'alerts.rule_id')
        .leftJoin('users as u', 'u.id', 'alerts.acknowledged_by')
        .selectAll('alerts')
        .select(['r.name as rule_name', 'u.display_name as ack_name']);
      if (q.range)
        sel = sel.where('alerts.created_at', '>=', ms(q.range.start)).where('alerts.created_at', '<', ms(q.range.end));
      if (q.eventId !== undefined) sel = sel.where('alerts.event_id', '=', q.eventId);
      const rows = await sel.orderBy('alerts.created_at').orderBy('alerts.id').execute();
      return rows.map((a) => {
        const acknowledged = a.acknowledged_at != null;
        const status = acknowledged ? 'acknowledged' : ALERT_STATUSES.has(a.status) ? a.status : 'sent';
        return {
          id: a.id,
          createdAt: iso(Number(a.created_at)),
          level: levelOf(a.level),
          ruleName: a.rule_name ?? '',
          title: a.title,
          eventId: a.event_id,
          status: status as AlertRow['status'],
          acknowledgedBy: acknowledged ? (a.ack_name ?? a.acknowledged_by) : null,
          acknowledgedAt: isoOrNull(a.acknowledged_at),
          escalated: a.status === 'escalated' || Number(a.escalation_step) > 0,
        };
      });
    },

    async listCases(q: ListCasesQuery): Promise<CaseRow[]> {
      let sel = db.selectFrom('cases').selectAll();
      if (q.registeredIn)
        sel = sel.where('created_at', '>=', ms(q.registeredIn.start)).where('created_at', '<', ms(q.registeredIn.end));
      if (q.repliedIn)
        sel = sel.where('replied_at', '>=', ms(q.repliedIn.start)).where('replied_at', '<', ms(q.repliedIn.end));
      if (q.eventId !== undefined) sel = sel.where('event_id', '=', q.eventId);
      if (q.overdueAt !== undefined) {
        const at = ms(q.overdueAt);
        sel = sel
          .where('reply_due', 'is not', null)
          .where('reply_due', '<', at)
          .where((eb) => eb.or([eb('replied_at', 'is', null), eb('replied_at', '>', at)]))
          .where((eb) =>
            eb.not(
              eb.and([
                eb('status', 'in', ['closed', 'merged']),
                eb('closed_at', 'is not', null),
                eb('closed_at', '<=', at),
              ]),
            ),
          );
      }
      if (q.dueIn)
        sel = sel
          .where('reply_due', '>=', ms(q.dueIn.start))
          .where('reply_due', '<', ms(q.dueIn.end))
          .where('replied_at', 'is', null);
      const [rows, units] = await Promise.all([sel.orderBy('created_at').orderBy('id').execute(), unitNames()]);
      return rows.map((r) => toCase(r, units));
    },

    async caseHistory(caseIds: string[]): Promise<CaseHistoryRow[]> {
      const units = await unitNames();
      const out: Array<CaseHistoryRow & { seq: number }> = [];
      for (const part of chunks([...new Set(caseIds)])) {
        if (!part.length) continue;
        const rows = await db
          .selectFrom('case_transitions as t')
          .innerJoin('cases', 'cases.id', 't.case_id')
          .leftJoin('users as u', 'u.id', 't.actor_id')
          .select([
            't.case_id',
            't.seq',
            't.action',
            't.actor_role',
            't.payload',
            't.at',
            'cases.number',
            'u.display_name',
          ])
          .where('t.case_id', 'in', part)
          .execute();
        for (const r of rows) {
          const e = historyEntry(r.action, parseJson<unknown>(r.payload, {}), units);
          if (!e) continue;
          out.push({
            caseId: r.case_id,
            caseNumber: r.number,
            at: iso(Number(r.at)),
            action: e.action,
            actor: actorLabel(r.display_name, r.actor_role),
            unit: e.unit,
            note: e.note,
            seq: r.seq,
          });
        }
      }
      out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.caseId.localeCompare(b.caseId) || a.seq - b.seq);
      return out.map(({ seq: _s, ...h }) => h);
    },

    async listReleases(q: { range?: TimeRange; eventId?: string }) {
      let sel = db.selectFrom('releases').selectAll();
      if (q.range) sel = sel.where('published_at', '>=', ms(q.range.start)).where('published_at', '<', ms(q.range.end));
      if (q.eventId !== undefined) sel = sel.where('event_id', '=', q.eventId);
      const rows = await sel.orderBy('published_at').orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        channel: channelZh(r.channel),
        url: r.url,
        publishedAt: iso(Number(r.published_at)),
        caseId: r.case_id,
        eventId: r.event_id,
      }));
    },

    async sourceHealth(range: TimeRange): Promise<SourceHealthRow[]> {
      const [sources, counts] = await Promise.all([
        db.selectFrom('sources').selectAll().orderBy('name').execute(),
        db
          .selectFrom('posts')
          .leftJoin('post_analysis as a', 'a.post_id', 'posts.id')
          .where('a.duplicate_of', 'is', null)
          .where('posts.published_at', '>=', ms(range.start))
          .where('posts.published_at', '<', ms(range.end))
          .select(['posts.source_id', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('posts.source_id')
          .execute(),
      ]);
      const items = new Map(counts.map((c) => [c.source_id, Number(c.n)]));
      return sources.map((s) => healthRow(s, items.get(s.id) ?? 0, range));
    },

    async ledgerFacts(range: TimeRange): Promise<LedgerFacts> {
      const end = ms(range.end);
      const [cases, units] = await Promise.all([
        db
          .selectFrom('cases')
          .selectAll()
          .where('created_at', '>=', ms(range.start))
          .where('created_at', '<', end)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        unitNames(),
      ]);
      const transitions: LedgerFacts['transitions'] = [];
      for (const part of chunks(cases.map((c) => c.id))) {
        if (!part.length) continue;
        const rows = await db
          .selectFrom('case_transitions')
          .select(['case_id', 'action', 'at', 'payload', 'seq'])
          .where('case_id', 'in', part)
          .where('at', '<', end)
          .orderBy('at')
          .orderBy('case_id')
          .orderBy('seq')
          .execute();
        for (const t of rows)
          transitions.push({
            caseId: t.case_id,
            action: t.action,
            at: iso(Number(t.at)),
            payload: parseJson<unknown>(t.payload, {}),
          });
      }
      transitions.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
      return {
        cases: cases.map((c) => ({
          id: c.id,
          number: c.number,
          createdAt: iso(Number(c.created_at)),
          leadUnitId: c.lead_unit_id,
          coUnitIds: stringArray(c.co_unit_ids),
          mergedIntoId: c.merged_into,
          firstResponseDueAt: isoOrNull(c.first_response_due),
          replyDueAt: isoOrNull(c.reply_due),
          firstResponseAt: isoOrNull(c.first_response_at),
          repliedAt: isoOrNull(c.replied_at),
          closedAt: isoOrNull(c.closed_at),
        })),
        transitions,
        unitNames: Object.fromEntries(units),
      };
    },
  };
}

interface HealthJson {
  runs?: number;
  last_run_at?: string | null;
  last_success_at?: string | null;
  last_error_at?: string | null;
  last_error?: { message?: string } | null;
  consecutive_failures?: number;
  volume_flag?: string;
  /** Optional per-run log ({ at, ok }) and detected gaps ({ start, end }), when the collector keeps them. */
  run_log?: Array<{ at?: string; ok?: boolean }>;
  gaps?: Array<{ start?: string; end?: string }>;
}

function inRange(at: string | null | undefined, r: TimeRange): boolean {
  if (!at) return false;
  const t = Date.parse(at);
  return t >= ms(r.start) && t < ms(r.end);
}

/**
 * Status: disabled when switched off; down after 3 failures in a row; degraded when never run, when the last run
 * failed, or when its volume dropped or went silent; ok otherwise. Polls and failures in the range come from the
 * health record's run log when it has one; otherwise only the last run and the last error are known (a lower bound).
 */
function healthRow(
  s: { id: string; name: string; kind: string; enabled: number; health: string },
  itemsInRange: number,
  range: TimeRange,
): SourceHealthRow {
  const h = parseJson<HealthJson>(s.health, {});
  const lastErrAfterSuccess =
    h.last_error_at != null &&
    (h.last_success_at == null || Date.parse(h.last_error_at) > Date.parse(h.last_success_at));
  const status: SourceHealthRow['status'] =
    s.enabled === 0
      ? 'disabled'
      : (h.consecutive_failures ?? 0) >= 3
        ? 'down'
        : !h.runs || lastErrAfterSuccess || h.volume_flag === 'silent' || h.volume_flag === 'drop'
          ? 'degraded'
          : 'ok';
  const log = Array.isArray(h.run_log) ? h.run_log.filter((x) => inRange(x.at, range)) : null;
  const polls = log ? log.length : inRange(h.last_run_at, range) ? 1 : 0;
  const failed = log ? log.filter((x) => x.ok === false).length : inRange(h.last_error_at, range) ? 1 : 0;
  const gaps = Array.isArray(h.gaps)
    ? h.gaps.filter(
        (g) => g.start && g.end && Date.parse(g.start) < ms(range.end) && Date.parse(g.end) > ms(range.start),
      ).length
    : 0;
  const lastSuccess =
    h.last_success_at && !Number.isNaN(Date.parse(h.last_success_at))
      ? new Date(h.last_success_at).toISOString()
      : null;
  return {
    sourceId: s.id,
    name: s.name,
    kind: s.kind,
    status,
    itemsInRange,
    pollsInRange: Math.max(polls, failed),
    failedPollsInRange: failed,
    gapsInRange: gaps,
    lastSuccessAt: lastSuccess,
    lastError: lastErrAfterSuccess ? (h.last_error?.message ?? null) : null,
  };
}
