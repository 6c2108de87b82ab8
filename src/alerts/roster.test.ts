import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atLocalTime } from '../cases/zoned-time.ts';
import { parseDateCell, parseRosterRows, parseTimeCell, splitNames, type Cell } from './roster-import.ts';
import { coverageGaps, onDuty, RosterSchema } from './roster.ts';

const USERS: Record<string, string> = { 张三: 'u-zhang', 李四: 'u-li', 王五: 'u-wang', 赵六: 'u-zhao', 钱主任: 'u-qian', 孙局长: 'u-sun' };
const resolveUser = (n: string): string | undefined => USERS[n];
const sh = (d: string, t: string): string => atLocalTime(d, t).toISOString();

describe('onDuty', () => {
  const roster = RosterSchema.parse({
    defaultLeaderIds: ['u-sun'],
    shifts: [
      { startsAt: sh('2026-02-16', '08:30'), endsAt: sh('2026-02-17', '08:30'), onDuty: ['u-zhang'], escalationChain: ['u-li'], leaderIds: ['u-qian'] },
      { startsAt: sh('2026-02-17', '08:00'), endsAt: sh('2026-02-18', '08:30'), onDuty: ['u-wang', 'u-zhang'], escalationChain: ['u-zhang', 'u-zhao'] },
    ],
  });

  it('finds the shift, its chain and its leader', () => {
    expect(onDuty(roster, new Date(sh('2026-02-16', '23:00')))).toMatchObject({
      onDuty: ['u-zhang'],
      escalationChain: ['u-li'],
      leaderIds: ['u-qian'],
    });
  });

  it('merges overlapping shifts at hand-over and falls back to the default leaders', () => {
    const now = onDuty(roster, new Date(sh('2026-02-17', '08:15')));
    expect(now.onDuty).toEqual(['u-zhang', 'u-wang']);
    expect(now.escalationChain).toEqual(['u-li', 'u-zhao']);
    expect(now.leaderIds).toEqual(['u-qian']);
    expect(onDuty(roster, new Date(sh('2026-02-17', '12:00'))).leaderIds).toEqual(['u-sun']);
    expect(onDuty(roster, new Date(sh('2026-02-17', '08:30'))).onDuty).toEqual(['u-wang', 'u-zhang']); // end is exclusive
    expect(onDuty(roster, new Date(sh('2026-02-19', '12:00')))).toMatchObject({ onDuty: [], shifts: [] });
  });

  it('lists coverage gaps', () => {
    expect(coverageGaps(roster, new Date(sh('2026-02-16', '00:00')), new Date(sh('2026-02-19', '00:00')))).toEqual([
      { from: sh('2026-02-16', '00:00'), to: sh('2026-02-16', '08:30') },
      { from: sh('2026-02-18', '08:30'), to: sh('2026-02-19', '00:00') },
    ]);
  });

  it('rejects a shift that ends before it starts', () => {
    expect(RosterSchema.safeParse({ shifts: [{ startsAt: sh('2026-02-17', '08:00'), endsAt: sh('2026-02-17', '07:00'), onDuty: ['a'] }] }).success).toBe(false);
  });
});

describe('roster spreadsheet import', () => {
  it('reads mixed cell formats, overnight shifts and 24-hour defaults', () => {
    const rows: Cell[][] = [
      ['日期', '开始时间', '结束时间', '值班人员', '备班人员', '带班领导', '备注'],
      ['2026年2月16日', '8:30', '17:30', '张三、李四', '王五', '钱主任', '春节'],
      [new Date(Date.UTC(2026, 1, 16)), new Date(Date.UTC(1899, 11, 30, 17, 30)), 0.354166667, '赵六', '', '孙局长', ''],
      [46070, '', '', '王五', null, null, null], // Excel serial for 2026-02-17
      ['', '', '', '', '', '', ''],
      ['2026/2/18', '8点30', '24:00', '张三 ,李四', '', '', ''],
    ];
    const { shifts, errors } = parseRosterRows(rows, { resolveUser });
    expect(errors).toEqual([]);
    expect(shifts).toEqual([
      { startsAt: sh('2026-02-16', '08:30'), endsAt: sh('2026-02-16', '17:30'), onDuty: ['u-zhang', 'u-li'], escalationChain: ['u-wang'], leaderIds: ['u-qian'], note: '春节' },
      { startsAt: sh('2026-02-16', '17:30'), endsAt: sh('2026-02-17', '08:30'), onDuty: ['u-zhao'], escalationChain: [], leaderIds: ['u-sun'] },
      { startsAt: sh('2026-02-17', '08:30'), endsAt: sh('2026-02-18', '08:30'), onDuty: ['u-wang'], escalationChain: [], leaderIds: [] },
      { startsAt: sh('2026-02-18', '08:30'), endsAt: sh('2026-02-19', '00:00'), onDuty: ['u-zhang', 'u-li'], escalationChain: [], leaderIds: [] },
    ]);
  });

  it('reports bad rows by number and keeps the good ones', () => {
    const rows: Cell[][] = [
      ['date', 'start', 'end', 'on duty'],
      ['2026-02-30', '08:30', '17:30', '张三'],
      ['2026-02-16', '25:00', '17:30', '张三'],
      ['2026-02-16', '08:30', '17:30', '张三、陌生人'],
      ['2026-02-16', '08:30', '17:30', ''],
      ['2026-02-16', '08:30', '17:30', '李四'],
    ];
    const { shifts, errors } = parseRosterRows(rows, { resolveUser });
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '日期'],
      [3, '开始时间'],
      [4, '值班人员'],
      [5, '值班人员'],
    ]);
    expect(errors[2]!.message).toContain('陌生人');
    expect(shifts).toHaveLength(1);
  });

  it('names missing columns', () => {
    const { errors } = parseRosterRows([['日期', '开始时间']], { resolveUser });
    expect(errors).toEqual([{ row: 1, column: '值班人员', message: 'missing column 值班人员 (onDuty)' }]);
  });

  it('reads any valid date in any accepted notation (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 4 }), (d, style) => {
        const y = d.getUTCFullYear();
        const m = d.getUTCMonth() + 1;
        const day = d.getUTCDate();
        const iso = d.toISOString().slice(0, 10);
        const cell: Cell = [iso, `${y}/${m}/${day}`, `${y}.${m}.${day}`, `${y}年${m}月${day}日`, (Date.UTC(y, m - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000][style];
        expect(parseDateCell(cell)).toBe(iso);
      }),
    );
  });

  it('reads any time in any accepted notation (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 3 }), (h, m, style) => {
        const cell: Cell = [`${h}:${String(m).padStart(2, '0')}`, `${h}点${m}`, `${h}时${m}分`, (h * 60 + m) / 1440][style];
        expect(parseTimeCell(cell)).toBe(h * 60 + m);
      }),
    );
  });

  it('never throws on arbitrary rows (property)', () => {
    const cell = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.boolean(), fc.date());
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 10 }), (rows) => {
        const withHeader: Cell[][] = [['日期', '开始时间', '结束时间', '值班人员'], ...rows];
        const r = parseRosterRows(withHeader, { resolveUser: (n) => (n.length < 4 ? `u-${n}` : undefined) });
        for (const s of r.shifts) expect(Date.parse(s.endsAt)).toBeGreaterThan(Date.parse(s.startsAt));
      }),
    );
    expect(splitNames(' 张三；李四/王五 ')).toEqual(['张三', '李四', '王五']);
    // found by the property above: a year-0 Date cell used to throw
    expect(parseDateCell(new Date('-000001-12-31T23:59:59.999Z'))).toBeNull();
  });
});
