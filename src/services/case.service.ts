/** The ledger (台账): registering cases and moving them through the pure state machine in src/cases. */
import type { Store } from '../store/store.ts';
import type { CasesTable, CaseTransitionsTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import type { Case } from '../contracts/cases.ts';
import { allowedActions, decide, registerCase, type DecideOptions, type CaseTransition } from '../cases/state-machine.ts';
import type { CaseState, Actor as CaseActor } from '../cases/case-model.ts';
import { CaseStateSchema } from '../cases/case-model.ts';
import { computeDeadlines, deadlineMarks, DeadlinePolicySchema, defaultDeadlinePolicy, type DeadlinePolicy } from '../cases/deadlines.ts';
import { createWorkCalendar, CalendarOverridesSchema, type WorkCalendar } from '../cases/calendar.ts';
import { caseYear, CaseNumberingSchema, formatCaseNumber } from '../cases/numbering.ts';
import { computeCaseStats } from '../cases/stats.ts';
import { auditActor, type Actor } from './actor.ts';

const ms = (s: string | null) => (s ? Date.parse(s) : null);
const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString());

export function caseActor(a: Actor): CaseActor {
  return { userId: a.userId ?? 'system', role: a.role, ...(a.unitId ? { unitId: a.unitId } : {}) };
}

function stateOf(row: CasesTable): CaseState {
  return CaseStateSchema.parse(JSON.parse(row.state));
}

/** The row columns mirrored from the state (for queries and statistics). */
function columnsFrom(s: CaseState): Partial<CasesTable> {
  return {
    status: s.status, level: s.level, category: s.category, lead_unit_id: s.leadUnitId, co_unit_ids: JSON.stringify(s.coUnitIds),
    first_response_due: ms(s.firstResponseDueAt), reply_due: ms(s.replyDueAt), first_response_at: ms(s.firstResponseAt),
    replied_at: ms(s.repliedAt), satisfaction: s.satisfaction, merged_into: s.mergedIntoId, closed_at: ms(s.closedAt),
    updated_at: Date.parse(s.updatedAt), state: JSON.stringify(s),
  };
}

export function toCase(row: CasesTable, now: Date): Case {
  const s = stateOf(row);
  const marks = deadlineMarks({ caseId: row.id, firstResponseDueAt: s.firstResponseDueAt, firstResponseAt: s.firstResponseAt, replyDueAt: s.replyDueAt, repliedAt: s.repliedAt }, now);
  return {
    id: row.id, number: row.number, title: row.title, summary: row.summary, status: s.status, level: s.level, category: s.category,
    places: parseJson(row.places, []), leadUnitId: s.leadUnitId, coUnitIds: s.coUnitIds, postIds: parseJson(row.post_ids, []),
    eventId: row.event_id, alertId: row.alert_id, origin: row.origin, firstResponseDueAt: s.firstResponseDueAt, replyDueAt: s.replyDueAt,
    firstResponseAt: s.firstResponseAt, repliedAt: s.repliedAt, satisfaction: s.satisfaction, mergedInto: s.mergedIntoId,
    createdBy: row.created_by, createdAt: iso(row.created_at)!, updatedAt: s.updatedAt, closedAt: s.closedAt,
    overdue: marks.overdue, marks: { firstResponse: marks.firstResponse, reply: marks.reply, overdueMinutes: marks.overdueMinutes },
  };
}

const toTransition = (t: CaseTransitionsTable, names: Map<string, string>) => ({
  seq: t.seq, from: t.from_status, to: t.to_status, action: t.action, actorId: t.actor_id, actorName: names.get(t.actor_id) ?? null, actorRole: t.actor_role, at: iso(t.at)!,
  payload: parseJson<unknown>(t.payload, {}),
});

export interface CaseServiceOptions {
  timezone: string;
}

