/**
 * Duty roster spreadsheet rows → shifts. The lead reads the file (exceljs/CSV); this module takes the rows
 * (first row = headers) and returns shifts plus row-numbered errors, never throwing on bad input.
 *
 * Columns (Chinese or English headers): 日期/date, 开始时间/start, 结束时间/end, 值班人员/on_duty,
 * 备班人员/escalation, 带班领导/leader, 备注/note. Dates may be Excel date cells (Date or serial number),
 * `2026-02-15`, `2026/2/15`, `2026.2.15` or `2026年2月15日`; times `8:30`, `08:30:00`, `8点30`, `8时30分`,
 * an Excel time fraction or time cell. An end not after the start means the shift runs into the next day; with no
 * times the shift uses `defaultStart`/`defaultEnd` (default 08:30 → next day 08:30, a 24-hour duty). Several names
 * in a cell are separated by 、，,；; or spaces; `resolveUser` maps a name to a user id.
 */
import { isLocalDate, zonedInstant, DEFAULT_TIME_ZONE } from '../cases/zoned-time.ts';
import type { Shift } from './roster.ts';

export type Cell = string | number | boolean | Date | null | undefined;

export interface RosterImportOptions {
  timeZone?: string;
  defaultStart?: string;
  defaultEnd?: string;
  resolveUser: (name: string) => string | undefined;
}

export interface RosterImportError {
  /** 1-based spreadsheet row (the header is row 1). */
  row: number;
  column?: string;
  message: string;
}

const HEADERS = {
  date: ['日期', '值班日期', 'date'],
  start: ['开始时间', '开始', '起始时间', 'start', 'start time'],
  end: ['结束时间', '结束', '终止时间', 'end', 'end time'],
  onDuty: ['值班人员', '值班员', '值班人', 'on duty', 'on_duty', 'duty'],
  chain: ['备班人员', '备班', '升级链', 'escalation', 'backup'],
  leader: ['带班领导', '值班领导', '领导', 'leader'],
  note: ['备注', 'note', 'notes'],
} as const satisfies Record<string, readonly string[]>;
type Field = keyof typeof HEADERS;
const LABEL: Record<Field, string> = {
  date: '日期',
  start: '开始时间',
  end: '结束时间',
  onDuty: '值班人员',
  chain: '备班人员',
  leader: '带班领导',
  note: '备注',
};

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const pad = (n: number): string => String(n).padStart(2, '0');

function norm(c: Cell): string {
  return c === null || c === undefined ? '' : String(c).replace(/\s+/g, ' ').trim();
}

/** A date cell as `YYYY-MM-DD`, or null. */
export function parseDateCell(cell: Cell): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    const y = cell.getUTCFullYear();
    return y >= 1900 && y <= 9999 ? cell.toISOString().slice(0, 10) : null;
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return null;
    return new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000).toISOString().slice(0, 10);
  }
  const s = norm(cell);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return null;
  const d = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return isLocalDate(d) ? d : null;
}

/** A time cell as minutes since midnight (0–1440), or null. */
export function parseTimeCell(cell: Cell): number | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return cell.getUTCHours() * 60 + cell.getUTCMinutes();
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0 || cell > 1) return null;
    return Math.round(cell * 1440);
  }
  const s = norm(cell);
  const m = /^(\d{1,2})\s*(?:[:：]|点|时)\s*(?:(\d{1,2})\s*分?)?(?:[:：](\d{1,2}))?$/.exec(s) ?? /^(\d{1,2})()()$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** Splits a cell of names. */
export function splitNames(cell: Cell): string[] {
  return norm(cell)
    .split(/[、，,；;\s/]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}

function columnMap(header: readonly Cell[]): Partial<Record<Field, number>> {
  const map: Partial<Record<Field, number>> = {};
  header.forEach((h, i) => {
    const name = norm(h).toLowerCase();
    for (const field of Object.keys(HEADERS) as Field[]) {
      if (map[field] === undefined && (HEADERS[field] as readonly string[]).includes(name)) map[field] = i;
    }
  });
  return map;
}

export function parseRosterRows(
  rows: readonly (readonly Cell[])[],
  options: RosterImportOptions,
): { shifts: Shift[]; errors: RosterImportError[] } {
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const shifts: Shift[] = [];
  const errors: RosterImportError[] = [];
  const cols = columnMap(rows[0] ?? []);
  for (const field of ['date', 'onDuty'] as const) {
    if (cols[field] === undefined) errors.push({ row: 1, column: LABEL[field], message: `missing column ${LABEL[field]} (${field})` });
  }
  if (errors.length) return { shifts, errors };
  const defStart = parseTimeCell(options.defaultStart ?? '08:30') ?? 510;
  const defEnd = parseTimeCell(options.defaultEnd ?? '08:30') ?? 510;

  rows.slice(1).forEach((row, i) => {
    const rowNo = i + 2;
    const get = (f: Field): Cell => (cols[f] === undefined ? undefined : row[cols[f]]);
    if (row.every((c) => norm(c) === '')) return;
    const fail = (column: string, message: string): void => void errors.push({ row: rowNo, column, message });
    const date = parseDateCell(get('date'));
    if (!date) return fail('日期', `cannot read the date "${norm(get('date'))}"`);
    const start = norm(get('start')) === '' ? defStart : parseTimeCell(get('start'));
    const end = norm(get('end')) === '' ? defEnd : parseTimeCell(get('end'));
    if (start === null) return fail('开始时间', `cannot read the time "${norm(get('start'))}"`);
    if (end === null) return fail('结束时间', `cannot read the time "${norm(get('end'))}"`);
    const people: Record<'onDuty' | 'chain' | 'leader', string[]> = { onDuty: [], chain: [], leader: [] };
    for (const f of ['onDuty', 'chain', 'leader'] as const) {
      for (const name of splitNames(get(f))) {
        const id = options.resolveUser(name);
        if (id === undefined) return fail(LABEL[f], `unknown person "${name}"`);
        people[f].push(id);
      }
    }
    if (people.onDuty.length === 0) return fail('值班人员', 'nobody on duty');
    const startsAt = zonedInstant(date, start, tz);
    const endsAt = zonedInstant(date, end > start ? end : end + 1440, tz);
    const note = norm(get('note'));
    shifts.push({
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      onDuty: people.onDuty,
      escalationChain: people.chain,
      leaderIds: people.leader,
      ...(note ? { note: note.slice(0, 500) } : {}),
    });
  });
  return { shifts, errors };
}
