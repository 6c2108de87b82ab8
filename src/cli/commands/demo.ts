/** `tingfeng demo site|reset`: run the demo site on its own, or remove the demo county from the desk. */
import { parseArgs } from 'node:util';
import { demoSiteCommand } from '../../demo/command.ts';
import { resetDemo } from '../../demo/reset.ts';
import { openContext } from '../context.ts';
import { UsageError, type CliIO } from '../io.ts';

export const DEMO_HELP = `tingfeng demo — the demo county (示范县 临澜县, fictional)

Usage:
  tingfeng demo site [--port 8090] [--speed 180] [--behind 3] [--hotline-file F] [--print-sources]
  tingfeng demo reset [--data-dir DIR]

Commands:
  site    run the demo site on its own (forums incl. a GBK one, RSS, JSON API, 12345 export); --help for options
  reset   remove all demo data from the desk: demo sources and their posts, demo events, the alerts and cases
          linked to them, and the users, units, plans, rules, playbook and roster rows the demo installed.
          The audit log keeps everything and records the reset. Stop \`tingfeng serve\` first.
          On a desk without sources the next \`tingfeng serve\` installs the demo again; --no-demo starts clean.

Examples:
  tingfeng demo reset
  tingfeng demo site --port 8090 --print-sources
`;

async function reset(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(DEMO_HELP);
    return 0;
  }
  const ctx = await openContext({ overrides: { dataDir: values['data-dir'] } });
  try {
    const r = await resetDemo(ctx.store, new Date());
    if (!r.found) {
      io.stdout.write('no demo data on this desk: nothing removed\n');
      return 0;
    }
    const n = r.removed;
    io.stdout.write(
      `demo county removed: ${n.sources} sources, ${n.posts} posts, ${n.events} events, ${n.alerts} alerts, ${n.cases} cases, ` +
        `${n.users} users, ${n.units} units, ${n.plans} plans, ${n.rules} alert rules, ${n.playbooks} playbooks, ${n.shifts} roster rows (recorded in the audit log)\n`,
    );
    if (r.kept.users.length || r.kept.units.length) {
      io.stdout.write(
        `kept because other records name them: ${r.kept.users.length} users, ${r.kept.units.length} units\n`,
      );
    }
    return 0;
  } finally {
    await ctx.store.close();
  }
}

export async function demoCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'site') return demoSiteCommand(rest, { stdout: io.stdout, stderr: io.stderr });
  if (sub === 'reset') return reset(rest, io);
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout.write(DEMO_HELP);
    return sub ? 0 : 2;
  }
  throw new UsageError(`unknown subcommand "${sub}" (site or reset)`);
}
