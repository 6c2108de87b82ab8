import { describe, expect, it } from 'vitest';
import { extractKeywords, extractPhrases, IdfTable } from './keywords.ts';
import { segment } from './segment.ts';
import { isContentToken } from './stopwords.ts';

const TEXT = '城南路下水道堵塞，一下雨城南路就积水，电动车没法通行，希望住建局尽快疏通下水道。';

describe('extractKeywords', () => {
  it('ranks content words and skips stop words and punctuation', () => {
    const kw = extractKeywords(segment(TEXT), 10);
    const terms = kw.map((k) => k.term);
    expect(terms).toContain('下水道');
    expect(terms).not.toContain('希望');
    expect(terms.every((t) => isContentToken(t))).toBe(true);
    expect(kw.length).toBeLessThanOrEqual(10);
    for (let i = 1; i < kw.length; i++) expect(kw[i - 1]!.weight).toBeGreaterThanOrEqual(kw[i]!.weight);
  });
  it('returns nothing for empty or stop-word-only input', () => {
    expect(extractKeywords([])).toEqual([]);
    expect(extractKeywords(['的', '了', '，'])).toEqual([]);
  });
});

describe('IdfTable', () => {
  it('lowers the IDF of words common in the office corpus and round-trips', () => {
    const t = new IdfTable();
    const before = t.idf('城南路');
    t.update(Array.from({ length: 2000 }, () => ['城南路', '积水']));
    expect(t.idf('城南路')).toBeLessThan(before);
    const copy = IdfTable.deserialize(JSON.parse(JSON.stringify(t.serialize())));
    expect(copy.idf('城南路')).toBeCloseTo(t.idf('城南路'), 10);
    expect(copy.localDocuments).toBe(2000);
    expect(IdfTable.deserialize({ version: 1, documents: 0, df: [] }).idf('的')).toBeGreaterThan(0);
  });
});

describe('extractPhrases', () => {
  it('joins adjacent content tokens', () => {
    const ph = extractPhrases(['城南', '下水道', '堵塞', '，', '城南', '下水道', '堵塞'], 3);
    expect(ph[0]!.term).toBe('城南下水道堵塞');
  });
});
