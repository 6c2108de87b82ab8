// The stream's filters as URL search parameters (so a filtered view can be linked and survives reload), and the
// GET /api/posts query they make. Pure.
import type { QueryValue } from '../../api/client.ts';

export const RANGES = ['1h', '24h', '7d', '30d'] as const;
export type Range = (typeof RANGES)[number];
const RANGE_MS: Record<Range, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export interface StreamFilters {
  q: string;
  range: Range | '';
  source: string[];
  sentiment: string[];
  plan: string;
  place: string;
  unit: string;
  fold: boolean;
  page: number;
}

export const PAGE_SIZE = 20;

export function readFilters(p: URLSearchParams): StreamFilters {
  const list = (k: string) => (p.get(k) ?? '').split(',').filter(Boolean);
  const range = p.get('range') ?? '';
  const page = Number(p.get('page') ?? '1');
  return {
    q: p.get('q') ?? '',
    range: (RANGES as readonly string[]).includes(range) ? (range as Range) : '',
    source: list('source'),
    sentiment: list('sentiment').filter((s) => ['negative', 'neutral', 'positive'].includes(s)),
    plan: p.get('plan') ?? '',
    place: p.get('place') ?? '',
    unit: p.get('unit') ?? '',
    fold: p.get('fold') !== 'false',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Search parameters for `f`, leaving defaults out so URLs stay short. */
export function writeFilters(f: StreamFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.range) p.set('range', f.range);
  if (f.source.length) p.set('source', f.source.join(','));
  if (f.sentiment.length) p.set('sentiment', f.sentiment.join(','));
  if (f.plan) p.set('plan', f.plan);
  if (f.place) p.set('place', f.place);
  if (f.unit) p.set('unit', f.unit);
  if (!f.fold) p.set('fold', 'false');
  if (f.page > 1) p.set('page', String(f.page));
  return p;
}

/** The /api/posts query; `now` fixes the start of a relative time range. */
export function postsQuery(f: StreamFilters, now: Date): Record<string, QueryValue> {
  return {
    q: f.q.trim() || undefined,
    from: f.range ? new Date(now.getTime() - RANGE_MS[f.range]).toISOString() : undefined,
    source: f.source.join(',') || undefined,
    sentiment: f.sentiment.join(',') || undefined,
    plan: f.plan || undefined,
    place: f.place || undefined,
    unit: f.unit || undefined,
    fold: f.fold ? 'true' : 'false',
    page: f.page,
    pageSize: PAGE_SIZE,
  };
}
