// A chart drawn by ECharts. The ECharts code (≈1 MB) is a separate chunk loaded the first time a chart shows, or
// earlier through `preloadCharts` (the overview asks for it as the app starts). Once loaded, charts render it
// directly: no Suspense fallback and no second commit per chart.
import { lazy, Suspense, useState, type ComponentType } from 'react';
import { Skeleton } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';

export interface ChartProps {
  option: EChartsCoreOption;
  height?: number;
  /** Dark theme (wall screen). */
  dark?: boolean;
  /** What the chart shows, for screen readers. */
  label: string;
  testId?: string;
}

let loaded: ComponentType<ChartProps> | null = null;
let loading: Promise<{ default: ComponentType<ChartProps> }> | null = null;

function load(): Promise<{ default: ComponentType<ChartProps> }> {
  loading ??= import('./echart-view.tsx').then((m) => {
    loaded = m.default;
    return m;
  });
  return loading;
}

/** Starts loading the chart code now (before any chart shows). */
export function preloadCharts(): Promise<unknown> {
  return load();
}

const LazyEChartView = lazy(load);

export function Chart(props: ChartProps) {
  // each chart keeps the component it started with (switching would remount the canvas)
  const [View] = useState(() => loaded);
  if (View) return <View {...props} />;
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 300 }} />}>
      <LazyEChartView {...props} />
    </Suspense>
  );
}
