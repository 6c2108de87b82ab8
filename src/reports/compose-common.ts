/** Section builders shared by the daily, periodic and special composers. */
import { makeLinks } from './assemble-parts.ts';
import type { ChartSpec } from './charts.ts';
import { SENTIMENT_COLORS } from './charts.ts';
import { link, para, source, type Block, type Inline } from './doc-model.ts';
import {
  ALERT_STATUS_ZH,
  CASE_STATUS_ZH,
  change,
  levelZh,
  pct,
  SATISFACTION_ZH,
  SENTIMENT_ZH,
  TREND_ZH,
} from './labels.ts';
import { formatWall } from './period.ts';
import type { SummaryResult } from './summary.ts';
import type {
  AlertsSection,
  CaseRow,
  LedgerSection,
  LinkedPost,
  QueryNote,
  ReportEvent,
  ReportMeta,
  Totals,
  Trend,
  WatchPoint,
} from './types.ts';

export function summaryBlocks(meta: ReportMeta, s: SummaryResult): Block[] {
  const links = makeLinks(meta.baseUrl);
  const blocks: Block[] = s.paragraphs.map((p) => {
    const runs: Inline[] = [p.text];
    if (p.citedPostIds.length) {
      runs.push('［引：');
      p.citedPostIds.forEach((id, i) => {
        if (i > 0) runs.push('、');
        runs.push(link(id, links.post(id)));
      });
      runs.push('］');
    }
    return { kind: 'para', runs };
  });
  blocks.push(
    para(
      s.method === 'llm' ? '（本综述由模型依据上述引用信息生成，论断均附引用。）' : '（本综述依据统计数据自动生成。）',
    ),
  );
  if (s.note) blocks.push(para(s.note));
  return blocks;
}

export function totalsBlocks(meta: ReportMeta, t: Totals): Block[] {
  const tz = meta.timeZone;
  const neg = t.bySentiment.find((s) => s.key === 'negative');
  const blocks: Block[] = [
    para(
      `统计时段：${meta.period.label}。共监测到相关信息 ${t.total} 条，上期 ${t.previousTotal} 条，变化 ${change(t.total, t.previousTotal)}；`,
      `其中负面信息 ${neg?.current ?? 0} 条，占 ${pct(t.total ? (neg?.current ?? 0) / t.total : null)}。`,
    ),
    { kind: 'subheading', text: '按情感倾向' },
    {
      kind: 'table',
      head: ['情感倾向', '本期', '上期', '变化'],
      rows: t.bySentiment.map((s) => [
        SENTIMENT_ZH[s.key as keyof typeof SENTIMENT_ZH] ?? s.label,
        String(s.current),
        String(s.previous),
        change(s.current, s.previous),
      ]),
      numeric: [1, 2],
    },
    { kind: 'subheading', text: '按信息源' },
    {
      kind: 'table',
      head: ['信息源', '本期', '上期', '变化'],
      rows: [
        ...t.bySource.map((s) => [s.label, String(s.current), String(s.previous), change(s.current, s.previous)]),
        ['合计', String(t.total), String(t.previousTotal), change(t.total, t.previousTotal)],
      ],
      numeric: [1, 2],
    },
  ];
  if (t.bySource.length > 0) {
    const spec: ChartSpec = {
      type: 'bar',
      title: '各信息源信息量（本期与上期）',
      categories: t.bySource.slice(0, 12).map((s) => s.label),
      series: [
        { name: '本期', data: t.bySource.slice(0, 12).map((s) => s.current), color: '#3366CC' },
        { name: '上期', data: t.bySource.slice(0, 12).map((s) => s.previous), color: '#A7B8D6' },
      ],
    };
    blocks.push({
      kind: 'chart',
      spec,
      caption: `图：各信息源信息量（${formatWall(new Date(meta.period.start), tz, false)} 起）`,
    });
  }
  blocks.push(source(t.q));
  return blocks;
}

export function trendChart(title: string, tr: Trend): Block {
  return {
    kind: 'chart',
    caption: `图：${title}`,
    spec: {
      type: 'bar',
      stacked: true,
      title,
      categories: tr.points.map((p) => p.label),
      series: (['negative', 'neutral', 'positive'] as const).map((k) => ({
        name: SENTIMENT_ZH[k],
        data: tr.points.map((p) => p[k]),
        color: SENTIMENT_COLORS[k],
      })),
    },
  };
}

export function postLine(p: LinkedPost, tz: string): Inline[] {
  return [
    link(p.title || p.excerpt.slice(0, 40), p.link),
    `（${p.sourceName}，${formatWall(new Date(p.publishedAt), tz)}，${SENTIMENT_ZH[p.sentiment]}，互动 ${p.engagement}）`,
  ];
}

