import { describe, expect, it } from 'vitest';
import { formatDateTime } from './date.ts';

describe('formatDateTime', () => {
  it('shows UTC instants in Asia/Shanghai by default', () => {
    expect(formatDateTime('2024-05-01T16:30:00Z')).toBe('2024-05-02 00:30');
    expect(formatDateTime('2024-05-01T16:30:00Z', { style: 'date' })).toBe('2024-05-02');
    expect(formatDateTime(new Date('2024-05-01T16:05:00Z'), { style: 'time' })).toBe('00:05');
  });
  it('honours another zone', () => {
    expect(formatDateTime('2024-05-01T16:30:00Z', { timeZone: 'UTC' })).toBe('2024-05-01 16:30');
  });
  it('returns an empty string for garbage', () => {
    expect(formatDateTime('not a date')).toBe('');
  });
});
