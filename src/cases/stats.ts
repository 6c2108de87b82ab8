/**
 * Ledger statistics for a period (and optionally one unit), computed from case and transition records — never
 * typed in. Definitions (shown to the office as they are):
 *
 * - **scope**: cases registered in [from, to), not merged into another case (a merged duplicate counts once, in
 *   the case it joined). With `unitId`: cases where the unit is, or was ever assigned as, lead unit or co-unit.
 * - **as-of**: facts are taken at min(to, now): what happened after the period's end does not change it.
 * - **casesOpened**: cases in scope. `itemsCollected` is passed through (counted by the caller from posts).
 * - **handlingRate (处置率)**: cases with an official reply or closed, ÷ casesOpened.
 * - **onTimeRate (按时答复率)**: of the cases whose outcome is known (replied, or reply deadline passed), the share
 *   whose first reply came by the reply deadline. Cases closed without a reply (e.g. assessed as not verified) and
 *   cases without a deadline are left out.
 * - **avgFirstResponseMinutes / avgReplyMinutes**: mean minutes from registration to the first progress note or
 *   reply, and to the first official reply.
 * - **satisfactionRate (满意率)** = (satisfied + basically_satisfied) ÷ cases with feedback, taking each case's
 *   latest feedback, so a case reopened as unsatisfied and later satisfied counts once, as satisfied.
 * - **overdue**: first-response or reply deadlines missed (still open past the deadline, or met late); closing a
 *   case counts as its first response, and a case closed without a reply has no reply deadline to miss.
 * Rates are null when their denominator is 0.
 */
import type { Satisfaction } from './case-model.ts';

export interface StatsCase {
  id: string;
  number: string;
  createdAt: string;
  leadUnitId: string | null;
  coUnitIds: readonly string[];
  mergedIntoId: string | null;
  firstResponseDueAt: string | null;
  replyDueAt: string | null;
  firstResponseAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
}

export interface StatsTransition {
  caseId: string;
  action: string;
  at: string;
  payload?: unknown;
}

export interface StatsInput {
  cases: readonly StatsCase[];
  transitions: readonly StatsTransition[];
  from: Date;
  to: Date;
  now: Date;
  unitId?: string;
  itemsCollected?: number;
}

export interface OverdueEntry {
  caseId: string;
  number: string;
  deadline: 'first_response' | 'reply';
  dueAt: string;
  doneAt: string | null;
  minutesLate: number;
}

export interface CaseStats {
  itemsCollected: number | null;
  casesOpened: number;
  handled: number;
  handlingRate: number | null;
  onTimeDecided: number;
  onTime: number;
  onTimeRate: number | null;
  avgFirstResponseMinutes: number | null;
  avgReplyMinutes: number | null;
  feedback: { count: number; satisfied: number; basicallySatisfied: number; unsatisfied: number };
  satisfactionRate: number | null;
  overdue: OverdueEntry[];
}

interface Facts {
  firstResponseAt: number | null;
  repliedAt: number | null;
  closedAt: number | null;
  satisfaction: Satisfaction | null;
  units: Set<string>;
}

const ms = (iso: string | null): number | null => (iso ? Date.parse(iso) : null);

function payloadField(payload: unknown, key: string): unknown {
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[key] : undefined;
}

function factsOf(c: StatsCase, transitions: readonly StatsTransition[], asOf: number): Facts {
  const units = new Set<string>([...(c.leadUnitId ? [c.leadUnitId] : []), ...c.coUnitIds]);
  if (transitions.length === 0) {
    const cut = (v: string | null): number | null => (ms(v) !== null && ms(v)! <= asOf ? ms(v) : null);
    return { firstResponseAt: cut(c.firstResponseAt), repliedAt: cut(c.repliedAt), closedAt: cut(c.closedAt), satisfaction: null, units };
  }
  const f: Facts = { firstResponseAt: null, repliedAt: null, closedAt: null, satisfaction: null, units };
  for (const t of [...transitions].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
    const at = Date.parse(t.at);
    if (t.action === 'assign' || t.action === 'reassign') {
      const lead = payloadField(t.payload, 'leadUnitId');
      const co = payloadField(t.payload, 'coUnitIds');
      if (typeof lead === 'string') units.add(lead);
      if (Array.isArray(co)) for (const u of co) if (typeof u === 'string') units.add(u);
    }
    if (at > asOf) continue;
    if ((t.action === 'progress' || t.action === 'reply') && f.firstResponseAt === null) f.firstResponseAt = at;
    if (t.action === 'reply' && f.repliedAt === null) f.repliedAt = at;
    if (t.action === 'close') f.closedAt = at;
    if (t.action === 'reopen') f.closedAt = null;
    if (t.action === 'feedback') {
      const r = payloadField(t.payload, 'result');
      if (r === 'satisfied' || r === 'basically_satisfied' || r === 'unsatisfied') f.satisfaction = r;
    }
  }
  return f;
}

