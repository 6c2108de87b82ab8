// ECharts options for one event: posts per time step stacked by sentiment, and the negative share over time. Pure.
import type { EChartsCoreOption } from 'echarts/core';
import type { EventDetail, Sentiment } from '../../api/types.ts';
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
