import { describe, expect, it } from 'vitest';
import { sparkPoints } from './sparkline.tsx';

describe('sparkPoints', () => {
  it('scales values to the box, highest at the top', () => {
    expect(sparkPoints([0, 5, 10], 100, 22)).toBe('0,21 50,11 100,1');
    expect(sparkPoints([], 100, 22)).toBe('');
    expect(sparkPoints([3], 100, 22)).toBe('0,1');
  });
});