export function createCaseService(store: Store, opts: CaseServiceOptions) {
  let cached: { key: string; calendar: WorkCalendar; policy: DeadlinePolicy } | null = null;

  async function decideOptions(): Promise<DecideOptions> {
    const [overrides, policyRaw] = await Promise.all([store.repos.settings.get<unknown>('calendar.overrides'), store.repos.settings.get<unknown>('deadlines.policy')]);
    const key = JSON.stringify([overrides, policyRaw]);
    if (!cached || cached.key !== key) {
      cached = {
        key,
        calendar: createWorkCalendar({ overrides: CalendarOverridesSchema.parse(overrides ?? []) }),
        policy: policyRaw ? DeadlinePolicySchema.parse(policyRaw) : defaultDeadlinePolicy(),
      };
    }
    const { calendar, policy } = cached;
    return { deadlinesFor: (subject) => computeDeadlines(subject, policy, calendar, opts.timezone) };
  }

  async function load(actor: Actor, id: string): Promise<CasesTable> {
    const row = await store.repos.cases.byId(id);
    if (!row) throw new AppError('TF_ERR_NOT_FOUND', `case ${id} not found`);
    if (actor.role === 'unit_liaison') {
      const s = stateOf(row);
      if (!actor.unitId || (s.leadUnitId !== actor.unitId && !s.coUnitIds.includes(actor.unitId))) {
        throw new AppError('TF_ERR_FORBIDDEN', 'this case is not assigned to your unit');
      }
    }
    return row;
  }

  async function append(r: Parameters<Parameters<Store['tx']>[0]>[0], caseId: string, seq: number, t: CaseTransition, actor: Actor) {
    await r.cases.appendTransition({
      id: newId('ctr', Date.parse(t.at)), case_id: caseId, seq, from_status: t.from, to_status: t.to, action: t.action, actor_id: t.actor.userId,
      actor_role: t.actor.role, payload: JSON.stringify(t.payload), at: Date.parse(t.at),
    });
    void actor;
  }

  return {
    async create(actor: Actor, input: { title: string; summary: string; postIds: string[]; eventId?: string; alertId?: string; places: string[]; origin: string }, now: Date) {
      const numbering = CaseNumberingSchema.parse((await store.repos.settings.get('cases.numbering')) ?? undefined);
      const year = caseYear(now, opts.timezone);
      const id = newId('case', now.getTime());
      const options = await decideOptions();
      return store.tx(async (r) => {
        const seq = await r.cases.nextCounter(`case:${year}`, now.getTime());
        const number = formatCaseNumber(numbering, year, seq);
        const res = registerCase({ id, number }, caseActor(actor), now, options);
        if (!res.ok) throw new AppError(res.code, res.message);
        const row: CasesTable = {
          id, number, title: input.title, summary: input.summary, places: JSON.stringify(input.places), post_ids: JSON.stringify(input.postIds),
          event_id: input.eventId ?? null, alert_id: input.alertId ?? null, origin: input.origin, created_by: actor.userId ?? 'system',
          created_at: now.getTime(), version: 1, status: 'registered', level: null, category: null, lead_unit_id: null, co_unit_ids: '[]',
          first_response_due: null, reply_due: null, first_response_at: null, replied_at: null, satisfaction: null, merged_into: null,
          closed_at: null, updated_at: now.getTime(), state: '{}',
          ...columnsFrom(res.next),
        };
        await r.cases.insert(row);
        await append(r, id, 1, res.transition, actor);
        await r.audit.append({ at: now.getTime(), ...auditActor(actor), action: 'case.register', entity: 'case', entityId: id, after: { number, title: input.title, origin: input.origin } });
        return toCase(row, now);
      });
    },

    async get(actor: Actor, id: string, now: Date) {
      const row = await load(actor, id);
      const [transitions, tasks, options, users] = await Promise.all([store.repos.cases.transitions(id), store.repos.cases.tasks(id), decideOptions(), store.repos.users.list()]);
      const names = new Map(users.map((u) => [u.id, u.display_name]));
      return {
        ...toCase(row, now),
        transitions: transitions.map((t) => toTransition(t, names)),
        tasks: tasks.map((t) => ({ id: t.id, step: t.step, title: t.title, role: t.role, unitId: t.unit_id, dueAt: iso(t.due_at), doneAt: iso(t.done_at), doneBy: t.done_by })),
        allowedActions: allowedActions(stateOf(row), caseActor(actor), options),
      };
    },

    async list(actor: Actor, q: { status?: string[]; q?: string; unitId?: string; overdue?: 'true' | 'false'; page: number; pageSize: number }, now: Date) {
      const unitId = actor.role === 'unit_liaison' ? (actor.unitId ?? '__none__') : q.unitId;
      const { rows, total } = await store.repos.cases.list({ unitId, status: q.status, q: q.q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      let cases = rows.map((r) => toCase(r, now));
      if (q.overdue) cases = cases.filter((c) => c.overdue === (q.overdue === 'true'));
      return { cases, total, page: q.page, pageSize: q.pageSize };
    },

    async act(actor: Actor, id: string, action: { type: string } & Record<string, unknown>, now: Date) {
      const row = await load(actor, id);
      const options = await decideOptions();
      const state = stateOf(row);
      if (action.type === 'merge') {
        const target = typeof action.targetCaseId === 'string' ? await store.repos.cases.byId(action.targetCaseId) : undefined;
        if (!target) throw new AppError('TF_ERR_VALIDATION', 'targetCaseId: no such case', { path: ['targetCaseId'] });
      }
      const res = decide(state, action as never, caseActor(actor), now, options);
      if (!res.ok) throw new AppError(res.code, res.message);
      await store.tx(async (r) => {
        const transitions = await r.cases.transitions(id);
        const ok = await r.cases.update(id, row.version, columnsFrom(res.next));
        if (!ok) throw new AppError('TF_ERR_CONFLICT', 'the case changed meanwhile; reload and try again');
        await append(r, id, transitions.length + 1, res.transition, actor);
        if (action.type === 'reply' && res.transition.payload.type === 'reply') {
          const p = res.transition.payload;
          await r.releases.insert({
            id: newId('rel', now.getTime()), title: `${row.number} ${row.title}`.slice(0, 300), channel: p.channel, url: p.url ?? null,
            published_at: Date.parse(p.publishedAt), case_id: id, event_id: row.event_id, unit_id: p.replierUnitId, created_by: actor.userId ?? 'system', created_at: now.getTime(),
          });
        }
        await r.audit.append({
          at: now.getTime(), ...auditActor(actor), action: `case.${action.type}`, entity: 'case', entityId: id,
          before: { status: state.status }, after: { status: res.next.status, payload: res.transition.payload },
        });
      });
      return this.get(actor, id, now);
    },

    async stats(q: { from: string; to: string; unitId?: string }, itemsCollected: number | undefined, now: Date) {
      const rows = await store.repos.cases.all({});
      const cases = rows.map((r) => {
        const s = stateOf(r);
        return {
          id: r.id, number: r.number, createdAt: s.createdAt, leadUnitId: s.leadUnitId, coUnitIds: s.coUnitIds, mergedIntoId: s.mergedIntoId,
          firstResponseDueAt: s.firstResponseDueAt, replyDueAt: s.replyDueAt, firstResponseAt: s.firstResponseAt, repliedAt: s.repliedAt, closedAt: s.closedAt,
        };
      });
      const from = Date.parse(q.from);
      const to = Date.parse(q.to);
      const transitions = (await store.repos.cases.transitionsBetween(0, to)).map((t) => ({ caseId: t.case_id, action: t.action, at: iso(t.at)!, payload: parseJson<unknown>(t.payload, {}) }));
      return computeCaseStats({ cases, transitions, from: new Date(from), to: new Date(to), now, unitId: q.unitId, itemsCollected });
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;
