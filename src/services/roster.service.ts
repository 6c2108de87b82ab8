/**
 * The duty roster (值班表): one row per person per shift (chainOrder 0 on duty, 1–19 escalation chain, 20 the
 * shift's leader), who is on duty now, coverage gaps, and import from spreadsheet rows (users named by username
 * or display name). An import with any bad row imports nothing and lists every problem by row.
 */
import type { z } from 'zod';
import { coverageGaps, onDuty } from '../alerts/roster.ts';
import { parseRosterRows } from '../alerts/roster-import.ts';
import { LEADER_CHAIN_ORDER, type RosterImportBody, type ShiftBody } from '../contracts/alerts.ts';
import type { Store } from '../store/store.ts';
import type { DutyRosterTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { auditActor, type Actor } from './actor.ts';
import { loadDirectory, rosterFromRows } from './alert-context.ts';

const toShift = (s: DutyRosterTable) => ({
  id: s.id,
  userId: s.user_id,
  startsAt: new Date(Number(s.starts_at)).toISOString(),
  endsAt: new Date(Number(s.ends_at)).toISOString(),
  chainOrder: s.chain_order,
  note: s.note,
});

export function createRosterService(store: Store, opts: { timezone: string }) {
  return {
    async view(q: { from?: string; to?: string }, now: Date) {
      const from = q.from ? new Date(q.from) : new Date(now.getTime() - 86_400_000);
      const to = q.to ? new Date(q.to) : new Date(now.getTime() + 7 * 86_400_000);
      if (to <= from) throw new AppError('TF_ERR_VALIDATION', 'to: must be after from', { path: ['to'] });
      const rows = await store.repos.alerts.shifts(from.getTime(), to.getTime());
      const dir = await loadDirectory(store.repos, now);
      const duty = onDuty(dir.roster, now);
      return {
        shifts: rows.map(toShift),
        now: { onDuty: duty.onDuty, escalationChain: duty.escalationChain, leaderIds: duty.leaderIds },
        gaps: coverageGaps(rosterFromRows(rows, []), from, to),
      };
    },

    async add(actor: Actor, body: z.infer<typeof ShiftBody>, now: Date) {
      if (Date.parse(body.endsAt) <= Date.parse(body.startsAt))
        throw new AppError('TF_ERR_VALIDATION', 'endsAt: a shift must end after it starts', { path: ['endsAt'] });
      if (!(await store.repos.users.byId(body.userId)))
        throw new AppError('TF_ERR_VALIDATION', `userId: no user ${body.userId}`, { path: ['userId'] });
      const row: DutyRosterTable = {
        id: newId('duty', now.getTime()),
        user_id: body.userId,
        starts_at: Date.parse(body.startsAt),
        ends_at: Date.parse(body.endsAt),
        chain_order: body.chainOrder,
        note: body.note ?? null,
      };
      await store.tx(async (r) => {
        await r.alerts.insertShift(row);
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'roster.add',
          entity: 'duty_roster',
          entityId: row.id,
          after: toShift(row),
        });
      });
      return toShift(row);
    },

    async remove(actor: Actor, id: string, now: Date) {
      const before = await store.repos.alerts.shift(id);
      if (!before) throw new AppError('TF_ERR_NOT_FOUND', `shift ${id} not found`);
      await store.tx(async (r) => {
        await r.alerts.deleteShift(id);
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'roster.delete',
          entity: 'duty_roster',
          entityId: id,
          before: toShift(before),
        });
      });
      return { ok: true as const };
    },

    async import(actor: Actor, body: z.infer<typeof RosterImportBody>, now: Date) {
      const users = (await store.repos.users.list()).filter((u) => u.disabled === 0);
      const byName = new Map<string, string | null>();
      for (const u of users) {
        byName.set(u.username, u.id);
        // A display name shared by two people is ambiguous: the username must be used.
        byName.set(u.display_name, byName.has(u.display_name) && byName.get(u.display_name) !== u.id ? null : u.id);
      }
      const { shifts, errors } = parseRosterRows(body.rows, {
        timeZone: opts.timezone,
        ...(body.defaultStart ? { defaultStart: body.defaultStart } : {}),
        ...(body.defaultEnd ? { defaultEnd: body.defaultEnd } : {}),
        resolveUser: (name) => byName.get(name) ?? undefined,
      });
      if (errors.length) {
        const first = errors[0]!;
        throw new AppError(
          'TF_ERR_VALIDATION',
          `row ${first.row}${first.column ? ` (${first.column})` : ''}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
          { errors },
        );
      }
      const rows: DutyRosterTable[] = shifts.flatMap((s) => {
        const base = { starts_at: Date.parse(s.startsAt), ends_at: Date.parse(s.endsAt), note: s.note ?? null };
        return [
          ...s.onDuty.map((u) => ({ ...base, user_id: u, chain_order: 0 })),
          ...s.escalationChain.map((u, i) => ({
            ...base,
            user_id: u,
            chain_order: Math.min(i + 1, LEADER_CHAIN_ORDER - 1),
          })),
          ...s.leaderIds.map((u) => ({ ...base, user_id: u, chain_order: LEADER_CHAIN_ORDER })),
        ].map((x) => ({ ...x, id: newId('duty', now.getTime()) }));
      });
      await store.tx(async (r) => {
        for (const row of rows) await r.alerts.insertShift(row);
        await r.audit.append({
          at: now.getTime(),
          ...auditActor(actor),
          action: 'roster.import',
          entity: 'duty_roster',
          entityId: null,
          after: { shifts: shifts.length, rows: rows.length },
        });
      });
      return { imported: rows.length, shifts: shifts.length };
    },
  };
}
export type RosterService = ReturnType<typeof createRosterService>;
