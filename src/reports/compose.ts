/** Report data + template + summary → a ReportDocument (sections in the template's order). */
import {
  alertBlocks,
  caseRow,
  eventBlocks,
  ledgerBlocks,
  negativeBlocks,
  notesBlocks,
  postLine,
  summaryBlocks,
  totalsBlocks,
  trendChart,
  watchBlocks,
} from './compose-common.ts';
import { link, para, source, type Block, type ReportDocument } from './doc-model.ts';
import { CASE_ACTION_ZH, levelZh, num, pct, TREND_ZH } from './labels.ts';
import { formatWall } from './period.ts';
import { UNIT_STATS_DEFINITIONS } from './stats.ts';
import type { SummaryResult } from './summary.ts';
import { resolveSections, type ReportTemplate, type SectionId } from './template.ts';
import type { AnyReportData, DailyReportData, PeriodicReportData, SpecialReportData } from './types.ts';

type Builders = Partial<Record<SectionId, () => Block[]>>;

function assemble(data: AnyReportData, t: ReportTemplate, builders: Builders): ReportDocument {
  const meta = { ...data.meta, officeName: t.officeName ?? data.meta.officeName };
  const sections = resolveSections(meta.kind, t).map((s) => ({
    id: s.id,
    title: s.title,
    blocks: builders[s.id]?.() ?? [],
  }));
  return { meta, sections };
}

function daily(d: DailyReportData, t: ReportTemplate, s: SummaryResult): ReportDocument {
  const m = d.meta;
  return assemble(d, t, {
    summary: () => summaryBlocks(m, s),
    totals: () => totalsBlocks(m, d.totals),
    events: () => eventBlocks(m, d.events.items, d.events.q, '本期无新增或升温事件。'),
    negative: () => negativeBlocks(m, d.negativeItems.items, d.negativeItems.total, d.negativeItems.q),
    alerts: () => alertBlocks(m, d.alerts),
    ledger: () => ledgerBlocks(m, d.ledger),
    watch: () => watchBlocks(d.watchPoints),
    notes: () => notesBlocks(d.queries),
  });
}

function periodic(d: PeriodicReportData, t: ReportTemplate, s: SummaryResult): ReportDocument {
  const m = d.meta;
  const u = d.unitStats;
  const unitRow = (x: typeof u.overall) => [
    x.unit,
    String(x.cases),
    String(x.handled),
    pct(x.handledRate),
    String(x.onTime),
    pct(x.onTimeRate),
    num(x.meanReplyHours),
    String(x.feedbacks),
    pct(x.satisfactionRate),
  ];
  return assemble(d, t, {
    summary: () => summaryBlocks(m, s),
    totals: () => totalsBlocks(m, d.totals),
    trend: () => [trendChart('信息量走势（按情感倾向）', d.trend), source(d.trend.q)],
    events: () => eventBlocks(m, d.topEvents.items, d.topEvents.q, '本期无活跃事件。'),
    ledger: () => ledgerBlocks(m, d.ledger),
    units: () => [
      {
        kind: 'table',
        head: [
          '责任单位',
          '办件数',
          '已处置',
          '处置率',
          '按时答复',
          '按时率',
          '平均答复时长（小时）',
          '已回访',
          '满意率',
        ],
        rows: [...u.rows.map(unitRow), unitRow(u.overall)],
        numeric: [1, 2, 4, 7],
      },
      para(UNIT_STATS_DEFINITIONS),
      source(u.q),
    ],
    releases: () => [
      para(`本期共发布信息 ${d.releases.total} 条。`),
      {
        kind: 'table',
        head: ['发布渠道', ...d.releases.months, '合计'],
        rows: [
          ...d.releases.rows.map((r) => [r.channel, ...r.counts.map(String), String(r.total)]),
          [
            '合计',
            ...d.releases.months.map((_, i) => String(d.releases.rows.reduce((a, r) => a + (r.counts[i] ?? 0), 0))),
            String(d.releases.total),
          ],
        ],
      },
      source(d.releases.q),
    ],
    sources: () => [
      {
        kind: 'table',
        head: ['信息源', '类型', '状态', '本期条数', '采集次数', '失败次数', '采集缺口', '最近成功'],
        rows: d.sourceHealth.rows.map((r) => [
          r.name,
          r.kind,
          { ok: '正常', degraded: '不稳定', down: '中断', disabled: '停用' }[r.status],
          String(r.itemsInRange),
          String(r.pollsInRange),
          String(r.failedPollsInRange),
          String(r.gapsInRange),
          r.lastSuccessAt ? formatWall(new Date(r.lastSuccessAt), m.timeZone) : '—',
        ]),
        numeric: [3, 4, 5, 6],
      },
      source(d.sourceHealth.q),
    ],
    watch: () => watchBlocks(d.watchPoints),
    notes: () => notesBlocks(d.queries, [UNIT_STATS_DEFINITIONS]),
  });
}

