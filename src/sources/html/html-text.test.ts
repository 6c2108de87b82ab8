import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText, oneLine, tidyText } from './html-text.ts';

describe('htmlToText', () => {
  it('keeps paragraph breaks, decodes entities, drops tags, scripts and styles', () => {
    const html = `<div class="content"><p>&nbsp;&nbsp;第一段&amp;文字 <b>粗体</b></p>
      <p>第二段<br>换行</p><script>var x = "<p>no</p>";</script><style>p{}</style><!-- 注释 -->
      <table><tr><td>甲</td><td>乙</td></tr></table>&ldquo;引号&rdquo;&#x4e2d;&#25991;</div>`;
    expect(htmlToText(html)).toBe('第一段&文字 粗体\n第二段\n换行\n甲 乙\n“引号”中文');
  });

  it('treats source line breaks inside a paragraph as spaces, but keeps <pre>', () => {
    expect(htmlToText('<p>城南路\n   积水</p><pre>a\n  b</pre>')).toBe('城南路 积水\na\nb');
  });

  it('leaves plain text lines alone apart from trimming and decoding entities', () => {
    expect(htmlToText('  第一行  \n\n 第二行 ')).toBe('第一行\n第二行');
    expect(htmlToText('甲&amp;乙\n丙 &lt; 丁')).toBe('甲&乙\n丙 < 丁');
  });

  it('oneLine collapses everything to a single line', () => {
    expect(oneLine(' 标题\n 第二行 ')).toBe('标题 第二行');
  });

  it('never throws and never leaves tags or blank lines behind', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom('<p>', '</p>', '<br>', '<div>', '<b>', '&amp;', '&nbsp;', '<script>x</script>', '\n', '<'),
          ),
          { maxLength: 20 },
        ),
        (parts) => {
          const out = htmlToText(parts.join(''));
          expect(out).not.toMatch(/<\/?(p|div|b|br|script)>/);
          expect(out.split('\n').every((l) => l.length > 0 && l === l.trim())).toBe(out === '' ? false : true);
          expect(tidyText(out)).toBe(out);
        },
      ),
    );
  });
});
