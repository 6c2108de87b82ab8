/**
 * .xlsx workbooks (exceljs): the statistics of a report, and the ledger export. Every sheet has a frozen, bold
 * header row with an auto-filter and set column widths; times are real Excel dates showing the office's wall clock
 * (Excel has no time zones, so the zone is written in the header, e.g. "登记时间（Asia/Shanghai）").
 */
import ExcelJS from 'exceljs';
import { safeHref } from './html.ts';
import {
  ALERT_STATUS_ZH,
  CASE_ACTION_ZH,
  CASE_STATUS_ZH,
  levelZh,
  SATISFACTION_ZH,
  SENTIMENT_ZH,
  TREND_ZH,
} from './labels.ts';
import { wallTime } from './period.ts';
import { UNIT_STATS_DEFINITIONS } from './stats.ts';
import type {
  AnyReportData,
  CaseHistoryRow,
  CaseRow,
  ComparedCount,
  LinkedPost,
  QueryNote,
  ReportEvent,
  UnitStats,
} from './types.ts';

type Kind = 'text' | 'int' | 'num' | 'pct' | 'date' | 'link';
export interface Col<R> {
  header: string;
  width: number;
  kind: Kind;
  get: (r: R) => string | number | null | { text: string; href: string | null };
}

/** An instant as an Excel date reading the office's wall clock. */
export function excelDate(iso: string, tz: string): Date {
  const w = wallTime(new Date(iso), tz);
  return new Date(Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mi, w.ss));
}

const NUMFMT: Partial<Record<Kind, string>> = { date: 'yyyy-mm-dd hh:mm', pct: '0.0%', num: '0.0', int: '0' };

