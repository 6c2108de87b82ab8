/**
 * Case numbers such as `YQ-2026-000123`: a configurable pattern with `{prefix}`, `{year}` (the year in the office
 * time zone, so a case registered at 00:30 on 1 January Beijing time belongs to the new year) and `{seq:N}` (the
 * per-year sequence, zero-padded to N digits). The store keeps the counter; this module only formats and parses.
 */
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, localParts } from './zoned-time.ts';

const SEQ_RE = /\{seq(?::(\d{1,2}))?\}/;

export const CaseNumberingSchema = z
  .object({
    prefix: z.string().regex(/^[A-Za-z0-9\u4e00-\u9fff]{1,16}$/, 'letters, digits or Chinese characters, at most 16').default('YQ'),
    pattern: z
      .string()
      .max(64)
      .default('{prefix}-{year}-{seq:6}')
      .refine((p) => SEQ_RE.test(p), 'must contain {seq} or {seq:N}')
      .refine((p) => p.includes('{year}'), 'must contain {year} (numbers restart each year)')
      .refine((p) => !/[{}]/.test(p.replace(/\{prefix\}|\{year\}|\{seq(?::\d{1,2})?\}/g, '')), 'unknown placeholder'),
  })
  .default({ prefix: 'YQ', pattern: '{prefix}-{year}-{seq:6}' });
export type CaseNumbering = z.infer<typeof CaseNumberingSchema>;

/** The numbering year of an instant in the office time zone. */
export function caseYear(now: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  return localParts(now, timeZone).year;
}

export function formatCaseNumber(numbering: CaseNumbering, year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError('TF_ERR_VALIDATION: sequence must be an integer ≥ 1');
  return numbering.pattern
    .replace('{prefix}', numbering.prefix)
    .replace('{year}', String(year))
    .replace(SEQ_RE, (_m, width: string | undefined) => String(seq).padStart(Number(width ?? 1), '0'));
}

/** The number for the next case: `lastSeq` is the highest sequence used so far in that year (0 if none). */
export function nextCaseNumber(
  numbering: CaseNumbering,
  now: Date,
  lastSeq: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): { year: number; seq: number; number: string } {
  const year = caseYear(now, timeZone);
  const seq = lastSeq + 1;
  return { year, seq, number: formatCaseNumber(numbering, year, seq) };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Parses a number made with `numbering`; null when it does not match. */
export function parseCaseNumber(numbering: CaseNumbering, value: string): { year: number; seq: number } | null {
  const parts = numbering.pattern.split(/(\{prefix\}|\{year\}|\{seq(?::\d{1,2})?\})/);
  const groups: Array<'year' | 'seq'> = [];
  const re = parts
    .map((p) => {
      if (p === '{prefix}') return escapeRe(numbering.prefix);
      if (p === '{year}') {
        groups.push('year');
        return '(\\d{4})';
      }
      if (SEQ_RE.test(p)) {
        groups.push('seq');
        return '(\\d+)';
      }
      return escapeRe(p);
    })
    .join('');
  const m = new RegExp(`^${re}$`).exec(value);
  if (!m) return null;
  const year = Number(m[groups.indexOf('year') + 1]);
  const seq = Number(m[groups.indexOf('seq') + 1]);
  return seq >= 1 ? { year, seq } : null;
}
