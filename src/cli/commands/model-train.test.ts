import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSentimentModel } from '../../analysis/sentiment/index.ts';
import { normalizeText } from '../../analysis/normalize.ts';
import { segment } from '../../analysis/segment.ts';
import { UsageError, type CliIO } from '../io.ts';
import { modelTrainCommand } from './model-train.ts';

const dir = mkdtempSync(join(tmpdir(), 'tf-model-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (c: Buffer) => (o += c.toString()));
  stderr.on('data', (c: Buffer) => (e += c.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr }, out: () => o, err: () => e };
}

describe('tingfeng model train --from-labels', () => {
  it('fine-tunes on the labels and writes a model the desk can load', async () => {
    const t = io();
    const labels = [
      { text: '网格员又来登记了', label: 'positive' as const },
      { text: '村口的路灯还是不亮', label: 'negative' as const },
    ];
    const code = await modelTrainCommand(['train', '--from-labels'], t.io, { loadLabels: async () => labels, modelDir: dir });
    expect(code).toBe(0);
    expect(t.out()).toMatch(/fine-tuned on 2 labels/);
    expect(existsSync(join(dir, 'sentiment-v1.bin'))).toBe(true);
    const m = loadSentimentModel(dir);
    expect(m.provenance).toMatchObject({ fineTunedOn: { labels: 2, positive: 1, negative: 1 } });
    const text = normalizeText('网格员又来登记了');
    expect(m.predict(text, segment(text)).label).toBe('positive');
  });

  it('says what to do when there are no labels', async () => {
    const t = io();
    const code = await modelTrainCommand(['--from-labels'], t.io, { loadLabels: async () => [], modelDir: dir });
    expect(code).toBe(1);
    expect(t.err()).toMatch(/TF_ERR_NO_LABELS/);
  });

  it('rejects a call without --from-labels or with a bad weight', async () => {
    const t = io();
    const deps = { loadLabels: async () => [], modelDir: dir };
    await expect(modelTrainCommand([], t.io, deps)).rejects.toBeInstanceOf(UsageError);
    await expect(modelTrainCommand(['--from-labels', '--weight', '-1'], t.io, deps)).rejects.toThrow(/--weight/);
  });
});
