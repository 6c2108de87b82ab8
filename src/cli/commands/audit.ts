import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../../services/audit.service.ts';
import { openContext } from '../context.ts';
import { UsageError, type CliIO } from '../io.ts';

export const AUDIT_HELP = `tingfeng audit verify — check the hash chain of the audit log

Usage:
  tingfeng audit verify [--data-dir DIR]

Exit code 0 when every row links to the one before and its hash matches; 1 and the first broken row otherwise.

Example:
  tingfeng audit verify
`;

export async function auditCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write(AUDIT_HELP);
    return 0;
  }
  if (positionals[0] !== 'verify') throw new UsageError('usage: tingfeng audit verify');
  const ctx = await openContext({ overrides: { dataDir: values['data-dir'] } });
  try {
    const r = await verifyAuditChain(ctx.store);
    if (r.ok) {
      io.stdout.write(`audit chain ok: ${r.rows} rows verified\n`);
      return 0;
    }
    io.stderr.write(`audit chain BROKEN at row seq=${r.broken!.seq} (${r.broken!.reason === 'hash' ? 'its content does not match its hash: the row was altered' : 'it does not link to the previous row: a row was removed or inserted'})\n`);
    return 1;
  } finally {
    await ctx.store.close();
  }
}
