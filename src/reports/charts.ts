/**
 * Charts rendered on the server: a small ChartSpec → ECharts option → SVG (ECharts SSR) → PNG (resvg) for .docx.
 * Chinese labels need a CJK font: we look for one installed on the system (Debian: fonts-noto-cjk); when none is
 * found the chart is still drawn and a warning is logged once (labels may then show as boxes).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

export interface ChartSeries {
  name: string;
  data: number[];
  color?: string;
}

export type ChartSpec =
  | {
      type: 'bar' | 'line';
      title: string;
      categories: string[];
      series: ChartSeries[];
      stacked?: boolean;
      horizontal?: boolean;
    }
  | { type: 'pie'; title: string; data: Array<{ name: string; value: number; color?: string }> };

export interface ChartLogger {
  warn(msg: string): void;
}

export const SENTIMENT_COLORS = { positive: '#3BA272', neutral: '#91A3B0', negative: '#D9342B' } as const;
const FONT_STACK =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'SimHei', sans-serif";

export function chartOption(spec: ChartSpec): echarts.EChartsCoreOption {
  const base = {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_STACK },
    title: {
      text: spec.title,
      left: 'center',
      top: 6,
      textStyle: { fontSize: 15, fontWeight: 'bold', fontFamily: FONT_STACK },
    },
  };
  if (spec.type === 'pie') {
    return {
      ...base,
      legend: { bottom: 4, textStyle: { fontFamily: FONT_STACK } },
      series: [
        {
          type: 'pie',
          radius: ['35%', '62%'],
          center: ['50%', '52%'],
          label: { formatter: '{b}\n{c}（{d}%）', fontFamily: FONT_STACK },
          data: spec.data.map((d) => ({
            name: d.name,
            value: d.value,
            ...(d.color ? { itemStyle: { color: d.color } } : {}),
          })),
        },
      ],
    };
  }
  const cat = {
    type: 'category',
    data: spec.categories,
    axisLabel: { fontFamily: FONT_STACK, interval: 'auto', hideOverlap: true },
  };
  const val = { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT_STACK } };
  return {
    ...base,
    legend: { bottom: 4, textStyle: { fontFamily: FONT_STACK } },
    grid: { left: spec.horizontal ? 120 : 48, right: 24, top: 44, bottom: 56, containLabel: !spec.horizontal },
    xAxis: spec.horizontal ? val : cat,
    yAxis: spec.horizontal ? { ...cat, inverse: true } : val,
    series: spec.series.map((s) => ({
      type: spec.type,
      name: s.name,
      data: s.data,
      ...(spec.stacked ? { stack: 'total' } : {}),
      ...(s.color ? { itemStyle: { color: s.color }, lineStyle: { color: s.color } } : {}),
      ...(spec.type === 'line' ? { smooth: false, symbolSize: 5 } : { barMaxWidth: 36 }),
    })),
  };
}

export function renderChartSvg(spec: ChartSpec, width = 640, height = 320): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface CjkFonts {
  files: string[];
  family: string | null;
}

let cached: CjkFonts | null = null;

/** Locate CJK font files: fontconfig first, then the usual Debian directories. */
export function findCjkFonts(): CjkFonts {
  if (cached) return cached;
  const files = new Set<string>();
  let family: string | null = null;
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'file', 'family'], { encoding: 'utf8', timeout: 5000 });
    for (const line of out.split('\n')) {
      const [file, fam] = line.split(':').map((s) => s.trim());
      if (!file || !/\.(ttc|otf|ttf)$/i.test(file)) continue;
      if (/Sans CJK/i.test(fam ?? '') || /Sans|Hei|YaHei/i.test(fam ?? '') || files.size === 0) files.add(file);
      if (!family && /Noto Sans CJK SC/i.test(fam ?? '')) family = 'Noto Sans CJK SC';
    }
  } catch {
    // no fontconfig: fall through to directory scan
  }
  if (files.size === 0) {
    for (const dir of [
      '/usr/share/fonts/opentype/noto',
      '/usr/share/fonts/truetype/wqy',
      '/usr/share/fonts/truetype/arphic',
    ]) {
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir)) if (/CJK|wqy|uming|ukai/i.test(f)) files.add(join(dir, f));
    }
    if (files.size > 0) family = 'Noto Sans CJK SC';
  }
  // Prefer the Sans CJK collection alone when present: fewer files load faster.
  const sans = [...files].filter((f) => /NotoSansCJK-(Regular|Bold)/i.test(f));
  cached = { files: sans.length ? sans : [...files].slice(0, 4), family: family ?? (files.size ? null : null) };
  return cached;
}

let warned = false;

export interface PngChart {
  png: Buffer;
  width: number;
  height: number;
  fontMissing: boolean;
}

/** Render a chart to PNG at `scale` × its CSS size (2 = crisp in Word at the given size). */
export function renderChartPng(
  spec: ChartSpec,
  width = 640,
  height = 320,
  opts: { scale?: number; logger?: ChartLogger } = {},
): PngChart {
  const svg = renderChartSvg(spec, width, height);
  const fonts = findCjkFonts();
  const fontMissing = fonts.files.length === 0;
  if (fontMissing && !warned) {
    warned = true;
    (opts.logger ?? { warn: (m: string) => process.stderr.write(`${m}\n`) }).warn(
      'TF_WARN_REPORT_FONT: no CJK font found; chart labels may not show Chinese. Install one (Debian: apt-get install fonts-noto-cjk).',
    );
  }
  const scale = opts.scale ?? 2;
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: fontMissing
      ? { loadSystemFonts: true }
      : {
          loadSystemFonts: false,
          fontFiles: fonts.files,
          defaultFontFamily: fonts.family ?? 'Noto Sans CJK SC',
          sansSerifFamily: fonts.family ?? 'Noto Sans CJK SC',
        },
  });
  const png = r.render().asPng();
  return { png: Buffer.from(png), width, height, fontMissing };
}
