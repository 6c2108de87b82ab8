import { describe, expect, it } from 'vitest';
import { newId, stableId } from './ids.ts';

describe('ids', () => {
  it('newId: prefix, 26 base32 characters, unique across pool refills, ordered by time', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => newId('mem', 1_700_000_000_000 + i));
    for (const id of ids) expect(id).toMatch(/^mem_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // the random part differs between two ids made in the same millisecond
    const [a, b] = [newId('x', 5), newId('x', 5)];
    expect(a.slice(0, 12)).toBe(b.slice(0, 12));
    expect(a).not.toBe(b);
  });

  it('stableId: the same key always gives the same id', () => {
    expect(stableId('p', 'src|https://a.cn/1')).toBe(stableId('p', 'src|https://a.cn/1'));
    expect(stableId('p', 'src|https://a.cn/1')).not.toBe(stableId('p', 'src|https://a.cn/2'));
  });
});
