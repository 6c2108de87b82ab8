import { describe, expect, it } from 'vitest';
import { dataSource, options } from '../../test/reports/report-fixture.ts';
import { assembleDaily, assemblePeriodic, assembleSpecial } from './assemble.ts';
import { createMemoryDataSource } from './memory-data-source.ts';
import { DailyReportDataSchema, PeriodicReportDataSchema, SpecialReportDataSchema } from './types.ts';

const by = <T extends { key: string }>(rows: T[], key: string) => rows.find((r) => r.key === key);

describe('assembleDaily', () => {
  it('counts the period [17:00 yesterday, 17:00 today) by source and sentiment against the previous period', async () => {
    const d = await assembleDaily(dataSource(), '2026-03-05', options);
    expect(DailyReportDataSchema.parse(d)).toBeTruthy();
    expect(d.meta.reportNumber).toBe('舆情日报〔2026〕第64期'); // day 64 of 2026
    expect(d.totals.total).toBe(11);
    expect(d.totals.previousTotal).toBe(4);
    expect(by(d.totals.bySource, 's-weibo')).toMatchObject({ label: '微博', current: 5, previous: 2 });
    expect(by(d.totals.bySource, 's-forum')).toMatchObject({ current: 3, previous: 1 });
    expect(by(d.totals.bySource, 's-12345')).toMatchObject({ current: 3, previous: 1 });
    expect(d.totals.bySentiment.map((s) => [s.key, s.current, s.previous])).toEqual([
      ['positive', 2, 0],
      ['neutral', 4, 2],
      ['negative', 5, 2],
    ]);
  });

  it('lists new and growing events with level, reasons, representative posts and desk links', async () => {
    const d = await assembleDaily(dataSource(), '2026-03-05', options);
    expect(d.events.items.map((e) => e.id)).toEqual(['E1']); // E2 is fading, old and unwarned
    const e = d.events.items[0]!;
    expect(e).toMatchObject({ isNew: true, postsInRange: 6, postsInPreviousRange: 0, level: 'II' });
    expect(e.link).toBe('https://desk.example.gov.cn/#/events/E1');
    expect(e.representativePosts.map((p) => p.id)).toEqual(['p1', 'p3', 'p2']);
    expect(e.representativePosts[0]!.link).toBe('https://desk.example.gov.cn/#/posts/p1');
  });

  it('negative items concerning the office, alerts handled, ledger and watch points', async () => {
    const d = await assembleDaily(dataSource(), '2026-03-05', options);
    expect(d.negativeItems.total).toBe(4);
    expect(d.negativeItems.items.map((p) => p.id)).toEqual(['p3', 'p1', 'p2', 'p9']);
    expect(d.alerts).toMatchObject({
      total: 2,
      acknowledged: 1,
      escalated: 1,
      unacknowledged: 1,
      meanMinutesToAck: 15,
    });
    expect(d.ledger.opened.map((c) => c.number)).toEqual(['YQ-2026-000101', 'YQ-2026-000102']);
    expect(d.ledger.replied.map((c) => c.id)).toEqual(['c1', 'c4']);
    expect(d.ledger.overdue.map((c) => c.id)).toEqual(['c3']);
    expect(d.ledger.dueSoon.map((c) => c.id)).toEqual(['c2']);
    const text = d.watchPoints.map((w) => w.text).join('\n');
    expect(text).toContain('治河渡镇自来水浑浊');
    expect(text).toContain('YQ-2026-000090');
    expect(text).toContain('YQ-2026-000102');
  });

  it('records every query it made and cites them', async () => {
    const d = await assembleDaily(dataSource(), '2026-03-05', options);
    const ids = new Set(d.queries.map((q) => q.id));
    for (const q of [...d.totals.q, ...d.events.q, ...d.alerts.q, ...d.ledger.q]) expect(ids.has(q)).toBe(true);
    expect(d.queries[0]!.call).toContain('countPosts');
    expect(d.queries[0]!.call).toContain('2026-03-04T09:00:00.000Z');
  });

  it('rejects a data source that returns malformed rows with a code naming the query', async () => {
    const ds = { ...dataSource(), countPosts: async () => [{ key: 'x', label: 'x', count: -1 }] };
    await expect(assembleDaily(ds, '2026-03-05', options)).rejects.toThrow(/countPosts/);
    await expect(assembleDaily(ds, '2026-03-05', options)).rejects.toMatchObject({ code: 'TF_ERR_REPORT_DATA' });
  });
});

