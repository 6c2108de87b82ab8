import { describe, expect, it } from 'vitest';
import { addUserWords, replaceUserWords, segment } from './segment.ts';

describe('replaceUserWords', () => {
  it('adds a named list, and forgets a word removed from it while keeping the other user words', () => {
    const text = '锦绣澜湾小区门口的澜沧新街积水';
    expect(segment(text)).not.toContain('锦绣澜湾');
    addUserWords(['澜沧新街']); // a word from elsewhere (e.g. the gazetteer)
    expect(replaceUserWords('test-list', [{ word: '锦绣澜湾', freq: 200000, tag: 'ns' }])).toBe(false);
    expect(segment(text)).toContain('锦绣澜湾');
    expect(segment(text)).toContain('澜沧新街');
    // removing the word rebuilds the segmenter without it; the gazetteer's word stays
    expect(replaceUserWords('test-list', [])).toBe(true);
    expect(segment(text)).not.toContain('锦绣澜湾');
    expect(segment(text)).toContain('澜沧新街');
    // setting the same list again changes nothing
    expect(replaceUserWords('test-list', [])).toBe(false);
  });
});
