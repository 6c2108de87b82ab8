import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTokensOf, segment, segmentForIndex } from './segment.ts';

describe('indexTokensOf', () => {
  const texts = [
    '治河渡镇自来水管道爆裂，停水通知贴出三天了 #停水# //@网友甲: 转发',
    '城南路积水半个月没人管[怒] http://example.cn/a?b=1 价格上涨3.5%',
    '中华人民共和国国务院新闻办公室举行新闻发布会  \r\n  第二段',
    'WES-5.4.5 版本 emoji 😀 与 𠀀𠀁 生僻字',
    '',
    '   ',
  ];
  it('gives the index tokens of a text from its segment() tokens, as segmentForIndex does', () => {
    for (const t of texts) expect(indexTokensOf(segment(t))).toEqual(segmentForIndex(t));
  });

  it('agrees with segmentForIndex on random mixes of Chinese, ASCII, punctuation and whitespace (property)', () => {
    const unit = fc.constantFrom(...'停水通知自来水管道爆裂居民中华人民共和国新闻发布会的了是在，。！？ \n\tabcXYZ0123.%-#'.split(''), '😀', '𠀀');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }), (units) => {
        const t = units.join('');
        expect(indexTokensOf(segment(t))).toEqual(segmentForIndex(t));
      }),
      { numRuns: 400 },
    );
  });
});
