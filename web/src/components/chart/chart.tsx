// A chart drawn by ECharts. The ECharts code (≈1 MB) is a separate chunk loaded the first time a chart shows.
import { lazy, Suspense } from 'react';
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

const EChartView = lazy(() => import('./echart-view.tsx'));

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 300 }} />}>
      <EChartView {...props} />
    </Suspense>
  );
}
