/**
 * What alerting needs from the store, read through the repositories of the current transaction: the enabled
 * rules (validated; a broken rule is skipped and reported, never fatal), the duty roster around an instant, the
 * user directory and heightened mode (24 小时值守).
 */
import { AlertRuleSchema, type AlertRule } from '../alerts/rules.ts';
import type { DirectoryUser } from '../alerts/escalation.ts';
import type { Roster, Shift } from '../alerts/roster.ts';
import { LEADER_CHAIN_ORDER } from '../contracts/alerts.ts';
import type { Role } from '../contracts/auth.ts';
import type { Repos } from '../store/store.ts';
import type { AlertRulesTable, DutyRosterTable } from '../store/schema.ts';
import { parseJson } from '../store/repos/executor.ts';

export const HEIGHTENED_KEY = 'alerts.heightened';
export const DEFAULT_LEADERS_KEY = 'alerts.defaultLeaderIds';

/** Stored form of heightened mode (the HeightenedMode contract). */
export interface HeightenedState {
  active: boolean;
  until: string | null;
  intervalSeconds: number;
  sourceIds: 'all' | string[];
  reason: string | null;
  setBy: string | null;
}

export const HEIGHTENED_OFF: HeightenedState = {
  active: false,
  until: null,
  intervalSeconds: 300,
  sourceIds: 'all',
  reason: null,
  setBy: null,
};

export function isHeightenedOn(h: HeightenedState | undefined, now: Date): boolean {
  return !!h?.active && (h.until === null || Date.parse(h.until) > now.getTime());
}

export async function heightenedState(r: Repos): Promise<HeightenedState> {
  return (await r.settings.get<HeightenedState>(HEIGHTENED_KEY)) ?? HEIGHTENED_OFF;
}

/** A rule row as the pure rule (the row's id, name and enabled flag win over the config's). */
export function ruleFromRow(row: AlertRulesTable): { rule: AlertRule } | { error: string } {
  const parsed = AlertRuleSchema.safeParse({
    ...parseJson<Record<string, unknown>>(row.config, {}),
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
  });
  if (parsed.success) return { rule: parsed.data };
  const issue = parsed.error.issues[0];
  return { error: `alert rule ${row.name}: ${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'}` };
}

export async function enabledRules(r: Repos, onError?: (message: string) => void): Promise<AlertRule[]> {
  const out: AlertRule[] = [];
  for (const row of await r.alerts.rules(true)) {
    const res = ruleFromRow(row);
    if ('rule' in res) out.push(res.rule);
    else onError?.(res.error);
  }
  return out;
}

/** Duty roster rows → shifts: rows with the same start and end form one shift (see the Shift contract). */
export function rosterFromRows(rows: readonly DutyRosterTable[], defaultLeaderIds: string[]): Roster {
  const byShift = new Map<string, DutyRosterTable[]>();
  for (const row of rows) {
    const key = `${row.starts_at}|${row.ends_at}`;
    byShift.set(key, [...(byShift.get(key) ?? []), row]);
  }
  const shifts: Shift[] = [...byShift.values()].map((members) => {
    const sorted = [...members].sort((a, b) => a.chain_order - b.chain_order);
    const first = sorted[0]!;
    return {
      startsAt: new Date(first.starts_at).toISOString(),
      endsAt: new Date(first.ends_at).toISOString(),
      onDuty: sorted.filter((m) => m.chain_order === 0).map((m) => m.user_id),
      escalationChain: sorted
        .filter((m) => m.chain_order > 0 && m.chain_order < LEADER_CHAIN_ORDER)
        .map((m) => m.user_id),
      leaderIds: sorted.filter((m) => m.chain_order >= LEADER_CHAIN_ORDER).map((m) => m.user_id),
    };
  });
  return { shifts, defaultLeaderIds };
}

export interface AlertDirectory {
  users: DirectoryUser[];
  roster: Roster;
}

/**
 * The user directory and the roster for [at − 2 days, at + 2 days). Leaders who get escalations when no shift
 * names one: the `alerts.defaultLeaderIds` setting, else every enabled user with the leader role.
 */
export async function loadDirectory(r: Repos, at: Date): Promise<AlertDirectory> {
  const [userRows, shiftRows, configured] = await Promise.all([
    r.users.list(),
    r.alerts.shifts(at.getTime() - 2 * 86_400_000, at.getTime() + 2 * 86_400_000),
    r.settings.get<string[]>(DEFAULT_LEADERS_KEY),
  ]);
  const users: DirectoryUser[] = userRows.map((u) => ({
    userId: u.id,
    role: u.role as Role,
    unitId: u.unit_id,
    disabled: u.disabled === 1,
  }));
  const leaders = configured ?? users.filter((u) => u.role === 'leader' && !u.disabled).map((u) => u.userId);
  return { users, roster: rosterFromRows(shiftRows, leaders) };
}

/** Liaisons of these units (for case notices). */
export function unitLiaisons(users: readonly DirectoryUser[], unitIds: readonly string[]): string[] {
  return users
    .filter((u) => !u.disabled && u.role === 'unit_liaison' && u.unitId && unitIds.includes(u.unitId))
    .map((u) => u.userId);
}
