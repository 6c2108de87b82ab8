/** Reports archive and generation; the ledger export. */
import { z } from 'zod';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD (office time zone)');

export const ReportRequestKind = z.enum(['daily', 'weekly', 'monthly', 'event']);
export type ReportRequestKind = z.infer<typeof ReportRequestKind>;
export const ReportFileFormat = z.enum(['docx', 'xlsx', 'html']);
export type ReportFileFormat = z.infer<typeof ReportFileFormat>;

export const GenerateReportBody = z
  .object({
    kind: ReportRequestKind,
    /** The report date (daily: the day it is sent; weekly/monthly: any day inside). Default: the latest complete one. */
    date: LocalDate.optional(),
    /** For kind "event" (专题报告). */
    eventId: z.string().min(1).max(100).optional(),
    format: ReportFileFormat.default('docx'),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'event' && !b.eventId)
      ctx.addIssue({ code: 'custom', path: ['eventId'], message: 'an event report needs eventId' });
    if (b.kind !== 'event' && b.eventId)
      ctx.addIssue({ code: 'custom', path: ['eventId'], message: 'eventId is only for kind "event"' });
  });
export type GenerateReportBody = z.infer<typeof GenerateReportBody>;

export const ReportMeta = z.object({
  id: z.string(),
  kind: ReportRequestKind,
  /** e.g. 舆情日报〔2026〕第12期 */
  number: z.string().nullable(),
  periodStart: z.string(),
  periodEnd: z.string(),
  format: ReportFileFormat,
  fileName: z.string(),
  contentType: z.string(),
  /** Who generated it: a user id, or "system" for the schedule. */
  generatedBy: z.string(),
  generatedByName: z.string().nullable(),
  createdAt: z.string(),
  downloadUrl: z.string(),
});
export type ReportMeta = z.infer<typeof ReportMeta>;

export const ReportListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const ReportList = z.object({ reports: z.array(ReportMeta) });

export const CasesExportQuery = z
  .object({ from: LocalDate, to: LocalDate })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });
