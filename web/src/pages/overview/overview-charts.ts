// ECharts options for the overview, built from the /api/stats/overview payload. Pure (labels are passed in).
import type { EChartsCoreOption } from 'echarts/core';
import type { Overview, Sentiment } from '../../api/types.ts';
import { SENTIMENT_COLORS } from '../../components/sentiment-colors.ts';
import { bucketSeries } from '../../components/chart/series.ts';
import {
  canvasMeasure,
  layoutCloud,
  type MeasureText,
  type PlacedWord,
} from '../../components/chart/word-cloud-layout.ts';

export { bucketSeries };

export interface ChartText {
  sentiment: Record<Sentiment, string>;
  gap: (name: string) => string;
  negative: string;
  count: string;
}

const ORDER: readonly Sentiment[] = ['negative', 'neutral', 'positive'];
/** An hour for windows up to three days, else a day. */
export function bucketFor(o: Overview): number {
  return Date.parse(o.to) - Date.parse(o.from) <= 3 * 86_400_000 ? 3_600_000 : 86_400_000;
}

/** Stacked areas per sentiment on a time axis, with each collection gap as a shaded mark area. */
export function volumeOption(o: Overview, text: ChartText): EChartsCoreOption {
  const gapAreas = o.gaps.map((g) => [
    { name: text.gap(g.name), xAxis: Date.parse(g.from) },
    { xAxis: Date.parse(g.to ?? o.to) },
  ]);
  const points = bucketSeries(o.series, bucketFor(o));
  return {
    animation: false,
    color: ORDER.map((s) => SENTIMENT_COLORS[s]),
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', minInterval: 1 },
    series: ORDER.map((s, i) => ({
      name: text.sentiment[s],
      type: 'line',
      stack: 'volume',
      areaStyle: { opacity: 0.35 },
      showSymbol: false,
      data: points.map((p) => [Date.parse(p.at), p[s]]),
      ...(i === 0 && gapAreas.length > 0
        ? {
            markArea: {
              silent: false,
              itemStyle: { color: 'rgba(140,140,140,0.25)' },
              label: { fontSize: 11, color: '#595959' },
              data: gapAreas,
            },
          }
        : {}),
    })),
  };
}

export function sourcesOption(o: Overview): EChartsCoreOption {
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '45%'],
        label: { show: true, position: 'inside', formatter: '{d}%', color: '#fff' },
        data: o.sources.map((s) => ({ name: s.name, value: s.count })),
      },
    ],
  };
}

/** Words in the cloud, largest first: a panel shows about this many anyway. */
export const CLOUD_WORDS = 40;

const CLOUD_FONT = 'sans-serif';

/**
 * The keywords as a word cloud: an ECharts custom series whose words are placed by layoutCloud (measured boxes on a
 * spiral) for the panel's size at each render, drawn as canvas text (never HTML: the words come from posts).
 */
export function wordCloudOption(o: Overview, dark = false, measure?: MeasureText): EChartsCoreOption {
  const palette = dark
    ? ['#69b1ff', '#95de64', '#ffd666', '#ff85c0', '#5cdbd3']
    : ['#1677ff', '#389e0d', '#d46b08', '#c41d7f', '#08979c'];
  const data = [...o.keywords]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, CLOUD_WORDS)
    .map((k) => ({ name: k.term, value: k.weight }));
  const words = data.map((d) => ({ text: d.name, weight: d.value }));
  // one layout per panel size, shared by the render's calls for each word
  let laid: { width: number; height: number; words: (PlacedWord | null)[] } | null = null;
  const placedFor = (width: number, height: number) => {
    if (!laid || laid.width !== width || laid.height !== height)
      laid = { width, height, words: layoutCloud(words, width, height, measure ?? canvasMeasure(CLOUD_FONT)) };
    return laid.words;
  };
  return {
    animation: false,
    tooltip: { show: true, formatter: (p: { name: string; value: number }) => `${p.name}: ${p.value}` },
    // a custom series keeps each value in two dimensions: the description read to screen readers names it once
    aria: { label: { data: { excludeDimensionId: [1] } } },
    series: [
      {
        type: 'custom',
        coordinateSystem: 'none',
        renderItem: (params: { dataIndex: number }, api: { getWidth(): number; getHeight(): number }) => {
          const w = placedFor(api.getWidth(), api.getHeight())[params.dataIndex];
          if (!w) return null;
          return {
            type: 'text',
            x: w.x,
            y: w.y,
            style: {
              text: w.text,
              fontSize: w.fontSize,
              fontFamily: CLOUD_FONT,
              fill: palette[params.dataIndex % palette.length],
              align: 'center',
              verticalAlign: 'middle',
            },
          };
        },
        data,
      },
    ],
  };
}

/** Top places as horizontal bars: all posts, and the negative ones among them. */
export function placesOption(o: Overview, text: ChartText): EChartsCoreOption {
  const top = [...o.places]
    .sort((a, b) => b.count - a.count)
    .slice(0, 10)
    .reverse();
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((p) => p.name) },
    series: [
      {
        name: text.count,
        type: 'bar',
        data: top.map((p) => p.count),
        itemStyle: { color: '#1677ff' },
        barGap: '-100%',
      },
      {
        name: text.negative,
        type: 'bar',
        data: top.map((p) => p.negative),
        itemStyle: { color: SENTIMENT_COLORS.negative },
      },
    ],
  };
}
