/** The overview page's figures, all computed from the store for the requested window. */
import type { Store } from '../store/store.ts';
import { parseJson } from '../store/repos/executor.ts';
import type { Overview } from '../contracts/stats.ts';
import { toEventSummary } from './event.service.ts';
import { tzOffsetMs } from './time.ts';
import { sourceGaps } from '../pipeline/gaps.ts';
import { toCase } from './case.service.ts';

const iso = (t: number) => new Date(t).toISOString();

export function createOverviewService(
  store: Store,
  opts: { timezone: string; caseStats: (from: string, to: string, now: Date) => Promise<{ handlingRate: number | null; satisfactionRate: number | null }> },
) {
  return {
    async overview(q: { from?: string; to?: string; bucket?: 'hour' | 'day' }, nowMs: number): Promise<Overview> {
      const to = q.to ? Date.parse(q.to) : nowMs;
      const from = q.from ? Date.parse(q.from) : to - 24 * 3600_000;
      const span = to - from;
      const bucket = (q.bucket ?? (span > 3 * 86400_000 ? 'day' : 'hour')) === 'day' ? 86400_000 : 3600_000;
      const offset = tzOffsetMs(opts.timezone, new Date(to));
      // (the window's totals by sentiment are the histogram's sums: no second pass over the window's posts; the
      // counts read whole hours from the hourly table, postCounts)
      const [hist, prev, bySource, sources, events, recent, openAlerts, latestAlerts, openCases] = await Promise.all([
        store.repos.postCounts.histogram(from, to, bucket, offset),
        store.repos.postCounts.count(from - span, from),
        store.repos.postCounts.countBySource(from, to),
        store.repos.sources.list(),
        store.repos.events.list({ from, limit: 10, offset: 0 }),
        store.repos.posts.analysisBetween(from, to, 5000),
        store.repos.alerts.countOpen(),
        store.repos.alerts.list({ limit: 5, offset: 0 }),
        store.repos.cases.all({ status: ['registered', 'assessed', 'instructed', 'assigned', 'in_progress', 'returned', 'replied', 'feedback'] }),
      ]);
      const series = new Map<number, { negative: number; neutral: number; positive: number }>();
      for (let t = Math.floor((from + offset) / bucket) * bucket - offset; t < to; t += bucket) series.set(t, { negative: 0, neutral: 0, positive: 0 });
      for (const h of hist) {
        const p = series.get(h.bucket) ?? { negative: 0, neutral: 0, positive: 0 };
        if (h.sentiment === 'negative' || h.sentiment === 'neutral' || h.sentiment === 'positive') p[h.sentiment] += h.n;
        series.set(h.bucket, p);
      }
      const sent = { negative: 0, neutral: 0, positive: 0 };
      for (const h of hist) if (h.sentiment in sent) sent[h.sentiment as keyof typeof sent] += h.n;
      const names = new Map(sources.map((s) => [s.id, s.name]));
      // Keywords of the window: summed TF-IDF weights; places ranked by mentions, with negatives counted.
      const kw = new Map<string, number>();
      const places = new Map<string, { count: number; negative: number }>();
      for (const r of recent) {
        for (const k of parseJson<({ term: string; weight: number } | string)[]>(r.keywords, []).slice(0, 5)) {
          const term = typeof k === 'string' ? k : k.term;
          kw.set(term, (kw.get(term) ?? 0) + (typeof k === 'string' ? 1 : k.weight));
        }
        for (const p of parseJson<string[]>(r.places, [])) {
          const e = places.get(p) ?? { count: 0, negative: 0 };
          e.count++;
          if (r.sentiment === 'negative') e.negative++;
          places.set(p, e);
        }
      }
      const gaps: Overview['gaps'] = sourceGaps(sources, new Date(nowMs)).map((g) => ({
        sourceId: g.sourceId, name: g.source, from: iso(g.from.getTime()), to: null, reason: g.reason,
      }));
      const dayEnd = Math.floor((nowMs + offset) / 86400_000) * 86400_000 - offset + 86400_000;
      const stats = await opts.caseStats(iso(from), iso(to), new Date(nowMs));
      const openNow = openCases.map((c) => toCase(c, new Date(nowMs)));
      return {
        from: iso(from),
        to: iso(to),
        timezone: opts.timezone,
        totals: { posts: sent.negative + sent.neutral + sent.positive, ...sent, previousPosts: prev },
        series: [...series.entries()].sort((a, b) => a[0] - b[0]).map(([at, p]) => ({ at: iso(at), ...p })),
        gaps,
        sources: bySource.map((s) => ({ sourceId: s.key, name: names.get(s.key) ?? s.key, count: s.n })).sort((a, b) => b.count - a.count),
        topEvents: events.map(toEventSummary),
        keywords: [...kw.entries()].sort((a, b) => b[1] - a[1]).slice(0, 80).map(([term, weight]) => ({ term, weight: Math.round(weight * 100) / 100 })),
        places: [...places.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 20).map(([name, v]) => ({ name, ...v })),
        alerts: { open: openAlerts, latest: latestAlerts.map((a) => ({ id: a.id, level: a.level, title: a.title, status: a.status, createdAt: iso(a.created_at) })) },
        ledger: {
          open: openNow.length,
          dueToday: openCases.filter((c) => c.reply_due != null && c.replied_at == null && c.reply_due >= nowMs && c.reply_due < dayEnd).length,
          overdue: openNow.filter((c) => c.marks.firstResponse === 'overdue' || c.marks.reply === 'overdue').length,
          handlingRate: stats.handlingRate,
          satisfactionRate: stats.satisfactionRate,
        },
        demo: sources.some((s) => s.demo === 1),
      };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
