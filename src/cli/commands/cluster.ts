/** `tingfeng cluster init|status|reset` — set up and inspect the cluster's streams, consumers and workers. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.ts';
import { openClusterContext } from '../../cluster/context.ts';
import { ClusterError } from '../../cluster/errors.ts';
import { clusterLogger } from '../../cluster/process.ts';
import { clusterStatus, formatStatus } from '../../cluster/status.ts';
import { deleteTopology } from '../../cluster/topology.ts';
import { UsageError, type CliIO } from '../io.ts';

export const CLUSTER_HELP = `tingfeng cluster — set up and inspect cluster mode (needs DATABASE_URL and NATS_URL)

Usage:
  tingfeng cluster init [--partitions N]    create streams and consumers; N track partitions (default 1)
  tingfeng cluster status [--json]          workers alive, lag per stage, unacked, oldest message, dead letters
  tingfeng cluster reset --yes              delete this cluster's streams (queued messages are lost)

Options:
  --prefix P   stream/subject prefix (default tf)

Examples:
  tingfeng cluster init --partitions 4
  tingfeng cluster status
`;

export async function clusterCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      prefix: { type: 'string' },
      partitions: { type: 'string' },
      json: { type: 'boolean' },
      yes: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const sub = positionals[0];
  if (values.help || !sub) {
    io.stdout.write(CLUSTER_HELP);
    return values.help ? 0 : 2;
  }
  if (!['init', 'status', 'reset'].includes(sub)) throw new UsageError(`unknown subcommand "${sub}"; use init, status or reset`);
  let partitions: number | undefined;
  if (values.partitions !== undefined) {
    partitions = Number(values.partitions);
    if (sub !== 'init' || !Number.isInteger(partitions) || partitions < 1 || partitions > 64) throw new UsageError('--partitions N (1–64) goes with init');
  }
  if (sub === 'reset' && !values.yes) throw new UsageError('reset deletes the queued messages; add --yes to confirm');
  const log = clusterLogger(loadConfig().logLevel);
  try {
    const ctx = await openClusterContext({ role: 'cli', log, ...(values.prefix ? { prefix: values.prefix } : {}), ...(partitions ? { partitions } : {}) });
    try {
      if (sub === 'init') io.stdout.write(`cluster ready: streams ${ctx.names.itemsStream}, ${ctx.names.analysedStream}, ${ctx.names.deadStream}; ${ctx.partitions} track partition(s)\n`);
      else if (sub === 'reset') {
        await deleteTopology(ctx.jsm, ctx.names);
        io.stdout.write(`deleted streams ${ctx.names.itemsStream}, ${ctx.names.analysedStream}, ${ctx.names.deadStream}\n`);
      } else {
        const s = await clusterStatus(ctx.store, ctx.jsm, ctx.names, ctx.partitions, new Date());
        io.stdout.write(values.json ? `${JSON.stringify(s, null, 2)}\n` : formatStatus(s));
      }
    } finally {
      await ctx.close();
    }
    return 0;
  } catch (e) {
    if (e instanceof ClusterError) {
      io.stderr.write(`tingfeng cluster ${sub}: ${e.code}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
