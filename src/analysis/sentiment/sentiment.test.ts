import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize.ts';
import { segment } from '../segment.ts';
import {
  DEFAULT_MODEL_DIR,
  fineTune,
  loadDefaultSentimentModel,
  loadSentimentModel,
  loadSentimentModelOrDefault,
  saveSentimentModel,
  type SentimentModel,
} from './index.ts';
import { hashedFeatures } from './features.ts';
import { featureValue, headMargin, packHeads, packedMargins } from './model.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tf-sentiment-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(model: SentimentModel, raw: string) {
  const text = normalizeText(raw);
  return model.predict(text, segment(text));
}

describe('committed sentiment model', () => {
  const model = loadDefaultSentimentModel();

  it('is loaded once and cached', () => {
    expect(loadDefaultSentimentModel()).toBe(model);
  });

  it.each([
    ['服务态度太差了，再也不来了', 'negative'],
    ['非常满意，点赞！', 'positive'],
    ['城管打人了！！！还有没有王法[怒]', 'negative'],
    ['感谢社区工作人员的辛苦付出', 'positive'],
    ['房间干净，服务热情，下次还会再来', 'positive'],
  ] as const)('%s → %s', (text, label) => {
    const r = run(model, text);
    expect(r.label).toBe(label);
    expect(Math.sign(r.score)).toBe(label === 'positive' ? 1 : -1);
  });

  it('gives probabilities that sum to one, a score in [-1, 1] and readable evidence', () => {
    const r = run(model, '送餐太慢了，不及时，饭都凉了[怒]');
    const sum = r.probs.negative + r.probs.neutral + r.probs.positive;
    expect(sum).toBeCloseTo(1, 6);
    expect(r.score).toBeGreaterThanOrEqual(-1);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.score).toBeCloseTo(r.probs.positive - r.probs.negative, 6);
    expect(r.evidence.length).toBeGreaterThan(0);
    for (const e of r.evidence) expect(e).not.toMatch(/^[a-z]:/);
  });

  it('scores with int16 weights as the model file stores them, close to the float heads, in any feature order', () => {
    const w = model.weights;
    const file = new Int16Array(readFileSync(join(DEFAULT_MODEL_DIR, 'sentiment-v1.bin')).buffer.slice(0));
    const size = 1 << w.features.bits;
    const meta = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, 'sentiment-v1.json'), 'utf8')) as { heads: Record<'polarity' | 'neutral', { scale: number }> };
    fc.assert(
      fc.property(fc.array(fc.nat(size - 1), { maxLength: 400 }), (list) => {
        const idx = Uint32Array.from(new Set(list));
        const v = featureValue(idx.length);
        const { zP, zN } = packedMargins(packHeads(w), idx, idx.length);
        let sp = 0;
        let sn = 0;
        for (const j of idx) {
          sp += file[j]!;
          sn += file[size + j]!;
        }
        expect(zP).toBeCloseTo(w.polarity.bias + sp * meta.heads.polarity.scale * v, 5);
        expect(zN).toBeCloseTo(w.neutral.bias + sn * meta.heads.neutral.scale * v, 5);
        expect(Math.abs(zP - headMargin(w.polarity, idx, v))).toBeLessThan(1e-3);
        const reversed = Uint32Array.from([...idx].reverse());
        expect(packedMargins(packHeads(w), reversed, reversed.length)).toEqual({ zP, zN });
      }),
      { numRuns: 30 },
    );
  });

  it('shows as evidence the features that push towards the label, strongest first, each once', () => {
    const text = normalizeText('送餐太慢了，不及时，饭都凉了[怒]');
    const r = model.predict(text, segment(text));
    const f = hashedFeatures(text, segment(text), model.weights.features);
    const head = r.label === 'neutral' ? model.weights.neutral : model.weights.polarity;
    const sign = r.label === 'negative' ? -1 : 1;
    const scored = [...f.idx].map((b, i) => ({ d: f.display(i), c: sign * head.weights[b]! })).filter((x) => x.d !== null && x.c > 0);
    scored.sort((a, b) => b.c - a.c);
    expect(r.evidence).toEqual([...new Set(scored.map((x) => x.d))].slice(0, 5));
  });

  it('handles empty input', () => {
    const r = model.predict('', []);
    expect(['negative', 'neutral', 'positive']).toContain(r.label);
    expect(r.evidence).toEqual([]);
  });

  it('records what it was trained on', () => {
    expect(model.provenance).toMatchObject({ command: 'npm run train:sentiment' });
    expect(readFileSync(join(DEFAULT_MODEL_DIR, 'MODEL_CARD.md'), 'utf8')).toContain('Held-out');
  });
});

describe('fine-tuning and model files', () => {
  const base = loadDefaultSentimentModel();
  // Office jargon the base model has no reason to know.
  const examples = [
    { text: '网格员又来登记了', label: 'positive' as const },
    { text: '网格员又来登记了，真及时', label: 'positive' as const },
    { text: '今天网格员又来登记了', label: 'positive' as const },
    { text: '村口的路灯还是不亮', label: 'negative' as const },
    { text: '县政府召开常务会议研究部署工作', label: 'neutral' as const },
  ];

  it('moves predictions towards the corrections without changing the base model', () => {
    const before = run(base, '网格员又来登记了').probs.positive;
    const tuned = fineTune(base, examples);
    const after = run(tuned, '网格员又来登记了');
    expect(after.probs.positive).toBeGreaterThan(before);
    expect(after.label).toBe('positive');
    expect(run(tuned, '县政府召开常务会议研究部署工作').probs.neutral).toBeGreaterThan(
      run(base, '县政府召开常务会议研究部署工作').probs.neutral,
    );
    expect(run(base, '网格员又来登记了').probs.positive).toBe(before);
    // what the base model knew elsewhere is kept
    expect(run(tuned, '服务态度太差了，再也不来了').label).toBe('negative');
  });

  it('round-trips through save and load', () => {
    const dir = tempDir();
    const tuned = fineTune(base, examples);
    saveSentimentModel(dir, tuned, { note: 'test' });
    const loaded = loadSentimentModel(dir);
    expect(loaded.provenance).toEqual({ note: 'test' });
    for (const t of ['网格员又来登记了', '非常满意，点赞！', '一般般吧']) {
      const a = run(tuned, t);
      const b = run(loaded, t);
      expect(b.label).toBe(a.label);
      expect(b.score).toBeCloseTo(a.score, 3);
    }
    // saving the loaded model again gives identical bytes
    const dir2 = tempDir();
    saveSentimentModel(dir2, loaded, { note: 'test' });
    expect(readFileSync(join(dir2, 'sentiment-v1.bin')).equals(readFileSync(join(dir, 'sentiment-v1.bin')))).toBe(true);
  });

  it('falls back to the committed model when the office has none, and refuses damaged files', () => {
    expect(loadSentimentModelOrDefault(tempDir())).toBe(base);
    const dir = tempDir();
    saveSentimentModel(dir, base);
    writeFileSync(join(dir, 'sentiment-v1.bin'), Buffer.alloc(10));
    expect(() => loadSentimentModel(dir)).toThrow(/expected/);
    writeFileSync(join(dir, 'sentiment-v1.json'), '{not json');
    expect(() => loadSentimentModel(dir)).toThrowError(expect.objectContaining({ code: 'TF_ERR_SENTIMENT_MODEL' }));
  });
});
