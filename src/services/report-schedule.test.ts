import { describe, expect, it } from 'vitest';
import { defaultSchedule, dueReports } from './report-schedule.ts';
import { contentDisposition } from './report.service.ts';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('dueReports', () => {
  const s = defaultSchedule('17:00');
  it('daily from the configured time to the end of the local day', () => {
    expect(dueReports(at('2026-03-05T08:59:00Z'), TZ, s)).toEqual([]); // 16:59
    expect(dueReports(at('2026-03-05T09:00:00Z'), TZ, s)).toEqual([{ kind: 'daily', date: '2026-03-05' }]);
    expect(dueReports(at('2026-03-05T15:59:00Z'), TZ, s)).toEqual([{ kind: 'daily', date: '2026-03-05' }]); // 23:59
    expect(dueReports(at('2026-03-05T16:00:00Z'), TZ, s)).toEqual([]); // 00:00 next day
  });
  it('weekly on Monday for the week just ended, monthly on the 1st for the month just ended', () => {
    // 2026-06-01 is a Monday and the 1st: 09:30 local
    expect(dueReports(at('2026-06-01T01:30:00Z'), TZ, s)).toEqual([
      { kind: 'weekly', date: '2026-05-31' },
      { kind: 'monthly', date: '2026-05-31' },
    ]);
    expect(dueReports(at('2026-06-01T00:59:00Z'), TZ, s)).toEqual([]);
  });
  it('a switched-off report is never due; a bad time is a validation error', () => {
    expect(dueReports(at('2026-03-05T10:00:00Z'), TZ, { daily: null, weekly: null, monthly: null })).toEqual([]);
    expect(() => dueReports(at('2026-03-05T10:00:00Z'), TZ, { ...s, daily: '5pm' })).toThrow(/HH:MM/);
  });
  it('uses the office zone, not the machine clock zone', () => {
    expect(dueReports(at('2026-03-05T09:00:00Z'), 'Europe/Berlin', s)).toEqual([]); // 10:00 in Berlin
  });
});

describe('contentDisposition', () => {
  it('an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    const v = contentDisposition('某县-舆情日报〔2026〕第1期 (草稿).docx');
    expect(v).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+,:=@-]+$/);
    expect(decodeURIComponent(v.split("UTF-8''")[1]!)).toBe('某县-舆情日报〔2026〕第1期 (草稿).docx');
    expect(contentDisposition('a"b\\c;.docx')).toContain('filename="a_b_c_.docx"');
  });
});
