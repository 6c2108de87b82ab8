/**
 * The ledger export (.xlsx): cases registered from `from` to `to` (office dates, inclusive), their handling history
 * and per-unit statistics (the ledger page's numbers). With `unitId` only the cases that unit leads or assists now
 * (what a unit liaison may see), and the statistics of that unit.
 */
import type { ReportDataSource } from '../reports/data-source.ts';
import { addDays, formatLocalDate, parseLocalDate, zonedToInstant } from '../reports/period.ts';
import { CONTENT_TYPES } from '../reports/render.ts';
import { ledgerUnitStats } from '../reports/stats.ts';
import { CaseHistoryRowSchema, CaseRowSchema, LedgerFactsSchema, ReportError } from '../reports/types.ts';
import { renderCasesXlsx } from '../reports/xlsx.ts';

export interface ExportConfig {
  officeName: string;
  timeZone: string;
  baseUrl: string;
  generatedBy: string;
  now: Date;
}

export async function exportCasesXlsx(
  ds: ReportDataSource,
  c: ExportConfig,
  from: string,
  to: string,
  unitId?: string,
): Promise<{ body: Buffer; fileName: string; contentType: string; cases: number }> {
  const f = parseLocalDate(from);
  const t = parseLocalDate(to);
  const range = {
    start: zonedToInstant(f, 0, 0, c.timeZone).toISOString(),
    end: zonedToInstant(addDays(t, 1), 0, 0, c.timeZone).toISOString(),
  };
  if (range.start >= range.end) throw new ReportError('TF_ERR_REPORT_ARGS', 'from must not be after to');
  const facts = LedgerFactsSchema.parse(await ds.ledgerFacts(range));
  let cases = CaseRowSchema.array().parse(await ds.listCases({ registeredIn: range }));
  if (unitId !== undefined) {
    const mine = new Set(
      facts.cases.filter((k) => k.leadUnitId === unitId || k.coUnitIds.includes(unitId)).map((k) => k.id),
    );
    cases = cases.filter((k) => mine.has(k.id));
    facts.cases = facts.cases.filter((k) => mine.has(k.id));
    facts.transitions = facts.transitions.filter((x) => mine.has(x.caseId));
  }
  const history = CaseHistoryRowSchema.array().parse(await ds.caseHistory(cases.map((k) => k.id)));
  const label = `${formatLocalDate(f)}..${formatLocalDate(t)}`;
  const body = await renderCasesXlsx({
    officeName: c.officeName,
    timeZone: c.timeZone,
    baseUrl: c.baseUrl,
    generatedBy: c.generatedBy,
    label,
    periodEnd: range.end,
    cases,
    history,
    unitStats: ledgerUnitStats(facts, range.start, range.end, c.now, unitId),
  });
  const fileName = `${c.officeName}-台账-${formatLocalDate(f)}至${formatLocalDate(t)}.xlsx`.replace(
    /[\\/:*?"<>|\s]+/g,
    '_',
  );
  return { body, fileName, contentType: CONTENT_TYPES.xlsx, cases: cases.length };
}
