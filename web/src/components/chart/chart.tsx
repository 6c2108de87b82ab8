// A chart drawn by ECharts. The ECharts code is a separate chunk loaded the first time a chart shows, or earlier
// through `preloadCharts` (chart-loader.ts; the boot script asks for it when the app opens on the overview). Once
// loaded, charts render it directly: no Suspense fallback and no second commit per chart.
import { lazy, Suspense, useState } from 'react';
import { Skeleton } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { loadChartView, loadedChartView } from './chart-loader.ts';

export interface ChartProps {
  option: EChartsCoreOption;
  height?: number;
  /** Dark theme (wall screen). */
  dark?: boolean;
  /** What the chart shows, for screen readers. */
  label: string;
  testId?: string;
}

export { preloadCharts } from './chart-loader.ts';

const LazyEChartView = lazy(loadChartView);

export function Chart(props: ChartProps) {
  // each chart keeps the component it started with (switching would remount the canvas)
  const [View] = useState(() => loadedChartView());
  if (View) return <View {...props} />;
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 300 }} />}>
      <LazyEChartView {...props} />
    </Suspense>
  );
}
