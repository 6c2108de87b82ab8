/** `tingfeng` command dispatcher. Exit codes: 0 ok, 1 failure, 2 usage error. */
import { ConfigError } from '../config/config.ts';
import { AppError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { processIO, UsageError, type CliIO } from './io.ts';

type Command = { summary: string; run: (argv: string[], io: CliIO) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  serve: { summary: 'run the desk: API, dashboard, collection (default embedded SQLite)', run: async (a, io) => (await import('./commands/serve.ts')).serveCommand(a, io) },
  migrate: { summary: 'create or upgrade the database schema', run: async (a, io) => (await import('./commands/migrate.ts')).migrateCommand(a, io) },
  user: { summary: 'add, list, disable people; change passwords', run: async (a, io) => (await import('./commands/user.ts')).userCommand(a, io) },
  audit: { summary: 'verify the hash-chained audit log', run: async (a, io) => (await import('./commands/audit.ts')).auditCommand(a, io) },
  analyze: { summary: 'analyse JSON-lines posts: sentiment, keywords, duplicates, places, plans, events', run: async (a, io) => (await import('./commands/analyze.ts')).analyzeCommand(a, io) },
  source: { summary: 'test, add, list, run or disable sources', run: async (a, io) => (await import('./commands/source.ts')).sourceCommand(a, io) },
  sources: { summary: 'import sources in bulk (OPML)', run: async (a, io) => (await import('./commands/source.ts')).sourcesCommand(a, io) },
  import: { summary: 'load posts from JSON lines, CSV or XLSX through the pipeline', run: async (a, io) => (await import('./commands/import.ts')).importCommand(a, io) },
  report: { summary: 'write a daily, weekly, monthly or event report (.docx/.xlsx/.html) from the store', run: async (a, io) => (await import('./commands/report-cli.ts')).reportCli(a, io) },
  export: { summary: 'export the ledger (cases) to .xlsx', run: async (a, io) => (await import('./commands/report-cli.ts')).exportCli(a, io) },
  worker: { summary: 'cluster: run a worker (collect, analyze, track, notify) on PostgreSQL + NATS', run: async (a, io) => (await import('./commands/worker.ts')).workerCommand(a, io) },
  cluster: { summary: 'cluster: init streams, status (workers, lag, dead letters), reset', run: async (a, io) => (await import('./commands/cluster.ts')).clusterCommand(a, io) },
  scheduler: { summary: 'cluster: scheduled reports and upkeep, one leader by database lease', run: async (a, io) => (await import('./commands/scheduler.ts')).schedulerCommand(a, io) },
  demo: { summary: 'the demo county: run its site, or remove its data (demo reset)', run: async (a, io) => (await import('./commands/demo.ts')).demoCommand(a, io) },
  model: { summary: 'retrain the sentiment model on the office\'s own labels', run: async (a, io) => (await import('./commands/model.ts')).modelCommand(a, io) },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return `听风 Tingfeng ${VERSION} — public-opinion monitoring and response desk

Usage: tingfeng <command> [options]     (tingfeng <command> --help for each)

Commands:
${Object.entries(COMMANDS)
  .map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Options:
  --version   print the version
  --help      this text

Examples:
  tingfeng serve --port 8080
  echo 'a-long-secret-1' | tingfeng user add wang --role duty_officer --password-stdin
  tingfeng audit verify
`;
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout.write(helpText());
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const c = COMMANDS[cmd];
  if (!c) {
    io.stderr.write(`tingfeng: unknown command "${cmd}". Run tingfeng --help for the list.\n`);
    return 2;
  }
  try {
    return await c.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`tingfeng ${cmd}: ${(e).message}\nRun tingfeng ${cmd} --help for usage.\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.stderr.write(`tingfeng: configuration error: ${e.message}\n`);
      return 1;
    }
    if (e instanceof AppError) {
      io.stderr.write(`tingfeng ${cmd}: ${e.code}: ${e.message}\n`);
      return 1;
    }
    io.stderr.write(`tingfeng ${cmd}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

/** Register an extra command (used by modules that add their commands). */
export function registerCommand(name: string, cmd: Command): void {
  COMMANDS[name] = cmd;
}
