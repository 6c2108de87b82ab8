// The overview's headline figures, computed from the /api/stats/overview payload. Pure.
import type { Overview } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/i18n.ts';

export interface Figure {
  key: string;
  label: MessageKey;
  /** null when the figure cannot be computed yet (e.g. no closed cases for a rate). */
  value: number | null;
  /** 'percent' values are fractions 0..1 shown as 0–100 %. */
  unit: 'count' | 'percent';
  /** Draw attention (red): overdue cases, open alerts. */
  alarm: boolean;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function overviewFigures(o: Overview): Figure[] {
  const f = (
    key: string,
    label: MessageKey,
    value: number | null,
    unit: Figure['unit'] = 'count',
    alarm = false,
  ): Figure => ({ key, label, value, unit, alarm });
  return [
    f('posts', 'overview.posts', o.totals.posts),
    f('negativeShare', 'overview.negativeShare', share(o.totals.negative, o.totals.posts), 'percent'),
    f('openAlerts', 'overview.openAlerts', o.alerts.open, 'count', o.alerts.open > 0),
    f('openCases', 'overview.openCases', o.ledger.open),
    f('dueToday', 'overview.dueToday', o.ledger.dueToday),
    f('overdue', 'overview.overdue', o.ledger.overdue, 'count', o.ledger.overdue > 0),
    f('handlingRate', 'overview.handlingRate', o.ledger.handlingRate, 'percent'),
    f('satisfactionRate', 'overview.satisfactionRate', o.ledger.satisfactionRate, 'percent'),
  ];
}

/** Change against the previous window of the same length, as a fraction; null when there was nothing before. */
export function postsChange(o: Overview): number | null {
  return o.totals.previousPosts > 0 ? (o.totals.posts - o.totals.previousPosts) / o.totals.previousPosts : null;
}

// one formatter per locale and kind, kept (building one costs far more than formatting)
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatFigure(value: number | null, unit: Figure['unit'], locale: string): string {
  if (value === null) return '—';
  const percent = unit === 'percent';
  const key = `${locale}|${percent ? 'percent' : 'number'}`;
  let nf = numberFormats.get(key);
  if (!nf) {
    nf = percent
      ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
      : new Intl.NumberFormat(locale);
    numberFormats.set(key, nf);
  }
  return nf.format(value);
}
