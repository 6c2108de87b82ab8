/**
 * Duty roster (值班表): shifts with UTC start/end instants, the people on duty (值班员, first = primary), an
 * escalation chain (备班) and the shift's leaders (带班领导). `onDuty(roster, now)` says who is on duty at an
 * instant; overlapping shifts (hand-over) are merged in start order. Spreadsheet import lives in
 * roster-import.ts.
 */
import { z } from 'zod';

const userId = z.string().min(1).max(100);
const iso = z.iso.datetime({ offset: true });

export const ShiftSchema = z
  .object({
    id: z.string().min(1).max(100).optional(),
    startsAt: iso,
    endsAt: iso,
    onDuty: z.array(userId).min(1).max(20),
    escalationChain: z.array(userId).max(20).default([]),
    leaderIds: z.array(userId).max(10).default([]),
    note: z.string().max(500).optional(),
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'a shift must end after it starts', path: ['endsAt'] });
export type Shift = z.infer<typeof ShiftSchema>;

export const RosterSchema = z.object({
  shifts: z.array(ShiftSchema).max(20_000),
  /** Leaders who receive escalations when no shift names one (e.g. the office director). */
  defaultLeaderIds: z.array(userId).max(10).default([]),
});
export type Roster = z.infer<typeof RosterSchema>;

export interface DutyNow {
  shifts: Shift[];
  /** On duty now, primary first, without duplicates. */
  onDuty: string[];
  /** Next people to call, in order, excluding those on duty. */
  escalationChain: string[];
  /** The shift leaders, else the roster's default leaders. */
  leaderIds: string[];
}

const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)];

/** Who is on duty at `now` (a shift covers [startsAt, endsAt)). */
export function onDuty(roster: Roster, now: Date): DutyNow {
  const t = now.getTime();
  const shifts = roster.shifts
    .filter((s) => Date.parse(s.startsAt) <= t && t < Date.parse(s.endsAt))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const duty = uniq(shifts.flatMap((s) => s.onDuty));
  const leaders = uniq(shifts.flatMap((s) => s.leaderIds));
  return {
    shifts,
    onDuty: duty,
    escalationChain: uniq(shifts.flatMap((s) => s.escalationChain)).filter((u) => !duty.includes(u)),
    leaderIds: leaders.length ? leaders : [...roster.defaultLeaderIds],
  };
}

/** Shifts overlapping [from, to), for showing a week of the roster. */
export function shiftsBetween(roster: Roster, from: Date, to: Date): Shift[] {
  return roster.shifts
    .filter((s) => Date.parse(s.startsAt) < to.getTime() && Date.parse(s.endsAt) > from.getTime())
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** Gaps in coverage within [from, to): periods when nobody is on duty. */
export function coverageGaps(roster: Roster, from: Date, to: Date): Array<{ from: string; to: string }> {
  const gaps: Array<{ from: string; to: string }> = [];
  let cursor = from.getTime();
  for (const s of shiftsBetween(roster, from, to)) {
    const start = Date.parse(s.startsAt);
    if (start > cursor) gaps.push({ from: new Date(cursor).toISOString(), to: new Date(Math.min(start, to.getTime())).toISOString() });
    cursor = Math.max(cursor, Date.parse(s.endsAt));
  }
  if (cursor < to.getTime()) gaps.push({ from: new Date(cursor).toISOString(), to: to.toISOString() });
  return gaps;
}
