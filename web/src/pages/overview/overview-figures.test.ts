import { describe, expect, it } from 'vitest';
import type { Overview } from '../../api/types.ts';
import { formatFigure, overviewFigures, postsChange } from './overview-figures.ts';

function overview(
  p: { posts?: number; negative?: number; previous?: number; overdue?: number; handling?: number | null } = {},
): Overview {
  const posts = p.posts ?? 0;
  return {
    from: '2024-05-01T16:00:00.000Z',
    to: '2024-05-02T16:00:00.000Z',
    timezone: 'Asia/Shanghai',
    totals: {
      posts,
      negative: p.negative ?? 0,
      neutral: posts - (p.negative ?? 0),
      positive: 0,
      previousPosts: p.previous ?? 0,
    },
    series: [],
    gaps: [],
    sources: [],
    topEvents: [],
    keywords: [],
    places: [],
    alerts: { open: 0, latest: [] },
    ledger: { open: 3, dueToday: 1, overdue: p.overdue ?? 0, handlingRate: p.handling ?? null, satisfactionRate: null },
    demo: false,
  };
}

describe('overview figures', () => {
  it('derives the negative share and flags overdue cases', () => {
    const figs = Object.fromEntries(
      overviewFigures(overview({ posts: 200, negative: 50, overdue: 2, handling: 0.875 })).map((f) => [f.key, f]),
    );
    expect(figs.negativeShare?.value).toBe(0.25);
    expect(figs.overdue).toMatchObject({ value: 2, alarm: true });
    expect(figs.openAlerts?.alarm).toBe(false);
    expect(formatFigure(figs.handlingRate!.value, 'percent', 'zh-CN')).toBe('87.5%');
  });
  it('shows a dash, not 0 % or NaN, when a share cannot be computed', () => {
    const figs = Object.fromEntries(overviewFigures(overview()).map((f) => [f.key, f]));
    expect(figs.negativeShare?.value).toBeNull();
    expect(formatFigure(figs.negativeShare!.value, 'percent', 'en-US')).toBe('—');
    expect(formatFigure(figs.satisfactionRate!.value, 'percent', 'en-US')).toBe('—');
  });
  it('compares with the previous window only when it had posts', () => {
    expect(postsChange(overview({ posts: 150, previous: 100 }))).toBe(0.5);
    expect(postsChange(overview({ posts: 150, previous: 0 }))).toBeNull();
  });
  it('groups thousands per locale', () => {
    expect(formatFigure(1234567, 'count', 'en-US')).toBe('1,234,567');
  });
});
