import { loadConfig } from '../../config/config.ts';
import { UsageError, type CliIO } from '../io.ts';
import { sourceTestCommand } from './source-test.ts';

export const SOURCE_HELP = `tingfeng source — information sources (信息源)

Usage:
  tingfeng source test --config FILE.json     fetch once without storing; print normalised items as JSON lines

Examples:
  tingfeng source test --config board.json
`;

export async function sourceCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout.write(SOURCE_HELP);
    return sub ? 0 : 2;
  }
  if (sub === 'test') return sourceTestCommand(rest, io, { userAgent: loadConfig().userAgent });
  throw new UsageError(`unknown subcommand source ${sub}`);
}
