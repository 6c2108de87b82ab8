import { describe, expect, it } from 'vitest';
import { formatWord, mergeWords, parseDictionaryLine, parseDictionaryLines } from './dictionary-lines.ts';

describe('parseDictionaryLine', () => {
  it('reads a word, a frequency and a tag in jieba order; a lone second part may be the tag', () => {
    expect(parseDictionaryLine('锦绣澜湾')).toEqual({ word: '锦绣澜湾' });
    expect(parseDictionaryLine('锦绣澜湾 2000')).toEqual({ word: '锦绣澜湾', freq: 2000 });
    expect(parseDictionaryLine('锦绣澜湾\t2000\tns')).toEqual({ word: '锦绣澜湾', freq: 2000, tag: 'ns' });
    expect(parseDictionaryLine('澜湖大道 ns')).toEqual({ word: '澜湖大道', tag: 'ns' });
  });
  it('names what is wrong', () => {
    expect(parseDictionaryLine('锦绣 澜湾 100 ns')).toBe('tooManyParts');
    expect(parseDictionaryLine('锦绣澜湾 很多')).toBe('badFreq');
    expect(parseDictionaryLine('锦绣澜湾 0 ns')).toBe('badFreq');
    expect(parseDictionaryLine('锦绣澜湾 -5')).toBe('badFreq');
    expect(parseDictionaryLine('锦绣澜湾 ns 100')).toBe('badFreq');
    expect(parseDictionaryLine('锦绣澜湾 100 地名')).toBe('badTag');
    expect(parseDictionaryLine('字'.repeat(41))).toBe('tooLong');
  });
});

describe('parseDictionaryLines', () => {
  it('gives the words and one error per bad line with its 1-based number, skipping blanks and comments', () => {
    const r = parseDictionaryLines('# 本地小区\n锦绣澜湾 2000 ns\n\n澜湖大道 很多 ns\r\n临澜一中 nt\n锦绣澜湾\n');
    expect(r.words).toEqual([
      { word: '锦绣澜湾', freq: 2000, tag: 'ns' },
      { word: '临澜一中', tag: 'nt' },
    ]);
    expect(r.errors).toEqual([
      { line: 4, text: '澜湖大道 很多 ns', problem: 'badFreq' },
      { line: 6, text: '锦绣澜湾', problem: 'duplicate' },
    ]);
  });
});

describe('mergeWords and formatWord', () => {
  it('updates words already listed and appends new ones', () => {
    const merged = mergeWords([{ word: 'a' }, { word: 'b', freq: 3 }], [{ word: 'b', tag: 'ns' }, { word: 'c' }]);
    expect(merged).toEqual([{ word: 'a' }, { word: 'b', tag: 'ns' }, { word: 'c' }]);
    expect(formatWord({ word: '锦绣澜湾', freq: 2000, tag: 'ns' })).toBe('锦绣澜湾 2000 ns');
    expect(formatWord({ word: '锦绣澜湾', tag: 'ns' })).toBe('锦绣澜湾 ns');
  });
});
