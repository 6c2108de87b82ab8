import { describe, expect, it } from 'vitest';
import { CLOUD_WORDS, bucketSeries, volumeOption, wordCloudOption } from './overview-charts.ts';
import type { Overview } from '../../api/types.ts';

const pt = (at: string, negative = 0, neutral = 0, positive = 0) => ({ at, negative, neutral, positive });

describe('overview charts', () => {
  it('sums points into whole hours, in time order', () => {
    const out = bucketSeries(
      [
        pt('2026-05-01T03:16:44Z', 1),
        pt('2026-05-01T02:00:00Z', 0, 2),
        pt('2026-05-01T03:00:00Z', 0, 0, 1),
        pt('bad', 9),
      ],
      3_600_000,
    );
    expect(out).toEqual([pt('2026-05-01T02:00:00.000Z', 0, 2, 0), pt('2026-05-01T03:00:00.000Z', 1, 0, 1)]);
  });
  it('shades each collection gap, an open gap up to the end of the window', () => {
    const o = {
      from: '2026-05-01T00:00:00Z',
      to: '2026-05-02T00:00:00Z',
      series: [pt('2026-05-01T01:00:00Z', 1)],
      gaps: [{ sourceId: 's', name: '论坛', from: '2026-05-01T05:00:00Z', to: null, reason: 'failing' }],
    } as unknown as Overview;
    const opt = volumeOption(o, {
      sentiment: { negative: 'N', neutral: 'M', positive: 'P' },
      gap: (n) => `gap ${n}`,
      negative: 'n',
      count: 'c',
    }) as { series: { markArea?: { data: unknown } }[] };
    expect(opt.series[0]?.markArea?.data).toEqual([
      [{ name: 'gap 论坛', xAxis: Date.parse('2026-05-01T05:00:00Z') }, { xAxis: Date.parse('2026-05-02T00:00:00Z') }],
    ]);
    expect(opt.series[1]?.markArea).toBeUndefined();
  });
  it('puts the heaviest keywords in the cloud, at most CLOUD_WORDS of them', () => {
    const keywords = Array.from({ length: 80 }, (_, i) => ({ term: `词${i}`, weight: (i * 37) % 80 }));
    const opt = wordCloudOption({ keywords } as unknown as Overview) as {
      series: { data: { name: string; value: number }[] }[];
    };
    const data = opt.series[0]!.data;
    expect(data).toHaveLength(CLOUD_WORDS);
    expect(data[0]!.value).toBe(79);
    expect(Math.min(...data.map((d) => d.value))).toBe(80 - CLOUD_WORDS);
  });
  it('draws the cloud as canvas text placed for the panel, the heaviest word in the middle', () => {
    const keywords = [
      { term: '<b>停水</b>', weight: 9 },
      { term: '道路', weight: 3 },
      { term: '学校', weight: 5 },
    ];
    const measure = (text: string, size: number) => text.length * size;
    const opt = wordCloudOption({ keywords } as unknown as Overview, false, measure) as {
      series: {
        type: string;
        data: { name: string }[];
        renderItem: (p: { dataIndex: number }, api: { getWidth(): number; getHeight(): number }) => unknown;
      }[];
    };
    const s = opt.series[0]!;
    expect(s.type).toBe('custom');
    expect(s.data.map((d) => d.name)).toEqual(['<b>停水</b>', '学校', '道路']);
    const api = { getWidth: () => 400, getHeight: () => 280 };
    const first = s.renderItem({ dataIndex: 0 }, api) as {
      type: string;
      x: number;
      y: number;
      style: { text: string };
    };
    expect(first).toMatchObject({ type: 'text', x: 200, y: 140, style: { text: '<b>停水</b>', fontSize: 40 } });
    const others = [1, 2].map((i) => s.renderItem({ dataIndex: i }, api) as { x: number; y: number } | null);
    for (const o of others) expect(o).not.toBeNull();
  });
});
