import { join } from 'node:path';
import { UsageError, type CliIO } from '../io.ts';
import { openContext } from '../context.ts';
import { modelTrainCommand, MODEL_TRAIN_HELP } from './model-train.ts';
import type { SentimentLabel } from '../../analysis/sentiment/index.ts';

export async function modelCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout.write(MODEL_TRAIN_HELP);
    return sub ? 0 : 2;
  }
  if (sub !== 'train') throw new UsageError(`unknown subcommand model ${sub}`);
  if (rest.includes('--help') || rest.includes('-h')) return modelTrainCommand(rest, io, { loadLabels: async () => [], modelDir: '.' });
  const ctx = await openContext();
  try {
    return await modelTrainCommand(rest, io, {
      modelDir: join(ctx.config.dataDirAbs, 'models'),
      loadLabels: async () =>
        (await ctx.store.repos.posts.labelledTexts()).map((l) => ({ text: l.title ? `${l.title}\n${l.text}` : l.text, label: l.label as SentimentLabel })),
    });
  } finally {
    await ctx.store.close();
  }
}
