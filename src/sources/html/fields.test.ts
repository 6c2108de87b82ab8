import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { authorOf, countOf, encodeQueryInCharset, linkIn, linkTitle } from './fields.ts';

const $ =
  cheerio.load(`<div id="a">留言人：张三</div><div id="b">网友：王小二\u3000\u3000发表于：2019/4/25 9:32:09\u3000\u3000点击：56</div>
<div id="c">作者: Li Lei | 2019-04-25</div><div id="d">赵六 2019-04-25 10:00</div><div id="e">浏览：1,234次</div><div id="f">阅读 1.2万</div>
<ul><li id="l1"><a href="../show.asp?id=1#top" title="完整的标题很长很长">完整的标题...</a></li><li id="l2"><a href="javascript:void(0)">x</a></li></ul>`);

describe('field readers', () => {
  it('reads an author name without its label or the fields after it', () => {
    expect(['#a', '#b', '#c', '#d'].map((s) => authorOf($(s)))).toEqual(['张三', '王小二', 'Li Lei', '赵六']);
  });

  it('reads counts', () => {
    expect(countOf($('#e'))).toBe(1234);
    expect(countOf($('#f'))).toBe(12000);
  });

  it('resolves links, drops fragments and javascript:, prefers the full title of a cut-short link text', () => {
    const l = linkIn($, $('#l1'), 'a', 'http://bbs.example.gov.cn/board/list.asp?page=2');
    expect(l?.url).toBe('http://bbs.example.gov.cn/show.asp?id=1');
    expect(linkTitle(l as NonNullable<typeof l>)).toBe('完整的标题很长很长');
    expect(linkIn($, $('#l2'), 'a', 'http://x.example/')).toBeNull();
  });

  it('encodes non-ASCII query text in the page charset, as browsers do', () => {
    expect(encodeQueryInCharset('search.asp?kw=积水&p=2#x', 'gb18030')).toBe('search.asp?kw=%BB%FD%CB%AE&p=2#x');
    expect(encodeQueryInCharset('search.asp?kw=积水', 'utf-8')).toBe('search.asp?kw=积水');
    expect(encodeQueryInCharset('/积水/a.html', 'gb18030')).toBe('/积水/a.html');
  });
});
