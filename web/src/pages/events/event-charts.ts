// ECharts options for one event: posts per time step stacked by sentiment, the negative share over time, and the
// spread (originals against copies/reposts, with the running share of copies). Pure.
import type { EChartsCoreOption } from 'echarts/core';
import type { EventDetail, Sentiment } from '../../api/types.ts';
import type { EventSpread } from '../../../../src/contracts/events.ts';
import { SENTIMENT_COLORS } from '../../components/sentiment-colors.ts';
import { bucketSeries } from '../../components/chart/series.ts';

/** Hourly buckets for events up to four days long, else daily. */
export function eventBucket(e: EventDetail): number {
  return Date.parse(e.lastSeen) - Date.parse(e.firstSeen) <= 4 * 86_400_000 ? 3_600_000 : 86_400_000;
}

const ORDER: readonly Sentiment[] = ['negative', 'neutral', 'positive'];

export function trendOption(e: EventDetail, names: Record<Sentiment, string>): EChartsCoreOption {
  return {
    color: ORDER.map((s) => SENTIMENT_COLORS[s]),
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', minInterval: 1 },
    series: ORDER.map((s) => ({
      name: names[s],
      type: 'bar',
      stack: 'trend',
      barMaxWidth: 24,
      data: bucketSeries(e.trend, eventBucket(e)).map((p) => [Date.parse(p.at), p[s]]),
    })),
  };
}

/** Cumulative negative share (0–100 %) at each trend point; null until the event has posts. */
export function negativeShare(trend: readonly EventDetail['trend'][number][]): [number, number | null][] {
  let neg = 0;
  let all = 0;
  return trend.map((p) => {
    neg += p.negative;
    all += p.negative + p.neutral + p.positive;
    return [Date.parse(p.at), all > 0 ? Math.round((neg / all) * 1000) / 10 : null];
  });
}

export function evolutionOption(e: EventDetail, name: string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name,
        type: 'line',
        smooth: true,
        showSymbol: false,
        connectNulls: true,
        color: SENTIMENT_COLORS.negative,
        areaStyle: { opacity: 0.15 },
        data: negativeShare(bucketSeries(e.trend, eventBucket(e))),
      },
    ],
  };
}

export type { EventSpread };

export interface SpreadText {
  originals: string;
  copies: string;
  copyShare: string;
}

export const SPREAD_COLORS = { originals: '#1677ff', copies: '#fa8c16', copyShare: '#595959' } as const;

/** Running share (0–100 %) of copies/reposts among all posts so far; null until the first post. */
export function copyShare(series: EventSpread['series']): [number, number | null][] {
  let copies = 0;
  let all = 0;
  return series.map((p) => {
    copies += p.copies;
    all += p.originals + p.copies;
    return [Date.parse(p.at), all > 0 ? Math.round((copies / all) * 1000) / 10 : null];
  });
}

/** Originals and copies/reposts per hour (or day) as stacked bars, and the running share of copies as a line. */
export function spreadOption(s: EventSpread, text: SpreadText): EChartsCoreOption {
  const at = (p: EventSpread['series'][number]) => Date.parse(p.at);
  return {
    color: [SPREAD_COLORS.originals, SPREAD_COLORS.copies, SPREAD_COLORS.copyShare],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      {
        name: text.originals,
        type: 'bar',
        stack: 'spread',
        barMaxWidth: 24,
        data: s.series.map((p) => [at(p), p.originals]),
      },
      {
        name: text.copies,
        type: 'bar',
        stack: 'spread',
        barMaxWidth: 24,
        data: s.series.map((p) => [at(p), p.copies]),
      },
      {
        name: text.copyShare,
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        connectNulls: true,
        lineStyle: { type: 'dashed' },
        data: copyShare(s.series),
      },
    ],
  };
}
