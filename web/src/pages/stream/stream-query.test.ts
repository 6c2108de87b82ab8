import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { postsQuery, readFilters, writeFilters, type StreamFilters } from './stream-query.ts';

describe('stream filters in the URL', () => {
  it('reads defaults from an empty query and ignores junk', () => {
    expect(readFilters(new URLSearchParams('range=3y&sentiment=angry,negative&page=-2&level=7'))).toEqual({
      q: '',
      range: '',
      source: [],
      sentiment: ['negative'],
      plan: '',
      place: '',
      unit: '',
      level: 0,
      fold: true,
      page: 1,
    });
  });
  it('property: write then read gives the filters back', () => {
    const word = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes(','));
    const filters = fc.record({
      q: fc.string({ maxLength: 10 }),
      range: fc.constantFrom('', '1h', '24h', '7d', '30d'),
      source: fc.array(word, { maxLength: 3 }),
      sentiment: fc.subarray(['negative', 'neutral', 'positive']),
      plan: fc.string({ maxLength: 6 }),
      place: fc.string({ maxLength: 6 }),
      unit: fc.string({ maxLength: 6 }),
      level: fc.integer({ min: 0, max: 4 }),
      fold: fc.boolean(),
      page: fc.integer({ min: 1, max: 500 }),
    }) as fc.Arbitrary<StreamFilters>;
    fc.assert(
      fc.property(filters, (f) => {
        expect(readFilters(writeFilters(f))).toEqual(f);
      }),
    );
  });
  it('turns a relative range into an ISO start time and sends folding explicitly', () => {
    const f = readFilters(new URLSearchParams('range=24h&q=%20积水%20&fold=false'));
    const q = postsQuery(f, new Date('2026-05-02T00:00:00Z'));
    expect(q).toMatchObject({ q: '积水', from: '2026-05-01T00:00:00.000Z', fold: 'false', page: 1, pageSize: 20 });
    expect(q.level).toBeUndefined();
  });
  it('sends the warning level of the post’s event, and drops levels that do not exist', () => {
    const now = new Date('2026-05-02T00:00:00Z');
    expect(postsQuery(readFilters(new URLSearchParams('level=2')), now)).toMatchObject({ level: 2 });
    expect(writeFilters(readFilters(new URLSearchParams('level=2&page=3'))).toString()).toBe('level=2&page=3');
    for (const junk of ['0', '5', 'red', '1.5', '-1'])
      expect(postsQuery(readFilters(new URLSearchParams(`level=${junk}`)), now).level).toBeUndefined();
  });
});
