/**
 * A GBK-encoded county message board (问政留言板) as such sites really look: table layout, navigation, a list
 * with pagination, detail pages with the charset only in <meta>, &nbsp; indents, unclosed tags, footer junk.
 */
import iconv from 'iconv-lite';
import type { Handler } from './http-fixture.ts';

export interface Message {
  id: number;
  title: string;
  paragraphs: string[];
  time: string;
  user: string;
}

export const MESSAGES: Message[] = Array.from({ length: 12 }, (_, i) => ({
  id: 100 + i,
  title: `关于城南路${i + 1}号小区门口积水&排水不畅的问题`,
  paragraphs: [
    `城南路${i + 1}号小区门口一下雨就积水，已经半个月了。`,
    '希望有关部门尽快处理，谢谢！“排水”问题反映多次。',
  ],
  time: `2019-04-${String(25 - i).padStart(2, '0')} 09:${String(10 + i).padStart(2, '0')}:0${i % 10}`,
  user: i % 3 === 0 ? '张三' : `网友${i}`,
}));

const PER_PAGE = 5;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function gbk(html: string): Buffer {
  return iconv.encode(html, 'gbk');
}

export function listPage(page: number): string {
  const items = MESSAGES.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const pages = Math.ceil(MESSAGES.length / PER_PAGE);
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>县长信箱 - 问政留言板</title></head>
<body><div class="nav"><a href="/">首页</a> | <a href="/list?page=1">留言列表</a> | <a href="/about">关于我们</a></div>
<table width="100%"><tr><td>
<ul class="msg-list">
${items.map((m) => `<li><a href="detail?id=${m.id}" target="_blank">${escapeHtml(m.title)}</a> <span class="date">${m.time.slice(5, 16)}</span>`).join('\n')}
</ul>
<div class="pages">第${page}页/共${pages}页 ${page < pages ? `<a class="next" href="list?page=${page + 1}">下一页</a>` : ''}</div>
</td></tr></table>
<div class="footer">版权所有 某县人民政府 &copy; 2019</div></body></html>`;
}

export function detailPage(m: Message): string {
  return `<html><head><meta charset="gbk"><title>${escapeHtml(m.title)}_问政留言板</title>
<script>var hits = "<p>not text</p>";</script><style>.x{color:red}</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/list?page=1">留言列表</a> &gt; 正文</div>
<div class="main"><h1 class="title"> ${escapeHtml(m.title)} </h1>
<div class="info"><span class="user">留言人：${m.user}</span>&nbsp;&nbsp;<span class="time">发布时间：${m.time}</span> 浏览：1,234次</div>
<div class="content">
${m.paragraphs.map((p) => `<p>&nbsp;&nbsp;&nbsp;&nbsp;${escapeHtml(p).replace('“', '&ldquo;').replace('”', '&rdquo;')}`).join('\n')}
<br>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div><div class="footer">主办：某县人民政府办公室 <a href="/beian">备案号</a></div>
</body></html>`;
}

/** Serves /list?page=N and /detail?id=N as GBK (no charset in the HTTP header), robots.txt allowing all. */
export const boardHandler: Handler = (req, res, url) => {
  if (url.pathname === '/robots.txt') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    return void res.end('User-agent: *\nDisallow: /admin/\n');
  }
  if (url.pathname === '/list') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return void res.end(gbk(listPage(Number(url.searchParams.get('page') ?? '1'))));
  }
  const m = MESSAGES.find((x) => String(x.id) === url.searchParams.get('id'));
  if (url.pathname === '/detail' && m) {
    res.writeHead(200, { 'content-type': 'text/html' });
    return void res.end(gbk(detailPage(m)));
  }
  res.writeHead(404, { 'content-type': 'text/html' });
  res.end('not found');
};

export function boardConfig(origin: string): Record<string, unknown> {
  return {
    kind: 'web-page',
    name: 'A市问政留言板',
    url: `${origin}/list?page=1`,
    internal: true,
    list: { item: 'ul.msg-list li', link: 'a', next: 'a.next' },
    detail: { title: 'h1.title', text: 'div.content', published_at: 'span.time', author: 'span.user' },
    max_pages: 100,
  };
}
