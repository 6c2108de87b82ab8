/**
 * Parses the date formats seen on Chinese sites and feeds into ISO 8601 with the source time zone's offset.
 * Absolute (`2019/4/25 9:32:09`, `2019年4月25日 09:32`, ISO 8601, RFC 822), partial (`04-25 09:32`, `09:32`,
 * year/day inferred from `now` and never in the future), relative (`3分钟前`, `昨天 12:00`, `前天`, `刚刚`) and unix
 * timestamps. The date may sit inside other text (`发布时间：2019-04-25 09:32`). Pure; never throws.
 */
import {
  DEFAULT_TIME_ZONE,
  addDays,
  daysInMonth,
  formatInZone,
  instantOfWallTime,
  isValidTimeZone,
  wallTimeOf,
  type WallTime,
} from '../time/zone.ts';

export interface DateContext {
  now: Date;
  timeZone?: string;
}

const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

const PERIOD = '(上午|下午|晚上|凌晨|中午|早上|早晨|傍晚|夜里|AM|PM|am|pm)?';
const TIME = `(?:\\s*|T)${PERIOD}\\s*(\\d{1,2})\\s*[:时點点]\\s*(\\d{1,2})(?:\\s*[:分]\\s*(\\d{1,2})(?:[.,]\\d+)?\\s*秒?)?\\s*${PERIOD}`;
const ZONE = '\\s*(Z|[+-]\\d{2}(?::?\\d{2})?|GMT|UTC|UT|CST)?';
/** An optional weekday between the date and the time: `2019年4月25日 星期四 09:32`, `04-25（周四）09:32`. */
const WEEKDAY = '(?:\\s*[（(]?(?:星期|周|礼拜)[一二三四五六日天][)）]?)?';
const YMD = new RegExp(
  `(?<!\\d)(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})(?!\\d)\\s*[日号]?${WEEKDAY}(?:${TIME}${ZONE})?`,
);
const MD = new RegExp(`(?<![\\d/.-])(\\d{1,2})\\s*([-/月])\\s*(\\d{1,2})(?![\\d/.-])\\s*[日号]?${WEEKDAY}(?:${TIME})?`);
const DAY_WORD = new RegExp(`(大前天|前天|昨天|今天|今日|昨日)(?:${TIME})?`);
const TIME_ONLY = new RegExp(`(?<![\\d:])${PERIOD}\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?![\\d:])`);
const RELATIVE =
  /(\d+|半|一|两|二|三|四|五|六|七|八|九|十)\s*(?:个)?\s*(秒|分钟|分|小时|钟头|天|日|周|星期|个月|月|年)\s*(?:之)?前/;
