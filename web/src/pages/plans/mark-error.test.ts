import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markError } from './mark-error.ts';

describe('markError', () => {
  it('marks the span at the 1-based column', () => {
    expect(markError('停水 AND (积水', 8)).toEqual({ before: '停水 AND ', bad: '(', after: '积水' });
    expect(markError('a OR', 5)).toEqual({ before: 'a OR', bad: '', after: '' });
    expect(markError('停水 NEAR/x 积水', 4, 6)).toEqual({ before: '停水 ', bad: 'NEAR/x', after: ' 积水' });
  });
  it('property: the parts always join back to the expression', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.integer({ min: -5, max: 300 }),
        fc.integer({ min: -2, max: 20 }),
        (e, c, l) => {
          const m = markError(e, c, l);
          expect(m.before + m.bad + m.after).toBe(e);
        },
      ),
    );
  });
});
