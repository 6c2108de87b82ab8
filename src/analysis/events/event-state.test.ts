import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventState, type MemberInfo } from './event-state.ts';
import { TermTable } from './packed.ts';

describe('EventState', () => {
  it('keeps the SimHash halves of exactly its vector members, in order, through adds, trims and removals', () => {
    const table = new TermTable(1000, 500);
    const vec = table.pack(new Map([['停水', 1]]));
    const op = fc.oneof(
      fc.record({ add: fc.boolean(), hashed: fc.boolean(), hi: fc.nat({ max: 0xffffffff }), lo: fc.nat({ max: 0xffffffff }) }),
      fc.record({ remove: fc.nat({ max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 6 }), (ops, keep) => {
        const ev = new EventState('ev-1', { centroidTerms: 10, memberVectors: keep, maxSources: 10, seriesHours: 24 });
        let n = 0;
        for (const o of ops) {
          if ('add' in o) {
            const m: MemberInfo = { id: `p${n++}`, at: n * 60_000, vec };
            if (o.hashed) Object.assign(m, { simhashHi: o.hi, simhashLo: o.lo });
            ev.addMember(m, [], []);
          } else if (n > 0) ev.removeMember(`p${o.remove % n}`);
          const want = ev.vectorMembers().flatMap((m) => (m.simhashHi === undefined ? [] : [m.simhashHi, m.simhashLo!]));
          expect([...ev.memberHashes()]).toEqual(want);
        }
      }),
      { numRuns: 200 },
    );
  });
});
