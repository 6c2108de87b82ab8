import { describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../analysis/analyze.ts';
import { prepareItem } from '../pipeline/prepare.ts';
import { analyseBatchOrEach, analysePrepared, analysePreparedBatch, type PreparedInput } from './analyse-post.ts';

const source = { id: 'src1', name: '论坛', weight: 1, demo: false };
const texts = [
  '城关镇停水三天了，自来水公司说管道抢修，什么时候恢复供水？',
  '转发一下，大家看看//@网友1:城关镇停水三天了，自来水公司说管道抢修',
  '学校门口接送孩子的车辆拥堵，交通秩序混乱，希望交警管一管。',
  '今天天气很好，公园里的花都开了。',
];
const inputs = (): PreparedInput[] =>
  texts.map((text, i) => ({ p: prepareItem({ url: `https://bbs.example.cn/t/${i}`, title: i % 2 ? null : `帖子${i}`, text, author: `网友${i}` }, source, 1_700_000_000_000), sourceName: source.name }));
const analyzer = () => createAnalyzer({ plans: [{ name: '供水', expression: '停水 OR 自来水' }], dedupWindow: 1 });

/** The real analyser, except that it throws on any post whose text contains `poison`. */
function poisoned(a: Analyzer, poison: string): Analyzer {
  const check = (text: string) => {
    if (text.includes(poison)) throw new Error(`cannot analyse: ${poison}`);
  };
  return {
    ...a,
    analyze: (x) => (check(x.text), a.analyze(x)),
    analyzeDetailed: (x) => (check(x.text), a.analyzeDetailed(x)),
    analyzeBatch: (xs) => (xs.forEach((x) => check(x.text)), a.analyzeBatch(xs)),
  };
}

describe('stateless analysis in batches (worker analyze)', () => {
  it('gives the same results for a batch as one post at a time', () => {
    const one = inputs().map((x) => analysePrepared(analyzer(), x.p, x.sourceName));
    const batch = analysePreparedBatch(analyzer(), inputs());
    expect(batch).toEqual(one);
    expect(batch[0]!.post.analysis.plans).toEqual([{ plan: '供水', terms: expect.arrayContaining(['停水']) }]);
    expect(batch.every((r) => r.post.analysis.duplicateOf === null && r.coreText.length > 0)).toBe(true);
  });

  it('singles out the one post that throws; the rest of the batch is analysed as usual', async () => {
    const failed: [string, string][] = [];
    let fellBack = 0;
    const batch = inputs();
    const out = await analyseBatchOrEach(
      poisoned(analyzer(), '交通秩序'),
      batch,
      async (item, err) => void failed.push([item.p.row.id, (err as Error).message]),
      () => fellBack++,
    );
    expect(fellBack).toBe(1);
    expect(failed).toEqual([[batch[2]!.p.row.id, 'cannot analyse: 交通秩序']]);
    expect(out[2]).toBeNull();
    const expected = analysePreparedBatch(analyzer(), inputs());
    expect([out[0], out[1], out[3]]).toEqual([expected[0], expected[1], expected[3]]);
  });

  it('does not fall back when nothing throws', async () => {
    let fellBack = 0;
    const out = await analyseBatchOrEach(analyzer(), inputs(), async () => undefined, () => fellBack++);
    expect(fellBack).toBe(0);
    expect(out.every((r) => r !== null)).toBe(true);
  });
});
