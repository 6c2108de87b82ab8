/**
 * .docx rendering of a ReportDocument in the style of a Chinese office document (GB/T 9704 proportions): a cover
 * page with the office name, the red report title, the report number and date; headings in 黑体 / 楷体_GB2312, body
 * in 仿宋_GB2312 (eastAsia font slots set, so Word and WPS pick them); tables with repeating header rows; charts
 * embedded as PNG; page numbers "— N —" in the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LineRuleType,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { renderChartPng, type ChartLogger } from './charts.ts';
import type { Block, Inline, ReportDocument } from './doc-model.ts';
import { safeHref } from './html.ts';
import { formatWall, parseLocalDate } from './period.ts';
import { sectionNumber } from './template.ts';

export const DOCX_FONTS = {
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
  title: '方正小标宋简体',
  table: '宋体',
  latin: 'Times New Roman',
} as const;

const font = (eastAsia: string) => ({
  ascii: DOCX_FONTS.latin,
  hAnsi: DOCX_FONTS.latin,
  eastAsia,
  cs: DOCX_FONTS.latin,
});
const RED = 'C00000';
/** Text width of an A4 page with GB/T 9704 margins (28 mm left, 26 mm right) ≈ 156 mm ≈ 590 px. */
const CHART_W = 580;
const CHART_H = 290;

interface RunStyle {
  size?: number;
  fontName?: string;
}

function runs(items: Inline[], st: RunStyle = {}): ParagraphChild[] {
  const f = st.fontName ? font(st.fontName) : undefined;
  return items.map((i) => {
    if (typeof i === 'string') return new TextRun({ text: i, size: st.size, font: f });
    const href = safeHref(i.href);
    const t = new TextRun({ text: i.text, size: st.size, font: f, style: href ? 'Hyperlink' : undefined });
    return href ? new ExternalHyperlink({ link: href, children: [t] }) : t;
  });
}

function cell(content: Inline, header: boolean, numeric: boolean): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { line: 276, lineRule: LineRuleType.AUTO },
        children: header
          ? [
              new TextRun({
                text: typeof content === 'string' ? content : content.text,
                bold: true,
                size: 21,
                font: font(DOCX_FONTS.heading),
              }),
            ]
          : runs([content], { size: 21, fontName: DOCX_FONTS.table }),
      }),
    ],
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

function blockToDocx(b: Block, logger?: ChartLogger): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'para':
      return [new Paragraph({ indent: { firstLine: 640 }, children: runs(b.runs) })];
    case 'subheading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: b.text })] })];
    case 'list':
      return b.items.map(
        (it, i) =>
          new Paragraph({ indent: { left: 640, hanging: 480 }, children: runs([`${i + 1}．`, ...it], { size: 28 }) }),
      );
    case 'source':
      return b.q.length
        ? [
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              children: [
                new TextRun({ text: `数据来源：${b.q.join('、')}（见“数据核对说明”）`, size: 18, color: '666666' }),
              ],
            }),
          ]
        : [];
    case 'chart': {
      const img = renderChartPng(b.spec, CHART_W, CHART_H, { scale: 2, ...(logger ? { logger } : {}) });
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: 'png',
              data: img.png,
              transformation: { width: CHART_W, height: CHART_H },
              altText: { name: b.caption, description: b.caption, title: b.caption },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: b.caption, size: 21, font: font(DOCX_FONTS.subheading) })],
        }),
      ];
    }
    case 'table': {
      const num = new Set(b.numeric ?? []);
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({ tableHeader: true, cantSplit: true, children: b.head.map((h) => cell(h, true, false)) }),
            ...b.rows.map(
              (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, num.has(i))) }),
            ),
          ],
        }),
        new Paragraph({ spacing: { after: 0 }, children: [] }),
      ];
    }
  }
}

function cover(doc: ReportDocument): Paragraph[] {
  const m = doc.meta;
  const d = parseLocalDate(m.issuedDate);
  const center = (text: string, size: number, fontName: string, color?: string, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before, after: 200 },
      children: [new TextRun({ text, size, font: font(fontName), color, bold: color === RED })],
    });
  return [
    center(m.officeName, 32, DOCX_FONTS.heading, undefined, 1400),
    center(m.title, 96, DOCX_FONTS.title, RED, 600),
    center(m.reportNumber, 32, DOCX_FONTS.body, undefined, 400),
    new Paragraph({
      spacing: { before: 400 },
      tabStops: [{ type: TabStopType.RIGHT, position: convertMillimetersToTwip(156) }],
      border: { bottom: { style: BorderStyle.THICK, size: 24, color: RED, space: 6 } },
      children: [
        new TextRun({ text: m.officeName, font: font(DOCX_FONTS.body) }),
        new TextRun({ text: `\t${d.y}年${d.m}月${d.d}日`, font: font(DOCX_FONTS.body) }),
      ],
    }),
    center(`统计时段：${m.period.label}`, 28, DOCX_FONTS.subheading, undefined, 600),
    center(
      `编制：${m.generatedBy}（${formatWall(new Date(m.generatedAt), m.timeZone)} 生成，时区 ${m.timeZone}）`,
      24,
      DOCX_FONTS.body,
    ),
  ];
}

const margins = {
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
};

export async function renderDocx(doc: ReportDocument, opts: { logger?: ChartLogger } = {}): Promise<Buffer> {
  const m = doc.meta;
  const body: Array<Paragraph | Table> = [];
  doc.sections.forEach((s, i) => {
    body.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: sectionNumber(i) + s.title })] }),
    );
    for (const b of s.blocks) body.push(...blockToDocx(b, opts.logger));
  });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: font('宋体') })],
      }),
    ],
  });
  const document = new Document({
    creator: m.generatedBy,
    title: `${m.officeName} ${m.reportNumber}`,
    description: `听风 Tingfeng ${m.title}`,
    styles: {
      default: {
        document: {
          run: { font: font(DOCX_FONTS.body), size: 32, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO } },
        },
        heading1: {
          run: { font: font(DOCX_FONTS.heading), size: 32, bold: false, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
        heading2: {
          run: { font: font(DOCX_FONTS.subheading), size: 32, bold: true, color: '000000' },
          paragraph: { spacing: { before: 120, after: 60 }, keepNext: true },
        },
        hyperlink: { run: { color: '1A4FA0', underline: {} } },
      },
    },
    sections: [
      { properties: { page: { margin: margins } }, children: cover(doc) },
      {
        properties: { page: { margin: margins, pageNumbers: { start: 1 } } },
        footers: { default: footer },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
