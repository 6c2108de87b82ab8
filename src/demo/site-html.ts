/**
 * HTML pages of the demo site: the home page, forum list pages (`ul.msg-list li`, `a.next`) and detail pages
 * (`h1.title`, `div.content`, `span.time`, `span.user`), and GBK encoding for the residents' forum. Post text is
 * untrusted in principle: everything is escaped.
 */
import iconv from 'iconv-lite';
import { formatChinaTime } from './post-fields.ts';
import type { DemoPost } from './types.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const gbkOk = new Map<string, boolean>();

/** Whether a character survives a round trip through GBK. */
function encodableInGbk(ch: string): boolean {
  let ok = gbkOk.get(ch);
  if (ok === undefined) {
    ok = iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') === ch;
    gbkOk.set(ch, ok);
  }
  return ok;
}

/** Encode an HTML page as GBK; characters GBK lacks (emoji) become numeric character references, as GBK sites do. */
export function encodeGbk(html: string): Buffer {
  let out = '';
  for (const ch of html) {
    out += ch.charCodeAt(0) < 0x80 || encodableInGbk(ch) ? ch : `&#${ch.codePointAt(0) ?? 63};`;
  }
  return iconv.encode(out, 'gbk');
}

export interface PageFrame {
  title: string;
  charset: 'utf-8' | 'gbk';
  crumbs: readonly (readonly [string, string])[];
  body: string;
}

export function page(f: PageFrame): string {
  const crumbs = f.crumbs.map(([href, label]) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`).join(' &raquo; ');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="${f.charset}"><title>${escapeHtml(f.title)}</title>
<meta name="generator" content="tingfeng demo county (synthetic data)">
<style>body{font:14px/1.7 sans-serif;max-width:900px;margin:auto;padding:0 1em}ul.msg-list{list-style:none;padding:0}ul.msg-list li{border-bottom:1px dashed #ccc;padding:.4em 0}.meta span{margin-right:1em;color:#666}.content p{text-indent:2em}</style>
</head><body>
<div class="banner">临澜县民生网（演示数据 · 虚构县）</div>
<div class="crumbs">${crumbs}</div>
${f.body}
<div class="footer">本站内容均为 听风 Tingfeng 演示程序生成的虚构数据。</div>
</body></html>`;
}

export interface ListPage {
  heading: string;
  items: readonly DemoPost[];
  page: number;
  pages: number;
  /** Link of a page number, relative to the list page. */
  pageHref: (n: number) => string;
  /** Link of an item, relative to the list page. */
  itemHref: (p: DemoPost) => string;
}

export function listBody(l: ListPage): string {
  const rows = l.items
    .map((p) => {
      const badge = p.isOfficial ? '<span class="badge">官方</span> ' : '';
      return `<li>${badge}<a href="${escapeHtml(l.itemHref(p))}">${escapeHtml(p.title)}</a> <span class="user">${escapeHtml(p.author)}</span> <span class="time">${formatChinaTime(p.publishedAt)}</span></li>`;
    })
    .join('\n');
  const prev = l.page > 1 ? `<a class="prev" href="${escapeHtml(l.pageHref(l.page - 1))}">上一页</a>` : '';
  const next = l.page < l.pages ? `<a class="next" href="${escapeHtml(l.pageHref(l.page + 1))}">下一页</a>` : '';
  return `<h2>${escapeHtml(l.heading)}</h2>
<ul class="msg-list">
${rows}
</ul>
<div class="pager">${prev} <span class="current">第${l.page}页 / 共${l.pages}页</span> ${next}</div>`;
}

export function detailBody(p: DemoPost, extra = ''): string {
  const paragraphs = p.text
    .split('\n')
    .filter((s) => s.trim().length > 0)
    .map((s) => `<p>${escapeHtml(s)}</p>`)
    .join('\n');
  const e = p.engagement;
  return `<div class="post">
<h1 class="title">${escapeHtml(p.title)}</h1>
<div class="meta">发布人：<span class="user">${escapeHtml(p.author)}</span>发布时间：<span class="time">${formatChinaTime(p.publishedAt)}</span>浏览：<span class="views">${e.views}</span>回复：<span class="replies">${e.comments}</span>点赞：<span class="likes">${e.likes}</span></div>
<div class="content">
${paragraphs}
</div>
${extra}
</div>`;
}
