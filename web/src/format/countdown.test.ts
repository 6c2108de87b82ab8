import { describe, expect, it } from 'vitest';
import { countdown, formatSpan } from './countdown.ts';

const now = new Date('2026-05-01T08:00:00Z');
const zh = { d: '天', h: '小时', m: '分' };

describe('countdown', () => {
  it('counts down to a future deadline', () => {
    const c = countdown('2026-05-02T11:30:00Z', now)!;
    expect(c).toMatchObject({ overdue: false, days: 1, hours: 3, mins: 30 });
    expect(formatSpan(c, zh)).toBe('1天 3小时');
  });
  it('marks a passed deadline as overdue with the time late', () => {
    const c = countdown('2026-05-01T07:15:00Z', now)!;
    expect(c).toMatchObject({ overdue: true, minutes: 45 });
    expect(formatSpan(c, zh)).toBe('45分');
  });
  it('shows minutes when under an hour, and 0 at the deadline', () => {
    expect(formatSpan(countdown('2026-05-01T08:00:00Z', now)!, zh)).toBe('0分');
    expect(formatSpan(countdown('2026-05-01T10:05:00Z', now)!, zh)).toBe('2小时 5分');
  });
  it('returns null for an unreadable deadline', () => {
    expect(countdown('not a date', now)).toBeNull();
  });
});