export function addSheet<R>(
  wb: ExcelJS.Workbook,
  name: string,
  cols: Array<Col<R>>,
  rows: R[],
  tz: string,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = cols.map((c) => ({
    header: c.kind === 'date' ? `${c.header}（${tz}）` : c.header,
    width: c.width,
    style: NUMFMT[c.kind] ? { numFmt: NUMFMT[c.kind] } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true, name: '宋体' };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  for (const r of rows) {
    ws.addRow(
      cols.map((c) => {
        const v = c.get(r);
        if (v === null) return null;
        if (c.kind === 'date' && typeof v === 'string') return excelDate(v, tz);
        if (typeof v === 'object') {
          const href = v.href ? safeHref(v.href) : null;
          return href ? { text: v.text, hyperlink: href } : v.text;
        }
        return v;
      }),
    );
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: cols.length } };
  return ws;
}

const compared: Array<Col<ComparedCount>> = [
  { header: '项目', width: 24, kind: 'text', get: (r) => r.label },
  { header: '本期', width: 10, kind: 'int', get: (r) => r.current },
  { header: '上期', width: 10, kind: 'int', get: (r) => r.previous },
  { header: '变化', width: 10, kind: 'int', get: (r) => r.current - r.previous },
];

const eventCols: Array<Col<ReportEvent>> = [
  { header: '事件编号', width: 14, kind: 'text', get: (e) => e.id },
  { header: '事件', width: 40, kind: 'link', get: (e) => ({ text: e.title, href: e.link }) },
  { header: '预警级别', width: 14, kind: 'text', get: (e) => levelZh(e.level) },
  { header: '本期条数', width: 10, kind: 'int', get: (e) => e.postsInRange },
  { header: '上期条数', width: 10, kind: 'int', get: (e) => e.postsInPreviousRange },
  { header: '累计条数', width: 10, kind: 'int', get: (e) => e.postCount },
  { header: '热度', width: 10, kind: 'num', get: (e) => e.heat },
  { header: '态势', width: 8, kind: 'text', get: (e) => (e.trend ? TREND_ZH[e.trend] : null) },
  { header: '首次发现', width: 18, kind: 'date', get: (e) => e.firstSeenAt },
  { header: '最近一条', width: 18, kind: 'date', get: (e) => e.lastSeenAt },
  { header: '定级依据', width: 50, kind: 'text', get: (e) => e.levelReasons.join('；') },
];

const postCols: Array<Col<LinkedPost>> = [
  { header: '信息编号', width: 14, kind: 'text', get: (p) => p.id },
  { header: '标题', width: 40, kind: 'link', get: (p) => ({ text: p.title || p.excerpt.slice(0, 40), href: p.link }) },
  { header: '来源', width: 14, kind: 'text', get: (p) => p.sourceName },
  { header: '发布时间', width: 18, kind: 'date', get: (p) => p.publishedAt },
  { header: '情感', width: 8, kind: 'text', get: (p) => SENTIMENT_ZH[p.sentiment] },
  { header: '涉及', width: 20, kind: 'text', get: (p) => [...p.places, ...p.units].join('、') },
  { header: '互动量', width: 10, kind: 'int', get: (p) => p.engagement },
  { header: '原文链接', width: 30, kind: 'link', get: (p) => (p.url ? { text: p.url, href: p.url } : null) },
];

export function caseCols(baseUrl: string): Array<Col<CaseRow & { kindLabel?: string }>> {
  const b = baseUrl.replace(/\/+$/, '');
  return [
    {
      header: '编号',
      width: 16,
      kind: 'link',
      get: (k) => ({ text: k.number, href: `${b}/#/cases/${encodeURIComponent(k.id)}` }),
    },
    { header: '类别', width: 10, kind: 'text', get: (k) => k.kindLabel ?? k.category },
    { header: '事项', width: 40, kind: 'text', get: (k) => k.summary },
    { header: '级别', width: 14, kind: 'text', get: (k) => (k.level ? levelZh(k.level) : null) },
    { header: '责任单位', width: 16, kind: 'text', get: (k) => k.leadUnit },
    { header: '协办单位', width: 16, kind: 'text', get: (k) => k.coUnits.join('、') },
    { header: '涉及地点', width: 14, kind: 'text', get: (k) => k.places.join('、') },
    { header: '状态', width: 10, kind: 'text', get: (k) => CASE_STATUS_ZH[k.status] },
    { header: '登记时间', width: 18, kind: 'date', get: (k) => k.registeredAt },
    { header: '答复时限', width: 18, kind: 'date', get: (k) => k.deadline },
    { header: '首次响应', width: 18, kind: 'date', get: (k) => k.firstResponseAt },
    { header: '答复时间', width: 18, kind: 'date', get: (k) => k.repliedAt },
    { header: '办结时间', width: 18, kind: 'date', get: (k) => k.closedAt },
    {
      header: '满意度',
      width: 10,
      kind: 'text',
      get: (k) => (k.satisfaction ? SATISFACTION_ZH[k.satisfaction] : null),
    },
  ];
}

export const unitCols: Array<Col<UnitStats>> = [
  { header: '责任单位', width: 18, kind: 'text', get: (u) => u.unit },
  { header: '办件数', width: 10, kind: 'int', get: (u) => u.cases },
  { header: '已处置', width: 10, kind: 'int', get: (u) => u.handled },
  { header: '处置率', width: 10, kind: 'pct', get: (u) => u.handledRate },
  { header: '按时答复', width: 10, kind: 'int', get: (u) => u.onTime },
  { header: '按时率', width: 10, kind: 'pct', get: (u) => u.onTimeRate },
  { header: '平均答复时长（小时）', width: 14, kind: 'num', get: (u) => u.meanReplyHours },
  { header: '已回访', width: 10, kind: 'int', get: (u) => u.feedbacks },
  { header: '满意', width: 10, kind: 'int', get: (u) => u.satisfied },
  { header: '满意率', width: 10, kind: 'pct', get: (u) => u.satisfactionRate },
];

const queryCols: Array<Col<QueryNote>> = [
  { header: '编号', width: 8, kind: 'text', get: (q) => q.id },
  { header: '查询', width: 100, kind: 'text', get: (q) => q.call },
  { header: '结果行数', width: 10, kind: 'int', get: (q) => q.rows },
];

function newBook(creator: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  return wb;
}

/** The statistics workbook of a report. */
export async function renderStatsXlsx(data: AnyReportData): Promise<Buffer> {
  const m = data.meta;
  const tz = m.timeZone;
  const wb = newBook(m.generatedBy);
  const info: Array<[string, string | number | Date]> = [
    ['单位', m.officeName],
    ['报告', m.reportNumber],
    ['时段', m.period.label],
    ['时段开始', excelDate(m.period.start, tz)],
    ['时段结束（不含）', excelDate(m.period.end, tz)],
    ['时区', tz],
    ['生成', `${m.generatedBy}`],
  ];
  const ws = addSheet(
    wb,
    '概况',
    [
      { header: '项目', width: 20, kind: 'text', get: (r: [string, unknown]) => r[0] },
      { header: '内容', width: 50, kind: 'text', get: () => null },
    ],
    info,
    tz,
  );
  info.forEach((r, i) => {
    const c = ws.getCell(i + 2, 2);
    c.value = r[1];
    if (r[1] instanceof Date) c.numFmt = 'yyyy-mm-dd hh:mm';
  });
  const cases = (k: CaseRow[], label: string) => k.map((x) => ({ ...x, kindLabel: label }));
  if ('event' in data) {
    addSheet(wb, '事件', eventCols, [data.event], tz);
    addSheet(
      wb,
      '事件脉络',
      [
        { header: '时间', width: 18, kind: 'date', get: (x) => x.at },
        { header: '事项', width: 80, kind: 'link', get: (x) => ({ text: x.text, href: x.link }) },
      ],
      data.timeline.entries,
      tz,
    );
    addSheet(
      wb,
      '传播',
      [
        { header: '信息源', width: 20, kind: 'text', get: (x) => x.label },
        { header: '条数', width: 10, kind: 'int', get: (x) => x.count },
      ],
      data.spread.bySource,
      tz,
    );
    addTrend(wb, data.sentimentEvolution.points, tz);
    addSheet(wb, '重点信息', postCols, data.keyPosts.items, tz);
    addSheet(wb, '台账', caseCols(m.baseUrl), data.caseHistory.cases, tz);
    addSheet(wb, '办理过程', historyCols, data.caseHistory.entries, tz);
  } else {
    addSheet(
      wb,
      '信息源',
      compared,
      [
        ...data.totals.bySource,
        { key: 'all', label: '合计', current: data.totals.total, previous: data.totals.previousTotal },
      ],
      tz,
    );
    addSheet(
      wb,
      '情感倾向',
      compared,
      data.totals.bySentiment.map((s) => ({
        ...s,
        label: SENTIMENT_ZH[s.key as keyof typeof SENTIMENT_ZH] ?? s.label,
      })),
      tz,
    );
    addSheet(wb, '事件', eventCols, 'events' in data ? data.events.items : data.topEvents.items, tz);
    if ('negativeItems' in data) {
      addSheet(wb, '负面信息', postCols, data.negativeItems.items, tz);
      addSheet(wb, '预警', alertCols, data.alerts.items, tz);
    }
    const l = data.ledger;
    addSheet(
      wb,
      '台账',
      caseCols(m.baseUrl),
      [
        ...cases(l.opened, '新登记'),
        ...cases(l.replied, '已答复'),
        ...cases(l.overdue, '超期'),
        ...cases(l.dueSoon, '即将到期'),
      ],
      tz,
    );
    if ('unitStats' in data) {
      addTrend(wb, data.trend.points, tz);
      addSheet(wb, '单位统计', unitCols, [...data.unitStats.rows, data.unitStats.overall], tz);
      const rel = data.releases;
      addSheet(
        wb,
        '信息发布',
        [
          { header: '渠道', width: 18, kind: 'text', get: (r: { channel: string }) => r.channel },
          ...rel.months.map((mo, i) => ({
            header: mo,
            width: 10,
            kind: 'int' as const,
            get: (r: { counts: number[] }) => r.counts[i] ?? 0,
          })),
          { header: '合计', width: 10, kind: 'int', get: (r: { total: number }) => r.total },
        ],
        rel.rows,
        tz,
      );
      addSheet(wb, '信息源运行', sourceCols, data.sourceHealth.rows, tz);
    }
  }
  addSheet(wb, '数据核对', queryCols, data.queries, tz);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const historyCols: Array<Col<CaseHistoryRow>> = [
  { header: '时间', width: 18, kind: 'date', get: (h) => h.at },
  { header: '编号', width: 16, kind: 'text', get: (h) => h.caseNumber },
  { header: '环节', width: 10, kind: 'text', get: (h) => CASE_ACTION_ZH[h.action] },
  { header: '经办', width: 16, kind: 'text', get: (h) => h.actor },
  { header: '单位', width: 16, kind: 'text', get: (h) => h.unit },
  { header: '内容', width: 60, kind: 'text', get: (h) => h.note },
];

const alertCols: Array<Col<Extract<AnyReportData, { alerts: unknown }>['alerts']['items'][number]>> = [
  { header: '时间', width: 18, kind: 'date', get: (a) => a.createdAt },
  { header: '级别', width: 14, kind: 'text', get: (a) => levelZh(a.level) },
  { header: '预警', width: 40, kind: 'link', get: (a) => ({ text: a.title, href: a.link }) },
  { header: '规则', width: 18, kind: 'text', get: (a) => a.ruleName },
  { header: '状态', width: 10, kind: 'text', get: (a) => ALERT_STATUS_ZH[a.status] },
  { header: '确认人', width: 12, kind: 'text', get: (a) => a.acknowledgedBy },
  { header: '确认时间', width: 18, kind: 'date', get: (a) => a.acknowledgedAt },
];

const sourceCols: Array<Col<Extract<AnyReportData, { sourceHealth: unknown }>['sourceHealth']['rows'][number]>> = [
  { header: '信息源', width: 20, kind: 'text', get: (r) => r.name },
  { header: '类型', width: 12, kind: 'text', get: (r) => r.kind },
  { header: '状态', width: 10, kind: 'text', get: (r) => r.status },
  { header: '本期条数', width: 10, kind: 'int', get: (r) => r.itemsInRange },
  { header: '采集次数', width: 10, kind: 'int', get: (r) => r.pollsInRange },
  { header: '失败次数', width: 10, kind: 'int', get: (r) => r.failedPollsInRange },
  { header: '采集缺口', width: 10, kind: 'int', get: (r) => r.gapsInRange },
  { header: '最近成功', width: 18, kind: 'date', get: (r) => r.lastSuccessAt },
  { header: '最近错误', width: 40, kind: 'text', get: (r) => r.lastError },
];

function addTrend(
  wb: ExcelJS.Workbook,
  points: Array<{ label: string; start: string; positive: number; neutral: number; negative: number }>,
  tz: string,
): void {
  addSheet(
    wb,
    '走势',
    [
      { header: '时段', width: 12, kind: 'text', get: (p) => p.label },
      { header: '开始', width: 18, kind: 'date', get: (p) => p.start },
      { header: '正面', width: 8, kind: 'int', get: (p) => p.positive },
      { header: '中性', width: 8, kind: 'int', get: (p) => p.neutral },
      { header: '负面', width: 8, kind: 'int', get: (p) => p.negative },
      { header: '合计', width: 8, kind: 'int', get: (p) => p.positive + p.neutral + p.negative },
    ],
    points,
    tz,
  );
}

export interface CasesExport {
  officeName: string;
  timeZone: string;
  baseUrl: string;
  generatedBy: string;
  /** YYYY-MM-DD .. YYYY-MM-DD inclusive, office time zone, for the sheet title. */
  label: string;
  periodEnd: string;
  cases: CaseRow[];
  history: CaseHistoryRow[];
  /** Per-unit statistics of these cases (stats.ts `ledgerUnitStats`, the ledger page's numbers). */
  unitStats: { rows: UnitStats[]; overall: UnitStats };
}

/** The ledger export: cases, their handling history, and per-unit statistics. */
export async function renderCasesXlsx(x: CasesExport): Promise<Buffer> {
  const wb = newBook(x.generatedBy);
  addSheet(wb, '台账', caseCols(x.baseUrl), x.cases, x.timeZone);
  addSheet(wb, '办理过程', historyCols, x.history, x.timeZone);
  const s = x.unitStats;
  addSheet(wb, '单位统计', unitCols, [...s.rows, s.overall], x.timeZone);
  addSheet(
    wb,
    '统计口径',
    [{ header: '说明', width: 120, kind: 'text', get: (t: string) => t }],
    [UNIT_STATS_DEFINITIONS],
    x.timeZone,
  );
  wb.title = `${x.officeName} 台账 ${x.label}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
