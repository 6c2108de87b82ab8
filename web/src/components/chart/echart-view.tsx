// The ECharts canvas (loaded lazily through <Chart>): registers only the parts the dashboard draws, resizes with
// its box, and replaces the option on every change. Tooltips render as canvas rich text, never as HTML, because
// series and category names come from untrusted posts.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartProps } from './chart.tsx';

echarts.use([
  BarChart,
  CustomChart,
  LineChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

function safeTooltip(tooltip: unknown): unknown {
  const base = { renderMode: 'richText', confine: true };
  if (Array.isArray(tooltip)) return tooltip.map((t: object) => ({ ...t, ...base }));
  return tooltip && typeof tooltip === 'object' ? { ...tooltip, ...base } : tooltip;
}

export default function EChartView({ option, height = 300, dark = false, label, testId }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    // (the observer also reports the size the chart was just drawn at: redrawing for that would draw it twice)
    const box = el.current;
    const ro = new ResizeObserver(() => {
      if (box.clientWidth !== c.getWidth() || box.clientHeight !== c.getHeight()) c.resize();
    });
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    const o = option as Record<string, unknown>;
    chart.current?.setOption(
      {
        ...o,
        ...(dark ? { backgroundColor: 'transparent', textStyle: { fontSize: 15 } } : {}),
        aria: { ...(o.aria as object | undefined), enabled: true, decal: { show: false } },
        tooltip: safeTooltip(o.tooltip),
      },
      { notMerge: true },
    );
  }, [option, dark]);

  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-chart="ready"
      style={{ width: '100%', height }}
    />
  );
}
