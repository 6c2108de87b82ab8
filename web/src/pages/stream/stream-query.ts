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

/** Warning levels, most severe first (1 = Ⅰ red … 4 = Ⅳ blue). */
export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

export interface StreamFilters {
  q: string;
  range: Range | '';
  source: string[];
  sentiment: string[];
  plan: string;
  place: string;
  unit: string;
  /** Warning level of the post's event: this level or more severe (1 = Ⅰ … 4 = Ⅳ); 0 = any post. */
  level: number;
  fold: boolean;
  page: number;
}

export const PAGE_SIZE = 20;

export function readFilters(p: URLSearchParams): StreamFilters {
  const list = (k: string) => (p.get(k) ?? '').split(',').filter(Boolean);
  const range = p.get('range') ?? '';
  const page = Number(p.get('page') ?? '1');
  const level = Number(p.get('level') ?? '0');
  return {
    q: p.get('q') ?? '',
    range: (RANGES as readonly string[]).includes(range) ? (range as Range) : '',
    source: list('source'),
    sentiment: list('sentiment').filter((s) => ['negative', 'neutral', 'positive'].includes(s)),
    plan: p.get('plan') ?? '',
    place: p.get('place') ?? '',
    unit: p.get('unit') ?? '',
    level: LEVELS.includes(level as Level) ? level : 0,
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
  if (f.level) p.set('level', String(f.level));
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
    level: f.level || undefined,
    fold: f.fold ? 'true' : 'false',
    page: f.page,
    pageSize: PAGE_SIZE,
  };
}
