import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePlan, PlanSet, type PlanNode } from './index.ts';

const lists = { places: ['城关镇', '东门村', '白石乡'] };

describe('parsePlan', () => {
  it('parses operators with precedence NOT > NEAR > AND > OR and implicit AND', () => {
    const r = parsePlan('城南路 积水 OR title:"井盖 丢失" NOT 广告', { lists });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ast.type).toBe('or');
    const or = r.ast as Extract<PlanNode, { type: 'or' }>;
    expect(or.children[0]).toMatchObject({ type: 'and', children: [{ value: '城南路' }, { value: '积水' }] });
    expect(or.children[1]).toMatchObject({ type: 'and', children: [{ value: '井盖 丢失', field: 'title', quoted: true }, { type: 'not' }] });
  });
  it('normalises terms like post text (繁→简, full width, case)', () => {
    const r = parsePlan('積水 ＡＢＣ');
    expect(r.ok && r.ast.type === 'and' && r.ast.children.map((c) => (c.type === 'term' ? c.value : ''))).toEqual(['积水', 'abc']);
  });
  it.each([
    ['(城南路 积水', 1, '缺少右括号'],
    ['城南路 积水)', 7, '多余的右括号'],
    ['积水 AND', 4, 'AND'],
    ['"井盖 丢失', 1, '引号'],
    ['@towns 积水', 1, '未知词表'],
    ['foo: 积水', 1, '未知字段'],
    ['(城南路 OR 积水) NEAR/3 井盖', 13, 'NEAR'],
    ['', 1, '为空'],
    ['积水 NEAR/x 井盖', 4, 'NEAR'],
  ])('reports %j at column %i', (src, column, text) => {
    const r = parsePlan(src, { lists });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('TF_ERR_PLAN_SYNTAX');
    expect(r.error.column).toBe(column);
    expect(r.error.message).toContain(text);
    expect(r.error.message).toMatch(/ \/ [a-zA-Z]/);
  });
  it('never throws, only returns a positioned error', () => {
    const piece = fc.constantFrom('AND', 'OR', 'NOT', 'NEAR/2', 'NEAR', '(', ')', '"', 'title:', 'text:', 'author:', 'x:', '@places', '@', '积水', '城南路', ' ', '（', '”', '&&', '||');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.array(piece, { maxLength: 30 }).map((a) => a.join(' '))), (s) => {
        const r = parsePlan(s, { lists });
        if (!r.ok) {
          expect(r.error.code).toBe('TF_ERR_PLAN_SYNTAX');
          expect(r.error.column).toBeGreaterThanOrEqual(1);
          expect(r.error.column).toBeLessThanOrEqual(Array.from(s).length + 1);
        }
      }),
      { numRuns: 3000 },
    );
    expect(parsePlan('('.repeat(5000) + 'a' + ')'.repeat(5000)).ok).toBe(false);
    expect(parsePlan(42 as unknown as string).ok).toBe(false);
  });
});

describe('PlanSet', () => {
  const set = new PlanSet(
    [
      { name: '城南路积水', expression: '城南路 (积水 OR 内涝) NOT 演习' },
      { name: '辖区地名', expression: '@places' },
      { name: '标题井盖', expression: 'title:井盖' },
      { name: '来源', expression: 'source:12345 AND 投诉' },
      { name: '临近', expression: '路灯 NEAR/3 坏' },
      { name: '坏的', expression: '(城南路' },
    ],
    { lists },
  );
  it('collects errors per plan and keeps the others', () => {
    expect(set.errors.map((e) => e.name)).toEqual(['坏的']);
    expect(set.size).toBe(5);
  });
  it('matches with the terms that hit', () => {
    const m = set.match({ title: '城南路井盖丢失', text: '城南路积水严重，东门村也内涝了', source: '12345热线' });
    expect(m).toEqual([
      { name: '城南路积水', hits: ['城南路', '积水', '内涝'] },
      { name: '辖区地名', hits: ['东门村'] },
      { name: '标题井盖', hits: ['井盖'] },
    ]);
    expect(set.match({ text: '城南路积水演习' }).map((x) => x.name)).toEqual([]);
    expect(set.match({ text: '我要投诉', source: '12345' }).map((x) => x.name)).toEqual(['来源']);
  });
  it('measures NEAR in tokens', () => {
    expect(set.match({ text: '小区门口的路灯终于坏了' }).map((x) => x.name)).toEqual(['临近']);
    expect(set.match({ text: '路灯是去年装的，质量很好，今年冬天雪下得很大，车坏了' }).map((x) => x.name)).toEqual([]);
  });
  it('agrees with a naive evaluator on random plans and texts', () => {
    const words = ['积水', '城南路', '井盖', '路灯', '噪音', '水'];
    const term = fc.constantFrom(...words);
    const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        term,
        fc.tuple(tie('e'), fc.constantFrom(' AND ', ' OR ', ' '), tie('e')).map(([a, op, b]) => `(${a}${op}${b})`),
        tie('e').map((a) => `(NOT ${a})`),
      ),
    })).e as fc.Arbitrary<string>;
    const evalAst = (n: PlanNode, text: string): boolean => {
      switch (n.type) {
        case 'term':
          return text.includes(n.value);
        case 'and':
          return n.children.every((c) => evalAst(c, text));
        case 'or':
          return n.children.some((c) => evalAst(c, text));
        case 'not':
          return !evalAst(n.child, text);
        default:
          throw new Error('not generated');
      }
    };
    const naive = (e: string, text: string): boolean => {
      const r = parsePlan(e);
      if (!r.ok) throw new Error(r.error.message);
      return evalAst(r.ast, text);
    };
    fc.assert(
      fc.property(fc.array(expr, { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom(...words, '的', '，'), { maxLength: 12 }), (exprs, parts) => {
        const text = parts.join('');
        const s = new PlanSet(exprs.map((e, i) => ({ name: String(i), expression: e })));
        expect(s.errors).toEqual([]);
        const got = s.match({ text }).map((m) => Number(m.name));
        const want = exprs.map((e, i) => (naive(e, text) ? i : -1)).filter((i) => i >= 0);
        expect(got).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});
