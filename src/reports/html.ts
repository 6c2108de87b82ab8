/**
 * Print-friendly HTML (A4, @media print) of a ReportDocument. Every string is escaped (post text is untrusted),
 * links are kept only for http(s) URLs, and charts are inline SVG rendered by ECharts on the server.
 */
import { renderChartSvg } from './charts.ts';
import { type Block, type Inline, type ReportDocument } from './doc-model.ts';
import { formatWall, parseLocalDate } from './period.ts';
import { sectionNumber } from './template.ts';

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Only absolute http(s) URLs become links; anything else (javascript:, data:, …) stays text. */
export function safeHref(href: string): string | null {
  try {
    const u = new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function inline(i: Inline): string {
  if (typeof i === 'string') return escapeHtml(i);
  const href = safeHref(i.href);
  return href
    ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(i.text)}</a>`
    : escapeHtml(i.text);
}

const runs = (r: Inline[]) => r.map(inline).join('');

function block(b: Block): string {
  switch (b.kind) {
    case 'para':
      return `<p>${runs(b.runs)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'list':
      return `<ol>${b.items.map((it) => `<li>${runs(it)}</li>`).join('')}</ol>`;
    case 'source':
      return b.q.length ? `<p class="src">数据来源：${escapeHtml(b.q.join('、'))}（见“数据核对说明”）</p>` : '';
    case 'chart':
      return `<figure>${renderChartSvg(b.spec, 680, 320)}<figcaption>${escapeHtml(b.caption)}</figcaption></figure>`;
    case 'table': {
      const num = new Set(b.numeric ?? []);
      const head = b.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
      const body = b.rows
        .map((r) => `<tr>${r.map((c, i) => `<td${num.has(i) ? ' class="n"' : ''}>${inline(c)}</td>`).join('')}</tr>`)
        .join('');
      return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
    }
  }
}

const CSS = `
@page { size: A4; margin: 25mm 22mm 22mm 24mm; }
body { font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.7; color: #111; max-width: 180mm; margin: 0 auto; padding: 12mm 0; }
h1, h2, h3 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
.cover { text-align: center; border-bottom: 3px solid #c00; padding-bottom: 8mm; margin-bottom: 10mm; }
.cover .title { color: #c00; font-size: 36pt; letter-spacing: .3em; margin: 8mm 0 4mm; font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", serif; }
.cover .no { font-size: 14pt; }
.cover .line { display: flex; justify-content: space-between; font-size: 13pt; margin-top: 6mm; }
h2 { font-size: 15pt; margin: 8mm 0 3mm; }
h3 { font-size: 13pt; margin: 5mm 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 10.5pt; }
th, td { border: 1px solid #555; padding: 1.2mm 2mm; text-align: left; vertical-align: top; word-break: break-all; }
th { background: #eee; }
td.n { text-align: right; }
p.src { color: #666; font-size: 9pt; margin: 0 0 3mm; }
figure { margin: 3mm 0; text-align: center; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 10pt; color: #333; }
a { color: #1a4fa0; text-decoration: none; }
footer { margin-top: 12mm; border-top: 1px solid #999; font-size: 10pt; color: #444; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; }
  table, figure, tr { page-break-inside: avoid; break-inside: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  .cover { page-break-after: always; break-after: page; border-bottom: none; }
}`;

function zhDate(date: string): string {
  const d = parseLocalDate(date);
  return `${d.y}年${d.m}月${d.d}日`;
}

export function renderHtml(doc: ReportDocument): string {
  const m = doc.meta;
  const sections = doc.sections
    .map(
      (s, i) =>
        `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(sectionNumber(i) + s.title)}</h2>${s.blocks.map(block).join('\n')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${m.officeName} ${m.reportNumber}`)}</title>
<style>${CSS}</style></head>
<body>
<header class="cover">
<div class="office">${escapeHtml(m.officeName)}</div>
<div class="title">${escapeHtml(m.title)}</div>
<div class="no">${escapeHtml(m.reportNumber)}</div>
<div class="line"><span>${escapeHtml(m.officeName)}</span><span>${escapeHtml(zhDate(m.issuedDate))}</span></div>
<p>统计时段：${escapeHtml(m.period.label)}（${escapeHtml(m.timeZone)}）</p>
</header>
<main>
${sections}
</main>
<footer><p>${escapeHtml(`生成：${m.generatedBy}，${formatWall(new Date(m.generatedAt), m.timeZone)}。报告中的事件、信息均可在工作台中查看：${m.baseUrl}`)}</p></footer>
</body></html>
`;
}
