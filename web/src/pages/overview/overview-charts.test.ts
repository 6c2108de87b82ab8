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
});