function special(d: SpecialReportData, t: ReportTemplate, s: SummaryResult): ReportDocument {
  const m = d.meta;
  const e = d.event;
  const tz = m.timeZone;
  return assemble(d, t, {
    summary: () => summaryBlocks(m, s),
    overview: () => [
      para('事件：', link(e.title, e.link)),
      para(
        `首次发现 ${formatWall(new Date(e.firstSeenAt), tz)}，最近一条 ${formatWall(new Date(e.lastSeenAt), tz)}；累计 ${e.postCount} 条；热度 ${e.heat.toFixed(1)}；预警${levelZh(e.level)}${e.trend ? `；态势${TREND_ZH[e.trend]}` : ''}。`,
      ),
      para(
        `定级依据：${e.levelReasons.join('；') || '—'}。关键词：${e.keywords.join('、') || '—'}。涉及地点、单位：${[...e.places, ...e.units].join('、') || '—'}。`,
      ),
      ...(e.representativePosts.length
        ? [{ kind: 'list' as const, items: e.representativePosts.map((p) => postLine(p, tz)) }]
        : []),
    ],
    timeline: () => [
      {
        kind: 'table',
        head: ['时间', '事项'],
        rows: d.timeline.entries.map((x) => [formatWall(new Date(x.at), tz), link(x.text, x.link)]),
      },
      source(d.timeline.q),
    ],
    spread: () => [
      para(
        `相关信息共 ${d.spread.total} 条，分布于 ${d.spread.bySource.length} 个信息源；涉及地点：${d.spread.places.join('、') || '—'}。`,
      ),
      {
        kind: 'table',
        head: ['信息源', '条数', '占比'],
        rows: d.spread.bySource.map((r) => [
          r.label,
          String(r.count),
          pct(d.spread.total ? r.count / d.spread.total : null),
        ]),
        numeric: [1],
      },
      {
        kind: 'chart',
        caption: '图：各信息源分布',
        spec: {
          type: 'pie',
          title: '各信息源分布',
          data: d.spread.bySource.map((r) => ({ name: r.label, value: r.count })),
        },
      },
      source(d.spread.q),
    ],
    sentiment: () => [trendChart('情感走势', d.sentimentEvolution), source(d.sentimentEvolution.q)],
    keyPosts: () => [{ kind: 'list', items: d.keyPosts.items.map((p) => postLine(p, tz)) }, source(d.keyPosts.q)],
    handling: () => [
      para(`关联台账事项 ${d.caseHistory.cases.length} 件。`),
      ...(d.caseHistory.cases.length
        ? [
            {
              kind: 'table' as const,
              head: ['编号', '事项', '责任单位', '状态', '登记时间', '答复时限', '答复时间', '满意度'],
              rows: d.caseHistory.cases.map((k) => caseRow(k, tz, m.baseUrl)),
            },
          ]
        : []),
      ...(d.caseHistory.entries.length
        ? [
            {
              kind: 'table' as const,
              head: ['时间', '编号', '环节', '经办', '内容'],
              rows: d.caseHistory.entries.map((h) => [
                formatWall(new Date(h.at), tz),
                h.caseNumber,
                CASE_ACTION_ZH[h.action],
                `${h.actor}${h.unit ? `（${h.unit}）` : ''}`,
                h.note,
              ]),
            },
          ]
        : []),
      source(d.caseHistory.q),
    ],
    releases: () => [
      d.releases.items.length
        ? {
            kind: 'table',
            head: ['发布时间', '渠道', '标题'],
            rows: d.releases.items.map((r) => [
              formatWall(new Date(r.publishedAt), tz),
              r.channel,
              link(r.title, r.url),
            ]),
          }
        : para('尚无关联的信息发布。'),
      source(d.releases.q),
    ],
    state: () => [para(d.stateNow.text), source(d.stateNow.q)],
    notes: () => notesBlocks(d.queries),
  });
}

export function composeReport(data: AnyReportData, template: ReportTemplate, summary: SummaryResult): ReportDocument {
  if ('event' in data) return special(data, template, summary);
  if ('negativeItems' in data) return daily(data, template, summary);
  return periodic(data, template, summary);
}
