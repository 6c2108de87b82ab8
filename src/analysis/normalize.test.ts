import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { htmlToText, normalizePost, normalizeText } from './normalize.ts';

describe('normalizeText', () => {
  it('converts Traditional (Taiwan and Hong Kong) to Simplified without harming Simplified text', () => {
    expect(normalizeText('這個軟體的滑鼠壞了，裏面有衛生問題')).toBe('这个软件的滑鼠坏了,里面有卫生问题');
    expect(normalizeText('香港綫路 爲 僞 衆')).toBe('香港线路 为 伪 众');
    expect(normalizeText('没人管么？著名的才子在台州吃饭')).toBe('没人管么?著名的才子在台州吃饭');
  });
  it('maps full-width ASCII to half-width and collapses whitespace, keeping paragraph breaks', () => {
    expect(normalizeText('ＡＢＣ　１２３！\r\n\r\n\r\n  第二段\t\t文字  ')).toBe('ABC 123!\n第二段 文字');
  });
  it('decodes entities, including double-encoded ones', () => {
    expect(normalizeText('a &amp;lt;b&amp;gt; &#x4E2D;&#25991; &nbsp;x')).toBe('a <b> 中文 x');
  });
  it('keeps emoji and Weibo emoticons', () => {
    expect(normalizeText('太气人了[怒][泪] 👍🏻 👨‍👩‍👧')).toBe('太气人了[怒][泪] 👍🏻 👨‍👩‍👧');
  });
  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
    const alphabet = fc.constantFrom(...'&amp;lt;#x41；＆ａｍｐ　 \n\r\t這裏么著才爲[泪]//@：:#话题@👍\u200b'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (a) => {
        const once = normalizeText(a.join(''));
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs, drops scripts and tags, decodes entities', () => {
    const html = '<html><head><title>t</title><script>alert("<p>x</p>")</script></head><body><p>第一段 &amp; 内容</p>' +
      '<div>第二段<br>换行</div><!-- <p>注释</p> --><p>a < b</p><img src="x>y"></body></html>';
    expect(htmlToText(html)).toBe('第一段 & 内容\n\n第二段\n换行\n\na < b');
  });
  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => typeof htmlToText(s) === 'string'), { numRuns: 2000 });
  });
});

describe('normalizePost', () => {
  it('recognises repost chains, hashtags, mentions, URLs and emoticons', () => {
    const p = normalizePost('太过分了[怒] #城南路积水# @县政务 看看 https://t.cn/abc123 //@张三:转发微博//@李四：城南路积水半个月没人管，孩子上学只能绕路');
    expect(p.hashtags).toEqual(['城南路积水']);
    expect(p.mentions).toContain('县政务');
    expect(p.urls).toEqual(['https://t.cn/abc123']);
    expect(p.emoticons).toEqual(['[怒]']);
    expect(p.repostChain.map((r) => r.user)).toEqual(['张三', '李四']);
    expect(p.coreText).toBe('城南路积水半个月没人管,孩子上学只能绕路');
  });
  it('strips HTML when asked and keeps the original for display', () => {
    const p = normalizePost('<p>這裏</p><p>第二段</p>', { html: true });
    expect(p.display).toBe('這裏\n\n第二段');
    expect(p.text).toBe('这里\n第二段');
    expect(p.coreText).toBe('这里\n第二段');
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }), fc.boolean(), (s, html) => {
      const p = normalizePost(s, { html });
      return typeof p.coreText === 'string';
    }), { numRuns: 1000 });
  });
});
