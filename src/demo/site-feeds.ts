/** Machine-readable outputs of the demo site: RSS 2.0, the JSON API items, and the 12345 hotline export (CSV, XLSX). */
import ExcelJS from 'exceljs';
import { escapeHtml } from './site-html.ts';
import { formatChinaTime, isoChina, localParts } from './post-fields.ts';
import type { DemoPost } from './types.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 822 date in China time, as RSS wants: `Wed, 25 Nov 2026 09:32:05 +0800`. */
export function rfc822China(d: Date): string {
  const p = localParts(d);
  const dow = DAYS[new Date(Date.UTC(p.y, p.mo - 1, p.d)).getUTCDay()] as string;
  return `${dow}, ${pad(p.d)} ${MONTHS[p.mo - 1] as string} ${p.y} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)} +0800`;
}

function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function rssXml(base: string, items: readonly DemoPost[], now: Date): string {
  const entries = items
    .map((p) => {
      const html = p.text
        .split('\n')
        .map((s) => `<p>${escapeHtml(s)}</p>`)
        .join('');
      return `<item>
<title>${escapeHtml(p.title)}</title>
<link>${base}${p.url}</link>
<guid isPermaLink="true">${base}${p.url}</guid>
<pubDate>${rfc822China(p.publishedAt)}</pubDate>
<dc:creator>${escapeHtml(p.author)}</dc:creator>
<description>${cdata(html)}</description>
</item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>临澜新闻网</title>
<link>${base}/news/</link>
<description>临澜县新闻与政务发布（演示数据，虚构县）</description>
<language>zh-cn</language>
<lastBuildDate>${rfc822China(items[0]?.publishedAt ?? now)}</lastBuildDate>
${entries}
</channel>
</rss>`;
}

/** One item of the JSON API, shaped like a microblog API. */
export function jsonItem(base: string, p: DemoPost): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: p.id,
    title: p.title,
    text: p.text,
    user: { name: p.author, verified: p.isOfficial === true },
    created_at: isoChina(p.publishedAt),
    url: `${base}${p.url}`,
    reposts_count: p.engagement.reposts,
    comments_count: p.engagement.comments,
    attitudes_count: p.engagement.likes,
    views_count: p.engagement.views,
  };
  if (p.repostOf) item['repost_of'] = p.repostOf;
  if (p.replyTo) item['reply_to'] = p.replyTo;
  return item;
}

export const HOTLINE_COLUMNS = ['工单编号', '来电时间', '诉求类型', '诉求分类', '标题', '诉求内容', '所属区域', '承办单位', '办理状态', '来电人'] as const;

/** A ticket's status as seen at `now`: accepted, then in progress, then done. */
export function ticketStatus(p: DemoPost, now: Date): string {
  const ageH = (now.getTime() - p.publishedAt.getTime()) / 3600_000;
  if (ageH < 2) return '已受理';
  if (ageH < 30) return '办理中';
  return '已办结';
}

function ticketRow(p: DemoPost, now: Date): string[] {
  const h = p.hotline;
  return [h?.ticketNo ?? p.id, formatChinaTime(p.publishedAt, true), h?.callType ?? '', h?.category ?? '', p.title, p.text, h?.area ?? '', h?.unitName ?? '', ticketStatus(p, now), p.author];
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a UTF-8 BOM and CRLF line ends, as spreadsheet programs in China expect. */
export function hotlineCsv(tickets: readonly DemoPost[], now: Date): Buffer {
  const lines = [HOTLINE_COLUMNS.join(','), ...tickets.map((p) => ticketRow(p, now).map(csvField).join(','))];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** XLSX; 来电时间 is a real date cell carrying the China wall-clock time (Excel's convention). */
export async function hotlineXlsx(tickets: readonly DemoPost[], now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tingfeng demo';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet('12345工单');
  ws.columns = HOTLINE_COLUMNS.map((h) => ({ header: h, key: h, width: h === '诉求内容' ? 80 : h === '标题' ? 36 : 18 }));
  for (const p of tickets) {
    const row = ticketRow(p, now);
    const lp = localParts(p.publishedAt);
    const wall = new Date(Date.UTC(lp.y, lp.mo - 1, lp.d, lp.h, lp.mi, lp.s));
    ws.addRow([row[0], wall, ...row.slice(2)]);
  }
  ws.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data);
}
