import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from './dates.ts';

const now = new Date('2026-11-25T03:13:00Z'); // 11:13 in Shanghai
const ctx = { now, timeZone: 'Asia/Shanghai' };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe('parseDate', () => {
  it.each([
    ['2019/4/25 9:32:09', '2019-04-25T09:32:09+08:00'],
    ['2019-04-25 09:32', '2019-04-25T09:32:00+08:00'],
    ['2019年4月25日 09:32', '2019-04-25T09:32:00+08:00'],
    ['2019年04月25日09时32分', '2019-04-25T09:32:00+08:00'],
    ['2019年4月25日 下午3:20', '2019-04-25T15:20:00+08:00'],
    ['2019年4月25日 星期四 09:32', '2019-04-25T09:32:00+08:00'],
    ['04-25（周四）09:32', '2026-04-25T09:32:00+08:00'],
    ['2019-04-25 09:32:09.0', '2019-04-25T09:32:09+08:00'],
    ['发布时间：2019-04-25 09:32:09 浏览：12次', '2019-04-25T09:32:09+08:00'],
    ['２０１９－０４－２５　０９：３２', '2019-04-25T09:32:00+08:00'],
    ['2019.04.25', '2019-04-25T00:00:00+08:00'],
    ['04-25 09:32', '2026-04-25T09:32:00+08:00'],
    ['12-25 09:32', '2025-12-25T09:32:00+08:00'],
    ['3分钟前', '2026-11-25T11:10:00+08:00'],
    ['2小时前', '2026-11-25T09:13:00+08:00'],
    ['半小时前', '2026-11-25T10:43:00+08:00'],
    ['昨天 12:00', '2026-11-24T12:00:00+08:00'],
    ['前天', '2026-11-23T00:00:00+08:00'],
    ['今天 08:15', '2026-11-25T08:15:00+08:00'],
    ['刚刚', '2026-11-25T11:13:00+08:00'],
    ['23:59', '2026-11-24T23:59:00+08:00'],
    ['Thu, 25 Apr 2019 09:32:09 +0000', '2019-04-25T17:32:09+08:00'],
    ['Thu, 25 Apr 2019 09:32:09 GMT', '2019-04-25T17:32:09+08:00'],
    ['Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T21:00:00+08:00'],
    ['2019-04-25T09:32:09.123+02:00', '2019-04-25T15:32:09+08:00'],
    ['2019-04-25T09:32:09Z', '2019-04-25T17:32:09+08:00'],
    ['1556155929', '2019-04-25T09:32:09+08:00'],
    ['1556155929000', '2019-04-25T09:32:09+08:00'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input, ctx)).toBe(expected);
  });

  it.each(['', 'garbage', '2019-02-30 10:00', '2019-13-01', '25:61', '下周'])('rejects %j', (input) => {
    expect(parseDate(input, ctx)).toBeNull();
  });

  it('uses the source time zone', () => {
    expect(parseDate('2019-04-25 09:32', { now, timeZone: 'America/New_York' })).toBe('2019-04-25T09:32:00-04:00');
    expect(parseDate('2019-01-25 09:32', { now, timeZone: 'America/New_York' })).toBe('2019-01-25T09:32:00-05:00');
  });

  it('never throws, and what it returns is ISO 8601 with offset that parses back to itself', () => {
    const chunk = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '年',
        '月',
        '日',
        '-',
        '/',
        ':',
        ' ',
        '分钟前',
        '小时前',
        '昨天',
        '前天',
        '刚刚',
        '今天',
        'T',
        'Z',
        '+08:00',
        'GMT',
        '下午',
      ),
      fc.integer({ min: 0, max: 3000 }).map(String),
    );
    fc.assert(
      fc.property(
        fc.array(chunk, { maxLength: 8 }),
        fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        (parts, when) => {
          const out = parseDate(parts.join(''), { now: when });
          if (out === null) return true;
          expect(out).toMatch(ISO);
          expect(parseDate(out, { now: when })).toBe(out);
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('formatted wall times round-trip, and month-day dates are never in the future', () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 1992, max: 2099 }) /* China kept DST 1986–1991 */,
          mo: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 28 }),
          h: fc.integer({ min: 0, max: 23 }),
          mi: fc.integer({ min: 0, max: 59 }),
          s: fc.integer({ min: 0, max: 59 }),
        }),
        fc.date({ min: new Date('1993-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        ({ y, mo, d, h, mi, s }, when) => {
          const p = (n: number) => String(n).padStart(2, '0');
          const expected = `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}+08:00`;
          expect(parseDate(`${y}/${mo}/${d} ${h}:${p(mi)}:${p(s)}`, { now: when })).toBe(expected);
          expect(parseDate(`${y}年${mo}月${d}日 ${p(h)}:${p(mi)}:${p(s)}`, { now: when })).toBe(expected);
          const md = parseDate(`${p(mo)}-${p(d)} ${p(h)}:${p(mi)}`, { now: when });
          expect(md).not.toBeNull();
          expect(Date.parse(md as string)).toBeLessThanOrEqual(when.getTime());
          expect(md?.slice(5, 16)).toBe(`${p(mo)}-${p(d)}T${p(h)}:${p(mi)}`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
