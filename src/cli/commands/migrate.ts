import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.ts';
import { connect } from '../../store/connection.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import type { CliIO } from '../io.ts';

export const MIGRATE_HELP = `tingfeng migrate — create or upgrade the database schema (also done automatically at start)

Usage:
  tingfeng migrate [--data-dir DIR]

Examples:
  tingfeng migrate
  DATABASE_URL=postgres://tf@db/tingfeng tingfeng migrate
`;

export async function migrateCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write(MIGRATE_HELP);
    return 0;
  }
  const config = loadConfig({ overrides: { dataDir: values['data-dir'] } });
  const conn = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDirAbs });
  try {
    const applied = await migrateToLatest(conn.db as never, conn.dialect);
    io.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
    return 0;
  } finally {
    await conn.close();
  }
}
