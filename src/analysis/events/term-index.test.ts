import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TermIndex } from './term-index.ts';

/** The obvious implementation: accumulate per event id, sort everything, keep the first `limit`. */
function naiveRanked(events: Map<string, Set<string>>, terms: [string, number][], limit: number): { all: number; top: string[] } {
  const acc = new Map<string, number>();
  for (const [t, w] of terms) for (const [e, ts] of events) if (ts.has(t)) acc.set(e, (acc.get(e) ?? 0) + w);
  if (acc.size <= limit) return { all: acc.size, top: [...acc.keys()].sort() };
  const top = [...acc.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([e]) => e);
  return { all: acc.size, top };
}

describe('TermIndex', () => {
  const term = fc.constantFrom('积水', '道路', '学校', '食堂', '停水', '维修', '村民', '价格');
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), ev: fc.integer({ min: 0, max: 40 }), terms: fc.array(term, { maxLength: 5 }) }),
    fc.record({ kind: fc.constant('set' as const), ev: fc.integer({ min: 0, max: 40 }), terms: fc.array(term, { maxLength: 5 }) }),
    fc.record({ kind: fc.constant('remove' as const), ev: fc.integer({ min: 0, max: 40 }), terms: fc.constant([]) }),
  );

  it('ranks candidates like accumulating and sorting every event, through adds, sets and removals', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.array(fc.tuple(term, fc.constantFrom(0.1, 0.25, 0.5, 1)), { maxLength: 6 }), fc.integer({ min: 1, max: 8 }), (ops, query, limit) => {
        const idx = new TermIndex<{ id: string }>();
        const vocab = ['积水', '道路', '学校', '食堂', '停水', '维修', '村民', '价格'];
        const ids = (ts: readonly string[]): number[] => ts.map((t) => vocab.indexOf(t));
        const model = new Map<string, Set<string>>();
        for (const o of ops) {
          const id = `ev-${o.ev}`;
          if (o.kind === 'remove') {
            idx.remove(id);
            model.delete(id);
          } else if (o.kind === 'set') {
            idx.set({ id }, ids(o.terms));
            model.set(id, new Set(o.terms));
          } else {
            idx.add({ id }, ids(o.terms));
            const s = model.get(id) ?? new Set<string>();
            for (const t of o.terms) s.add(t);
            model.set(id, s);
          }
        }
        const got = idx.rankedCandidates(ids(query.map(([t]) => t)), query.map(([, w]) => w), query.length, limit).map((e) => e.id);
        const want = naiveRanked(model, query, limit);
        // up to `limit` matches come back in first-seen order; beyond that, ranked
        expect(want.all <= limit ? [...got].sort() : got).toEqual(want.top);
        const shared = new Set<string>(query.map(([t]) => t));
        expect([...idx.candidates(ids([...shared]))].sort()).toEqual([...model].filter(([, ts]) => [...ts].some((t) => shared.has(t))).map(([e]) => e).sort());
      }),
      { numRuns: 300 },
    );
  });
});
