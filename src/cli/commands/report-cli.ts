/**
 * `tingfeng report …` and `tingfeng export cases …` over the configured store: opens it, builds the store's
 * ReportDataSource and runs reportCommand (src/cli/commands/report.ts). Links in the documents point at the
 * setting `reports.baseUrl` (default http://localhost:PORT). Files written here are not put in the archive; the
 * desk's POST /api/reports and the schedule do that.
 */
import { userInfo } from 'node:os';
import { openContext } from '../context.ts';
import type { CliIO } from '../io.ts';
import { createStoreReportDataSource } from '../../store/report-data.ts';
import type { ReportTemplateInput } from '../../reports/template.ts';
import { REPORT_USAGE, reportCommand } from './report.ts';

function who(): string {
  try {
    return `命令行（${userInfo().username}）`;
  } catch {
    return '命令行';
  }
}

async function run(argv: string[], io: CliIO, command: 'report' | 'export'): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    io.stdout.write(REPORT_USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const { config, store } = await openContext();
  try {
    const [baseUrl, template, cutoff] = await Promise.all([
      store.repos.settings.get<string>('reports.baseUrl'),
      store.repos.settings.get<ReportTemplateInput>('reports.template'),
      store.repos.settings.get<string>('reports.dailyCutoff'),
    ]);
    return await reportCommand(
      argv,
      io,
      {
        dataSource: createStoreReportDataSource(store, { timeZone: config.timezone }),
        config: {
          officeName: config.officeName,
          timeZone: config.timezone,
          baseUrl: typeof baseUrl === 'string' && baseUrl ? baseUrl : `http://localhost:${config.port}`,
          generatedBy: who(),
          now: new Date(),
          ...(typeof cutoff === 'string' && cutoff ? { dailyCutoff: cutoff } : {}),
          ...(template ? { template } : {}),
        },
      },
      command,
    );
  } finally {
    await store.close();
  }
}

/** `tingfeng report daily|weekly|monthly|event …` (argv after "report"). */
export function reportCli(argv: string[], io: CliIO): Promise<number> {
  return run(argv, io, 'report');
}

/** `tingfeng export cases --from … --to … --out FILE.xlsx` (argv after "export"). */
export function exportCli(argv: string[], io: CliIO): Promise<number> {
  return run(argv, io, 'export');
}