describe('assemblePeriodic', () => {
  it('weekly: totals, per-unit statistics, releases per channel per month, source health', async () => {
    const d = await assemblePeriodic(dataSource(), 'weekly', '2026-03-05', options);
    expect(PeriodicReportDataSchema.parse(d)).toBeTruthy();
    expect(d.meta.reportNumber).toBe('舆情周报〔2026〕第10期');
    expect(d.totals.total).toBe(16);
    expect(d.totals.previousTotal).toBe(1);
    expect(d.trend.points).toHaveLength(7);
    expect(d.trend.points.reduce((a, p) => a + p.positive + p.neutral + p.negative, 0)).toBe(16);
    // Ledger statistics (src/cases/stats.ts), as of min(period end, now = 2026-03-05T09:30Z): a unit's row counts
    // the cases it leads or assists, so 治河渡镇 (co-unit of c1, lead of c2) has 2.
    const u = Object.fromEntries(d.unitStats.rows.map((r) => [r.unit, r]));
    expect(u['县水务局']).toMatchObject({
      cases: 1,
      handled: 1,
      handledRate: 1,
      onTime: 1,
      onTimeRate: 1,
      meanReplyHours: 15,
      satisfactionRate: 1,
    });
    // c2's deadline (2026-03-05T20:00Z) had not passed at `now`: its outcome is not known yet.
    expect(u['治河渡镇']).toMatchObject({ cases: 2, handled: 1, handledRate: 0.5, onTime: 1, onTimeRate: 1 });
    expect(u['城关镇']).toMatchObject({
      cases: 1,
      handled: 1,
      onTime: 0,
      onTimeRate: 0,
      meanReplyHours: 56,
      satisfactionRate: 0,
    });
    expect(d.unitStats.overall).toMatchObject({
      cases: 3,
      handled: 2,
      onTime: 1,
      onTimeRate: 0.5,
      meanReplyHours: 35.5,
      feedbacks: 2,
      satisfied: 1,
      satisfactionRate: 0.5,
    });
    expect(d.releases).toMatchObject({ months: ['2026-03'], total: 2 });
    expect(d.sourceHealth.rows.find((s) => s.sourceId === 's-forum')).toMatchObject({
      status: 'down',
      itemsInRange: 4,
    }); // q1, p2, p6, p7;
    expect(d.watchPoints.some((w) => w.text.includes('本地论坛'))).toBe(true);
  });

  it('monthly: the calendar month, with the month before for comparison', async () => {
    const d = await assemblePeriodic(dataSource(), 'monthly', '2026-03-20', options);
    expect(d.meta.reportNumber).toBe('舆情月报〔2026〕第3期');
    expect(d.totals.total).toBe(16);
    expect(d.totals.previousTotal).toBe(1);
    expect(d.trend.points).toHaveLength(31);
    expect(d.releases.rows).toEqual([
      { channel: '政务微博', counts: [2], total: 2 },
      { channel: '政府网站', counts: [1], total: 1 },
    ]);
  });
});

describe('assembleSpecial', () => {
  it('builds timeline, spread, sentiment evolution, key posts, case history and the state now', async () => {
    const d = await assembleSpecial(dataSource(), 'E1', options);
    expect(SpecialReportDataSchema.parse(d)).toBeTruthy();
    expect(d.meta.reportNumber).toBe('舆情专报〔2026〕第1期');
    expect(d.spread.total).toBe(6);
    expect(d.spread.bySource.map((s) => [s.label, s.count])).toEqual([
      ['微博', 3],
      ['本地论坛', 2],
      ['12345热线', 1],
    ]);
    const kinds = d.timeline.entries.map((e) => e.kind);
    expect(kinds[0]).toBe('first_post');
    expect(kinds).toEqual(expect.arrayContaining(['level_change', 'alert', 'case', 'release']));
    const times = d.timeline.entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(d.caseHistory.entries.map((h) => h.action)).toEqual([
      'registered',
      'instructed',
      'assigned',
      'replied',
      'feedback',
    ]);
    expect(d.keyPosts.items[0]!.id).toBe('p3');
    const evo = d.sentimentEvolution.points.reduce((a, p) => a + p.positive + p.neutral + p.negative, 0);
    expect(evo).toBe(6);
    expect(d.stateNow.text).toContain('台账事项 2 件，已答复 1 件');
  });

  it('names a missing event', async () => {
    await expect(
      assembleSpecial(createMemoryDataSource({ posts: [], events: [] }), 'nope', options),
    ).rejects.toMatchObject({ code: 'TF_ERR_REPORT_NOT_FOUND' });
  });
});
