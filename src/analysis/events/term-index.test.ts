import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idOrderKey, TermIndex } from './term-index.ts';

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

/**
 * Event ids as the tracker makes them ("ev-" and 16 hex digits, "-2"… when taken), some sharing their first 13
 * digits, and ids of other forms: ties in shared weight are broken by id, through idOrderKey or the strings.
 */
const POOL = Array.from({ length: 41 }, (_, i) =>
  i % 5 === 0 ? `ev-${i}` : i % 5 === 1 ? `ev-00000000000ab${(i % 16).toString(16)}${(i % 3).toString(16)}` : i % 5 === 2 ? `ev-00000000000ab${(i % 16).toString(16)}0-2` : `ev-${(i * 2654435761).toString(16).padStart(16, '0').slice(0, 16)}`,
);

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
          const id = POOL[o.ev]!;
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

  it('orders event ids by idOrderKey as the strings order them, whenever the keys differ', () => {
    const hex = fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: 16, maxLength: 16 }).map((a) => a.join(''));
    const id = fc.oneof(
      hex.map((h) => `ev-${h}`),
      fc.tuple(hex, fc.integer({ min: 2, max: 12 })).map(([h, n]) => `ev-${h}-${n}`),
      fc.string({ maxLength: 20 }),
      hex.map((h) => `ev-${h.slice(0, 13)}000`),
    );
    fc.assert(
      fc.property(id, id, (a, b) => {
        const ka = idOrderKey(a);
        const kb = idOrderKey(b);
        if (Number.isNaN(ka) || Number.isNaN(kb) || ka === kb) return;
        expect(ka < kb).toBe(a < b);
      }),
      { numRuns: 2000 },
    );
    expect(idOrderKey('ev-0123456789abcdef')).toBe(0x0123456789abc);
    expect(idOrderKey('ev-0123456789ABCDEF')).toBeNaN();
    expect(idOrderKey('post-1')).toBeNaN();
  });
});
