import { describe, expect, it } from 'vitest';
import { createAnalyzer, type AnalyzeInput } from './analyze.ts';
import { Gazetteer } from './gazetteer.ts';

const BASE = [
  '城南路积水半个月没人管，居民出行太难了，希望有关部门尽快处理[怒]',
  '治河渡镇中心小学门口的红绿灯坏了三天，孩子上学过马路很危险',
  '新开的菜市场干净整洁，价格也公道，点赞！',
  '<p>县医院挂号排队两个小时，<b>服务态度</b>很差</p>',
  '#城南路积水# 今天下班又被堵在路上了',
];

function inputs(): AnalyzeInput[] {
  const out: AnalyzeInput[] = [];
  for (let i = 0; i < 40; i++) {
    const text = BASE[i % BASE.length]!;
    // copies, reposts and edits of earlier posts among fresh ones
    const body = i < BASE.length ? text : i % 3 === 0 ? `转发微博//@网友${i}:${text}` : i % 3 === 1 ? `${text}，第${i}次反映` : `${i}号：${text}`;
    out.push({ id: `p${i}`, text: body, ...(i % 4 === 0 ? { title: `标题${i % 5}` } : {}), source: 'weibo' });
  }
  return out;
}

describe('Analyzer.analyzeBatch', () => {
  it('gives the same results as analysing the posts one at a time, in order', () => {
    const make = () =>
      createAnalyzer({
        plans: [{ name: '积水', expression: '@places (积水 OR 内涝)' }],
        gazetteer: new Gazetteer([{ name: '城南路', kind: 'place' }, { name: '治河渡镇', kind: 'place' }, { name: '县医院', kind: 'unit' }]),
      });
    const one = make();
    const single = inputs().map((p) => one.analyzeDetailed(p));
    const batched = make();
    const list = inputs();
    const inBatches = [...batched.analyzeBatch(list.slice(0, 7)), ...batched.analyzeBatch(list.slice(7, 8)), ...batched.analyzeBatch(list.slice(8))];
    expect(inBatches).toEqual(single);
    // the batch did real work: copies were found and point at earlier posts
    const dups = inBatches.filter((d) => d.result.duplicate_of !== null);
    expect(dups.length).toBeGreaterThan(10);
    for (const d of dups) expect(Number(d.result.duplicate_of!.slice(1))).toBeLessThan(Number(d.result.id.slice(1)));
    expect(inBatches[0]!.result.plans.map((p) => p.name)).toEqual(['积水']);
  });

  it('returns nothing for an empty batch', () => {
    expect(createAnalyzer().analyzeBatch([])).toEqual([]);
  });

  it('skips phrases when asked (phraseCount 0), and nothing else changes', () => {
    const full = createAnalyzer().analyzeBatch(inputs());
    const lean = createAnalyzer({ phraseCount: 0 }).analyzeBatch(inputs());
    expect(full.some((d) => d.result.phrases.length > 0)).toBe(true);
    expect(lean.every((d) => d.result.phrases.length === 0)).toBe(true);
    expect(lean.map((d) => ({ ...d, result: { ...d.result, phrases: [] } }))).toEqual(full.map((d) => ({ ...d, result: { ...d.result, phrases: [] } })));
  });
});