function overdueEntries(c: StatsCase, f: Facts, asOf: number): OverdueEntry[] {
  const out: OverdueEntry[] = [];
  const specs = [
    // closing a case (e.g. as not verified) answers it
    { deadline: 'first_response' as const, due: c.firstResponseDueAt, done: f.firstResponseAt ?? f.closedAt },
    { deadline: 'reply' as const, due: c.replyDueAt, done: f.repliedAt },
  ];
  for (const s of specs) {
    const due = ms(s.due);
    if (due === null || !s.due) continue;
    if (s.deadline === 'reply' && s.done === null && f.closedAt !== null) continue; // closed without a reply
    const end = s.done ?? asOf;
    if (end > due) {
      out.push({
        caseId: c.id,
        number: c.number,
        deadline: s.deadline,
        dueAt: s.due,
        doneAt: s.done === null ? null : new Date(s.done).toISOString(),
        minutesLate: Math.floor((end - due) / 60_000),
      });
    }
  }
  return out;
}

const mean = (xs: number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
const rate = (n: number, d: number): number | null => (d ? n / d : null);

export function computeCaseStats(input: StatsInput): CaseStats {
  const from = input.from.getTime();
  const asOf = Math.min(input.to.getTime(), input.now.getTime());
  const byCase = new Map<string, StatsTransition[]>();
  for (const t of input.transitions) {
    const list = byCase.get(t.caseId) ?? [];
    list.push(t);
    byCase.set(t.caseId, list);
  }
  const stats: CaseStats = {
    itemsCollected: input.itemsCollected ?? null,
    casesOpened: 0,
    handled: 0,
    handlingRate: null,
    onTimeDecided: 0,
    onTime: 0,
    onTimeRate: null,
    avgFirstResponseMinutes: null,
    avgReplyMinutes: null,
    feedback: { count: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 },
    satisfactionRate: null,
    overdue: [],
  };
  const firstResponseMinutes: number[] = [];
  const replyMinutes: number[] = [];
  for (const c of input.cases) {
    const created = Date.parse(c.createdAt);
    if (c.mergedIntoId !== null || created < from || created >= input.to.getTime()) continue;
    const f = factsOf(c, byCase.get(c.id) ?? [], asOf);
    if (input.unitId !== undefined && !f.units.has(input.unitId)) continue;
    stats.casesOpened++;
    if (f.repliedAt !== null || f.closedAt !== null) stats.handled++;
    if (f.firstResponseAt !== null) firstResponseMinutes.push((f.firstResponseAt - created) / 60_000);
    if (f.repliedAt !== null) replyMinutes.push((f.repliedAt - created) / 60_000);
    const replyDue = ms(c.replyDueAt);
    if (replyDue !== null && (f.repliedAt !== null || (f.closedAt === null && replyDue < asOf))) {
      stats.onTimeDecided++;
      if (f.repliedAt !== null && f.repliedAt <= replyDue) stats.onTime++;
    }
    if (f.satisfaction) {
      stats.feedback.count++;
      if (f.satisfaction === 'satisfied') stats.feedback.satisfied++;
      else if (f.satisfaction === 'basically_satisfied') stats.feedback.basicallySatisfied++;
      else stats.feedback.unsatisfied++;
    }
    stats.overdue.push(...overdueEntries(c, f, asOf));
  }
  stats.handlingRate = rate(stats.handled, stats.casesOpened);
  stats.onTimeRate = rate(stats.onTime, stats.onTimeDecided);
  stats.avgFirstResponseMinutes = mean(firstResponseMinutes);
  stats.avgReplyMinutes = mean(replyMinutes);
  stats.satisfactionRate = rate(stats.feedback.satisfied + stats.feedback.basicallySatisfied, stats.feedback.count);
  stats.overdue.sort((a, b) => b.minutesLate - a.minutesLate);
  return stats;
}