export function eventBlocks(meta: ReportMeta, items: ReportEvent[], q: string[], empty: string): Block[] {
  if (items.length === 0) return [para(empty), source(q)];
  const blocks: Block[] = [
    {
      kind: 'table',
      head: ['事件', '预警级别', '本期条数', '上期条数', '累计', '热度', '态势'],
      rows: items.map((e) => [
        link(e.title, e.link),
        levelZh(e.level),
        String(e.postsInRange),
        String(e.postsInPreviousRange),
        String(e.postCount),
        e.heat.toFixed(1),
        e.trend ? TREND_ZH[e.trend] : '—',
      ]),
      numeric: [2, 3, 4, 5],
    },
  ];
  items.forEach((e, i) => {
    blocks.push({ kind: 'subheading', text: `（${i + 1}）${e.title}${e.isNew ? '【新发】' : ''}` });
    blocks.push(
      para(
        `预警${levelZh(e.level)}。${e.levelReasons.length ? `依据：${e.levelReasons.join('；')}。` : ''}涉及：${[...e.places, ...e.units].join('、') || '—'}。`,
      ),
    );
    if (e.representativePosts.length)
      blocks.push({ kind: 'list', items: e.representativePosts.map((p) => postLine(p, meta.timeZone)) });
  });
  blocks.push(source(q));
  return blocks;
}

export function negativeBlocks(meta: ReportMeta, items: LinkedPost[], total: number, q: string[]): Block[] {
  if (total === 0) return [para('本期未监测到涉及本地地点或单位的负面信息。'), source(q)];
  return [
    para(
      `本期涉及本地地点或单位的负面信息共 ${total} 条${items.length < total ? `，以下列出互动量最高的 ${items.length} 条` : ''}。`,
    ),
    {
      kind: 'table',
      head: ['标题', '来源', '发布时间', '涉及', '互动'],
      rows: items.map((p) => [
        link(p.title || p.excerpt.slice(0, 40), p.link),
        p.sourceName,
        formatWall(new Date(p.publishedAt), meta.timeZone),
        [...p.places, ...p.units].join('、'),
        String(p.engagement),
      ]),
      numeric: [4],
    },
    source(q),
  ];
}

export function alertBlocks(meta: ReportMeta, a: AlertsSection): Block[] {
  const ack = a.meanMinutesToAck === null ? '' : `，平均 ${a.meanMinutesToAck.toFixed(0)} 分钟确认`;
  const blocks: Block[] = [
    para(
      `本期新增预警 ${a.total} 条，已确认 ${a.acknowledged} 条${ack}，升级 ${a.escalated} 条，未确认 ${a.unacknowledged} 条。`,
    ),
  ];
  if (a.items.length)
    blocks.push({
      kind: 'table',
      head: ['时间', '级别', '预警', '规则', '状态', '确认人'],
      rows: a.items.map((x) => [
        formatWall(new Date(x.createdAt), meta.timeZone),
        levelZh(x.level),
        link(x.title, x.link),
        x.ruleName,
        ALERT_STATUS_ZH[x.status],
        x.acknowledgedBy ?? '—',
      ]),
    });
  blocks.push(source(a.q));
  return blocks;
}

export function caseRow(k: CaseRow, tz: string, baseUrl: string): Inline[] {
  const w = (s: string | null) => (s ? formatWall(new Date(s), tz) : '—');
  return [
    link(k.number, makeLinks(baseUrl).case(k.id)),
    k.summary,
    k.leadUnit ?? '未指派',
    CASE_STATUS_ZH[k.status],
    w(k.registeredAt),
    w(k.deadline),
    w(k.repliedAt),
    k.satisfaction ? SATISFACTION_ZH[k.satisfaction] : '—',
  ];
}

const CASE_HEAD = ['编号', '事项', '责任单位', '状态', '登记时间', '答复时限', '答复时间', '满意度'];

export function ledgerBlocks(meta: ReportMeta, l: LedgerSection): Block[] {
  const blocks: Block[] = [
    para(
      `本期台账新登记 ${l.opened.length} 件，答复 ${l.replied.length} 件；截至本期末超期未答复 ${l.overdue.length} 件，24 小时内到期 ${l.dueSoon.length} 件。`,
    ),
  ];
  const table = (title: string, rows: CaseRow[]) => {
    if (!rows.length) return;
    blocks.push({ kind: 'subheading', text: title });
    blocks.push({ kind: 'table', head: CASE_HEAD, rows: rows.map((k) => caseRow(k, meta.timeZone, meta.baseUrl)) });
  };
  table('新登记', l.opened);
  table('已答复', l.replied);
  table('超期未答复', l.overdue);
  blocks.push(source(l.q));
  return blocks;
}

export function watchBlocks(w: WatchPoint[]): Block[] {
  if (!w.length) return [para('暂无需要特别关注的事项，继续做好日常监测。')];
  return [{ kind: 'list', items: w.map((x) => [link(x.text, x.link)]) }];
}

export function notesBlocks(queries: QueryNote[], extra: string[] = []): Block[] {
  return [
    para('本报告每项数字均由以下查询自数据库计算得出，表格下方的“数据来源”注明所依据的查询编号，可据此复核。'),
    ...extra.map((e) => para(e)),
    {
      kind: 'table',
      head: ['编号', '查询', '结果行数'],
      rows: queries.map((q) => [q.id, q.call, String(q.rows)]),
      numeric: [2],
    },
  ];
}
