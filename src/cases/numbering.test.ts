import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseYear, CaseNumberingSchema, formatCaseNumber, nextCaseNumber, parseCaseNumber } from './numbering.ts';

const def = CaseNumberingSchema.parse(undefined);

describe('case numbers', () => {
  it('formats the default YQ-2026-000123', () => {
    expect(formatCaseNumber(def, 2026, 123)).toBe('YQ-2026-000123');
    expect(formatCaseNumber(def, 2026, 1234567)).toBe('YQ-2026-1234567');
    expect(() => formatCaseNumber(def, 2026, 0)).toThrow();
  });

  it('takes the year in the office time zone', () => {
    const newYearInBeijing = new Date('2025-12-31T16:30:00Z'); // 2026-01-01 00:30 in Shanghai
    expect(caseYear(newYearInBeijing)).toBe(2026);
    expect(caseYear(newYearInBeijing, 'UTC')).toBe(2025);
    expect(nextCaseNumber(def, newYearInBeijing, 0)).toEqual({ year: 2026, seq: 1, number: 'YQ-2026-000001' });
  });

  it('accepts other patterns and rejects broken ones', () => {
    const n = CaseNumberingSchema.parse({ prefix: '舆情', pattern: '{prefix}〔{year}〕{seq:4}号' });
    expect(formatCaseNumber(n, 2026, 7)).toBe('舆情〔2026〕0007号');
    expect(parseCaseNumber(n, '舆情〔2026〕0007号')).toEqual({ year: 2026, seq: 7 });
    expect(CaseNumberingSchema.safeParse({ pattern: '{prefix}-{seq}' }).success).toBe(false);
    expect(CaseNumberingSchema.safeParse({ pattern: '{year}-{id}-{seq}' }).success).toBe(false);
    expect(CaseNumberingSchema.safeParse({ prefix: 'a b' }).success).toBe(false);
  });

  it('parses what it formats (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 9999 }), fc.integer({ min: 1, max: 10_000_000 }), (year, seq) => {
        expect(parseCaseNumber(def, formatCaseNumber(def, year, seq))).toEqual({ year, seq });
      }),
    );
    expect(parseCaseNumber(def, 'YQ-2026-abc')).toBeNull();
    expect(parseCaseNumber(def, 'XX-2026-000001')).toBeNull();
  });
});
