// Loads the chart code (echart-view.tsx and the ECharts chunk) once. Free of React and Ant Design so the app's tiny
// boot script (main.tsx) can start the load before the rest of the app has arrived.
import type { ComponentType } from 'react';
import type { ChartProps } from './chart.tsx';

type ChartModule = { default: ComponentType<ChartProps> };

let loaded: ComponentType<ChartProps> | null = null;
let loading: Promise<ChartModule> | null = null;

/** Loads the chart component (once; later calls share the load). */
export function loadChartView(): Promise<ChartModule> {
  loading ??= import('./echart-view.tsx').then((m) => {
    loaded = m.default;
    return m;
  });
  return loading;
}

/** Starts loading the chart code now (before any chart shows). */
export function preloadCharts(): Promise<unknown> {
  return loadChartView();
}

/** The chart component once its code has arrived, else null. */
export function loadedChartView(): ComponentType<ChartProps> | null {
  return loaded;
}