const JUST_NOW = /刚刚|刚才|just now/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC822 =
  /(?<![a-z\d])(\d{1,2})[\s-]+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s-]+(\d{4}|\d{2})(?:[\s,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(z|[+-]\d{4}|[+-]\d{2}:\d{2}|gmt|utc|ut|est|edt|cst|cdt|mst|mdt|pst|pdt)?/i;
const US_DATE =
  /(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?/i;
const NAMED_ZONES: Record<string, number> = {
  z: 0,
  gmt: 0,
  utc: 0,
  ut: 0,
  est: -300,
  edt: -240,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};
const CN_NUMBERS: Record<string, number> = {
  半: 0.5,
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const UNIT_SECONDS: Record<string, number> = {
  秒: 1,
  分钟: 60,
  分: 60,
  小时: 3600,
  钟头: 3600,
  天: 86400,
  日: 86400,
  周: 604800,
  星期: 604800,
  个月: 2592000,
  月: 2592000,
  年: 31536000,
};

/** Parses `input` into ISO 8601 with offset in the context's zone, or null when no date can be read from it. */
export function parseDate(input: string | number | Date | null | undefined, ctx: DateContext): string | null {
  try {
    const tz = ctx.timeZone && isValidTimeZone(ctx.timeZone) ? ctx.timeZone : DEFAULT_TIME_ZONE;
    const nowMs = ctx.now.getTime();
    if (!Number.isFinite(nowMs) || input === null || input === undefined) return null;
    if (input instanceof Date) return emitInstant(input.getTime(), tz);
    if (typeof input === 'number') return fromTimestamp(input, tz);
    const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
    if (text.length === 0 || text.length > 500) return null;
    if (/^\d{10}(\d{3})?$/.test(text)) return fromTimestamp(Number(text), tz);
    // The first kind of date found decides: a malformed full date (2019-02-30) is not rescued by its time.
    const parsers: Array<(t: string, now: number, zone: string) => Parsed> = [
      parseYmd,
      parseRfc822,
      parseUsDate,
      parseRelative,
      parseDayWord,
      parseMonthDay,
      parseTimeOnly,
    ];
    for (const parse of parsers) {
      const r = parse(text, nowMs, tz);
      if (r !== NO_MATCH) return r;
    }
    return null;
  } catch {
    return null;
  }
}

/** A parser's answer: an ISO string, null (matched but invalid), or NO_MATCH (try the next kind). */
const NO_MATCH = Symbol('no-match');
type Parsed = string | null | typeof NO_MATCH;

function emitInstant(ms: number, tz: string): string | null {
  if (!Number.isFinite(ms)) return null;
  const year = wallTimeOf(ms, tz).year;
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  return formatInZone(ms, tz);
}

function fromTimestamp(n: number, tz: string): string | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  return emitInstant(n >= 1e12 ? n : n * 1000, tz);
}

function num(s: string | undefined): number {
  return s === undefined || s === '' ? 0 : Number(s);
}

function applyPeriod(hour: number, period: string | undefined): number | null {
  if (!period) return hour;
  const p = period.toLowerCase();
  if (hour > 12) return p === 'am' ? null : hour;
  if (['下午', '晚上', '傍晚', '夜里', 'pm'].includes(p)) return hour === 12 ? 12 : hour + 12;
  if (p === '中午') return hour < 11 ? hour + 12 : hour;
  if (['am', '凌晨', '上午', '早上', '早晨'].includes(p) && hour === 12) return 0;
  return hour;
}

/** Validates wall fields and converts them to an instant in `tz`, or with an explicit offset in minutes. */
function wallToIso(w: WallTime, tz: string, offsetMinutes?: number): string | null {
  if (w.year < MIN_YEAR || w.year > MAX_YEAR || w.month < 1 || w.month > 12) return null;
  if (w.day < 1 || w.day > daysInMonth(w.year, w.month)) return null;
  if (w.hour > 23 || w.minute > 59 || w.second > 60) return null;
  const second = Math.min(w.second, 59);
  const ms =
    offsetMinutes === undefined
      ? instantOfWallTime({ ...w, second }, tz)
      : Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, second) - offsetMinutes * 60_000;
  return emitInstant(ms, tz);
}

function zoneOffsetMinutes(zone: string | undefined, tz: string): number | undefined {
  if (!zone) return undefined;
  const z = zone.toLowerCase();
  if (z === 'cst') return tz === 'Asia/Shanghai' || tz === 'Asia/Taipei' || tz === 'Asia/Hong_Kong' ? 480 : -360;
  if (z in NAMED_ZONES) return NAMED_ZONES[z];
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return undefined;
  const v = num(m[2]) * 60 + num(m[3]);
  return m[1] === '-' ? -v : v;
}

function timeFields(
  period1: string | undefined,
  h: string | undefined,
  mi: string | undefined,
  s: string | undefined,
  period2: string | undefined,
): { hour: number; minute: number; second: number } | null {
  if (h === undefined) return { hour: 0, minute: 0, second: 0 };
  const hour = applyPeriod(num(h), period1 ?? period2);
  if (hour === null) return null;
  return { hour, minute: num(mi), second: num(s) };
}

function parseYmd(text: string, _now: number, tz: string): Parsed {
  const m = YMD.exec(text);
  if (!m) return NO_MATCH;
  const t = timeFields(m[4], m[5], m[6], m[7], m[8]);
  if (!t) return null;
  const offset = m[5] === undefined ? undefined : zoneOffsetMinutes(m[9], tz);
  return wallToIso({ year: num(m[1]), month: num(m[2]), day: num(m[3]), ...t }, tz, offset);
}

function fullYear(y: string): number {
  const n = num(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function parseRfc822(text: string, _now: number, tz: string): Parsed {
  const m = RFC822.exec(text);
  if (!m || !m[2] || !m[3]) return NO_MATCH;
  const month = MONTHS.indexOf(m[2].toLowerCase()) + 1;
  const offset = m[4] === undefined ? undefined : zoneOffsetMinutes(m[7], tz);
  return wallToIso(
    { year: fullYear(m[3]), month, day: num(m[1]), hour: num(m[4]), minute: num(m[5]), second: num(m[6]) },
    tz,
    offset,
  );
}

function parseUsDate(text: string, _now: number, tz: string): Parsed {
  const m = US_DATE.exec(text);
  if (!m || !m[1]) return NO_MATCH;
  const month = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1;
  const hour = applyPeriod(num(m[4]), m[7]);
  if (hour === null) return null;
  return wallToIso({ year: num(m[3]), month, day: num(m[2]), hour, minute: num(m[5]), second: num(m[6]) }, tz);
}

function parseRelative(text: string, nowMs: number, tz: string): Parsed {
  if (JUST_NOW.test(text)) return emitInstant(nowMs, tz);
  const m = RELATIVE.exec(text);
  if (!m || !m[1] || !m[2]) return NO_MATCH;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : (CN_NUMBERS[m[1]] ?? NaN);
  const unit = UNIT_SECONDS[m[2]];
  if (!Number.isFinite(n) || unit === undefined) return null;
  return emitInstant(nowMs - n * unit * 1000, tz);
}

function parseDayWord(text: string, nowMs: number, tz: string): Parsed {
  const m = DAY_WORD.exec(text);
  if (!m || !m[1]) return NO_MATCH;
  const back = { 今天: 0, 今日: 0, 昨天: 1, 昨日: 1, 前天: 2, 大前天: 3 }[m[1]] ?? 0;
  const today = wallTimeOf(nowMs, tz);
  const d = addDays(today.year, today.month, today.day, -back);
  const t = timeFields(m[2], m[3], m[4], m[5], m[6]);
  return t ? wallToIso({ ...d, ...t }, tz) : null;
}

/** `04-25 09:32` / `4月25日`: the most recent such moment not after now. */
function parseMonthDay(text: string, nowMs: number, tz: string): Parsed {
  const m = MD.exec(text);
  if (!m) return NO_MATCH;
  if (m[2] !== '月' && m[5] === undefined) return NO_MATCH;
  const t = timeFields(m[4], m[5], m[6], m[7], m[8]);
  if (!t) return null;
  const month = num(m[1]);
  const day = num(m[3]);
  const year = wallTimeOf(nowMs, tz).year;
  for (const y of [year, year - 1, year - 2, year - 3, year - 4]) {
    const iso = wallToIso({ year: y, month, day, ...t }, tz);
    if (iso && Date.parse(iso) <= nowMs) return iso;
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  }
  return null;
}

/** `09:32` alone: today at that time, or yesterday when that is still to come. */
function parseTimeOnly(text: string, nowMs: number, tz: string): Parsed {
  const m = TIME_ONLY.exec(text);
  if (!m) return NO_MATCH;
  const hour = applyPeriod(num(m[2]), m[1]);
  if (hour === null) return null;
  const today = wallTimeOf(nowMs, tz);
  for (const back of [0, 1]) {
    const d = addDays(today.year, today.month, today.day, -back);
    const iso = wallToIso({ ...d, hour, minute: num(m[3]), second: num(m[4]) }, tz);
    if (iso && Date.parse(iso) <= nowMs) return iso;
  }
  return null;
}
