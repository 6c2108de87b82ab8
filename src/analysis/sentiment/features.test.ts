import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from '../normalize.ts';
import { segment } from '../segment.ts';
import { extractFeatures, hashFeatures, hashedFeatures } from './features.ts';

function features(raw: string): { keys: string[]; displays: (string | null)[] } {
  const text = normalizeText(raw);
  return extractFeatures(text, segment(text));
}

describe('sentiment features', () => {
  it('marks the words after a negator until punctuation, and shows them as 不+word', () => {
    const f = features('送餐不及时，饭菜还可以');
    expect(f.keys).toContain('n:及时');
    expect(f.keys).not.toContain('w:及时');
    expect(f.displays).toContain('不+及时');
    // the scope ends at the comma
    expect(f.keys).toContain('w:饭菜');
    expect(f.keys.some((k) => k.startsWith('n:饭'))).toBe(false);
  });

  it('limits a negation scope to three words', () => {
    const f = features('没有 一 二 三 四');
    expect(f.keys).toEqual(expect.arrayContaining(['n:一', 'n:二', 'n:三', 'w:四']));
  });

  it('turns Weibo emoticon codes and emoji into features, not words', () => {
    const f = features('气死了[怒][怒]😡');
    expect(f.keys).toContain('e:[怒]');
    expect(f.keys).toContain('j:😡');
    expect(f.displays).toContain('[怒]');
    expect(f.keys.filter((k) => k === 'e:[怒]')).toHaveLength(1);
    expect(f.keys).not.toContain('w:怒');
  });

  it('drops @mentions and URLs as words but notes the repost chain and link', () => {
    const f = features('说得对//@张三丰:支持 http://t.cn/abc');
    expect(f.keys).toContain('m:repost');
    expect(f.keys).toContain('m:url');
    expect(f.keys.some((k) => k.includes('张三丰'))).toBe(false);
    expect(f.keys.some((k) => k.includes('t.cn'))).toBe(false);
    expect(f.keys).toContain('w:支持');
  });

  it('has punctuation cues for repeated ! and ?', () => {
    const f = features('凭什么？？太过分了！！！');
    expect(f.keys).toEqual(expect.arrayContaining(['p:?', 'p:??', 'p:!', 'p:!!']));
  });

  it('never throws, yields unique keys and in-range buckets for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const text = normalizeText(s);
        const f = extractFeatures(text, segment(text));
        expect(new Set(f.keys).size).toBe(f.keys.length);
        expect(f.displays).toHaveLength(f.keys.length);
        for (const b of hashFeatures(f.keys, 12)) expect(b).toBeLessThan(4096);
      }),
      { numRuns: 200 },
    );
  });

  it('fast hashed path gives the same buckets as hashing the keys', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('', '不好吃！', '[泪]//@某人: 哈哈 😂'), (s, tail) => {
        const text = normalizeText(s + tail);
        const tokens = segment(text);
        const slow = [...hashFeatures(extractFeatures(text, tokens).keys, 16)].sort();
        const fast = [...hashedFeatures(text, tokens, { bits: 16, charNgrams: [1, 2], wordBigrams: true, negation: true }).idx].sort();
        expect(fast).toEqual(slow);
      }),
      { numRuns: 300 },
    );
  });

  // Tricky pieces for the fast path: cased Greek/Turkish/Deseret (lower-casing beyond ASCII), lone and paired
  // surrogates, emoji, masks (URLs, mentions, emoticons), cue punctuation runs, hashtags across lines.
  const PIECES = ['不', '好', '没有', '及时', 'ΑΣ', 'İ', 'ABC', 'Ok', '!', '?', '。', '.', '…', '#', '\n', ' ', '//', '@某人', ':', 'www.', 'WwW.x', 'http://t.cn/x',
    '[泪]', '😂', '©', '\uD800', '\uDC00', '𐐀', '～', '~', '12', '3.5%', '，', '【', '“', '\t', '\u3000'];
  const tricky = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''));

  it('fast hashed path gives the same features and display forms on tricky and raw (unnormalised) text', () => {
    const cfg = { bits: 30, charNgrams: [1, 2, 3], wordBigrams: true, negation: true };
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 60 })), fc.boolean(), (s, normalise) => {
        const text = normalise ? normalizeText(s) : s;
        const tokens = segment(text);
        const ref = extractFeatures(text, tokens, cfg);
        const buckets = hashFeatures(ref.keys, 30);
        const fast = hashedFeatures(text, tokens, cfg);
        expect([...fast.idx].sort()).toEqual([...new Set(buckets)].sort());
        const slowShown = ref.displays.map((d, i) => `${buckets[i]}:${d}`).filter((x) => !x.endsWith(':null')).sort();
        const fastShown = [...fast.idx].map((b, i) => `${b}:${fast.display(i)}`).filter((x) => !x.endsWith(':null')).sort();
        expect(fastShown).toEqual(slowShown);
        for (let i = 0; i < fast.idx.length; i++) expect(fast.displayable(i)).toBe(fast.display(i) !== null);
      }),
      { numRuns: 400 },
    );
  });
});
