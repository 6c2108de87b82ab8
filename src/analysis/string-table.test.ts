import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StringTable } from './string-table.ts';
import { defaultIdfTable } from './idf-table.ts';
import { idf as bundledIdf } from '@node-rs/jieba/dict';

describe('StringTable', () => {
  it('behaves like a Map for any sequence of sets and gets (growth, replacement, similar keys)', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom('城南', '城南路', '城', '', 'a', 'A'));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.double({ noNaN: true }), fc.boolean()), { maxLength: 300 }), (ops) => {
        const t = new StringTable(4);
        const m = new Map<string, number>();
        for (const [k, v, isSet] of ops) {
          if (isSet) {
            t.set(k, v);
            m.set(k, v);
          } else expect(t.get(k)).toBe(m.get(k));
        }
        expect(t.size).toBe(m.size);
        for (const [k, v] of m) expect(t.get(k)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });

  it('holds every word of the bundled IDF table with its value', () => {
    const text = Buffer.from(bundledIdf.buffer, bundledIdf.byteOffset, bundledIdf.byteLength).toString('utf8');
    const table = defaultIdfTable();
    let n = 0;
    for (const line of text.split('\n')) {
      const sp = line.lastIndexOf(' ');
      if (sp <= 0 || n++ % 97 !== 0) continue;
      expect(table.idf(line.slice(0, sp))).toBe(Number(line.slice(sp + 1)));
    }
    expect(n).toBeGreaterThan(200_000);
  });
});
