/**
 * `tingfeng report daily|weekly|monthly [--date YYYY-MM-DD] --format docx|xlsx|html --out FILE`
 * `tingfeng report event EVENT_ID --format docx|xlsx|html --out FILE`
 * `tingfeng export cases --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx`
 * The caller supplies the data source (the store) and the settings; this module parses, builds and writes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assembleDaily, assemblePeriodic, assembleSpecial, type AssembleOptions } from '../../reports/assemble.ts';
import type { ReportDataSource } from '../../reports/data-source.ts';
import { addDays, defaultReportDate, formatLocalDate, parseLocalDate, zonedToInstant } from '../../reports/period.ts';
import { renderReport, type ReportFormat } from '../../reports/render.ts';
import type { LlmSummaryOptions } from '../../reports/summary.ts';
import type { ReportTemplateInput } from '../../reports/template.ts';
import { ledgerUnitStats } from '../../reports/stats.ts';
import { CaseHistoryRowSchema, CaseRowSchema, LedgerFactsSchema, ReportError } from '../../reports/types.ts';
import { renderCasesXlsx } from '../../reports/xlsx.ts';

export interface CommandIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export interface ReportCommandConfig {
  officeName: string;
  timeZone: string;
  baseUrl: string;
  /** Who runs the command (recorded on the report). */
  generatedBy: string;
  now: Date;
  dailyCutoff?: string;
  template?: ReportTemplateInput;
  llm?: LlmSummaryOptions;
}

export interface ReportCommandDeps {
  dataSource: ReportDataSource;
  config: ReportCommandConfig;
  /** Defaults to fs.writeFileSync. */
  writeFile?: (path: string, body: Buffer) => void;
}

export const REPORT_USAGE = `usage:
  tingfeng report daily|weekly|monthly [--date YYYY-MM-DD] [--format docx|xlsx|html] --out FILE [--serial N]
  tingfeng report event EVENT_ID [--format docx|xlsx|html] --out FILE [--serial N]
  tingfeng export cases --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx
`;

const FORMATS = ['docx', 'xlsx', 'html'] as const;

function fail(msg: string): never {
  throw new ReportError('TF_ERR_REPORT_ARGS', msg);
}

function parseFormat(v: string | undefined, out: string): ReportFormat {
  const f = v ?? out.split('.').pop()?.toLowerCase();
  if (!f || !(FORMATS as readonly string[]).includes(f))
    fail(`--format must be one of ${FORMATS.join(', ')} (got "${v ?? f ?? ''}")`);
  return f as ReportFormat;
}

function parseSerial(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) fail(`--serial must be a positive integer (got "${v}")`);
  return n;
}

/** Runs `report …` (argv starts after "report") or `export cases …` (argv = ["cases", …] with command "export"). Returns an exit code. */
export async function reportCommand(
  argv: string[],
  io: CommandIo,
  deps: ReportCommandDeps,
  command: 'report' | 'export' = 'report',
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        date: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        from: { type: 'string' },
        to: { type: 'string' },
        serial: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.stdout.write(REPORT_USAGE);
      return 0;
    }
    const [what, arg] = positionals;
    const out = values.out ?? fail('--out FILE is required');
    const write = deps.writeFile ?? ((p: string, b: Buffer) => writeFileSync(p, b));
    const c = deps.config;
    if (command === 'export') {
      if (what !== 'cases') fail(`unknown export "${what ?? ''}"; use: export cases --from … --to … --out FILE.xlsx`);
      const from = parseLocalDate(values.from ?? fail('--from YYYY-MM-DD is required'));
      const to = parseLocalDate(values.to ?? fail('--to YYYY-MM-DD is required'));
      const range = {
        start: zonedToInstant(from, 0, 0, c.timeZone).toISOString(),
        end: zonedToInstant(addDays(to, 1), 0, 0, c.timeZone).toISOString(),
      };
      if (range.start >= range.end) fail('--from must not be after --to');
      const cases = CaseRowSchema.array().parse(await deps.dataSource.listCases({ registeredIn: range }));
      const history = CaseHistoryRowSchema.array().parse(await deps.dataSource.caseHistory(cases.map((k) => k.id)));
      const facts = LedgerFactsSchema.parse(await deps.dataSource.ledgerFacts(range));
      const body = await renderCasesXlsx({
        officeName: c.officeName,
        timeZone: c.timeZone,
        baseUrl: c.baseUrl,
        generatedBy: c.generatedBy,
        label: `${formatLocalDate(from)}..${formatLocalDate(to)}`,
        periodEnd: range.end,
        cases,
        history,
        unitStats: ledgerUnitStats(facts, range.start, range.end, c.now),
      });
      write(out, body);
      io.stdout.write(
        `wrote ${out}: ${cases.length} cases registered ${formatLocalDate(from)} to ${formatLocalDate(to)}\n`,
      );
      return 0;
    }
    const format = parseFormat(values.format, out);
    const serial = parseSerial(values.serial);
    const opts: AssembleOptions = {
      officeName: c.officeName,
      baseUrl: c.baseUrl,
      timeZone: c.timeZone,
      generatedBy: c.generatedBy,
      now: c.now,
      ...(c.dailyCutoff ? { dailyCutoff: c.dailyCutoff } : {}),
      ...(serial ? { serial } : {}),
    };
    let data;
    if (what === 'daily' || what === 'weekly' || what === 'monthly') {
      const date = values.date ?? defaultReportDate(what, c.now, c.timeZone);
      data =
        what === 'daily'
          ? await assembleDaily(deps.dataSource, date, opts)
          : await assemblePeriodic(deps.dataSource, what, date, opts);
    } else if (what === 'event') {
      data = await assembleSpecial(deps.dataSource, arg ?? fail('report event needs an EVENT_ID'), opts);
    } else fail(`unknown report "${what ?? ''}"; use daily, weekly, monthly or event`);
    const r = await renderReport(data, format, {
      ...(c.template ? { template: c.template } : {}),
      ...(c.llm ? { llm: c.llm } : {}),
      logger: { warn: (m) => io.stderr.write(`${m}\n`) },
    });
    write(out, r.body);
    io.stdout.write(
      `wrote ${out}: ${data.meta.reportNumber}, ${data.meta.period.label}, ${data.queries.length} queries${r.summary.note ? `; ${r.summary.note}` : ''}\n`,
    );
    return 0;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      io.stderr.write(`TF_ERR_REPORT_ARGS: ${err.message}\n${REPORT_USAGE}`);
      return 2;
    }
    if (e instanceof ReportError) {
      io.stderr.write(`${e.code}: ${e.message}\n`);
      return e.code === 'TF_ERR_REPORT_ARGS' ? 2 : 1;
    }
    throw e;
  }
}
