/** One entry point: report data → a file in the requested format. */
import type { ChartLogger } from './charts.ts';
import { composeReport } from './compose.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { buildSummary, type LlmSummaryOptions, type SummaryResult } from './summary.ts';
import { parseTemplate, type ReportTemplateInput } from './template.ts';
import type { AnyReportData } from './types.ts';
import { renderStatsXlsx } from './xlsx.ts';

export type ReportFormat = 'docx' | 'xlsx' | 'html';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

export interface RenderOptions {
  template?: ReportTemplateInput;
  /** When given, the summary is asked of this OpenAI-compatible endpoint (template summary on any failure). */
  llm?: LlmSummaryOptions;
  logger?: ChartLogger;
}

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  fileName: string;
  summary: SummaryResult;
}

export function reportFileName(data: AnyReportData, format: ReportFormat): string {
  const m = data.meta;
  const safe = `${m.officeName}-${m.reportNumber}`.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${safe}.${format}`;
}

export async function renderReport(
  data: AnyReportData,
  format: ReportFormat,
  opts: RenderOptions = {},
): Promise<RenderedReport> {
  const template = parseTemplate(opts.template ?? {});
  const summary = await buildSummary(data, opts.llm);
  let body: Buffer;
  if (format === 'xlsx') body = await renderStatsXlsx(data);
  else {
    const doc = composeReport(data, template, summary);
    body =
      format === 'docx'
        ? await renderDocx(doc, opts.logger ? { logger: opts.logger } : {})
        : Buffer.from(renderHtml(doc), 'utf8');
  }
  return { body, contentType: CONTENT_TYPES[format], fileName: reportFileName(data, format), summary };
}
