/**
 * One call for the pipeline and `tingfeng analyze --events-out`: heat, fast/slow bursts, warning level with
 * reasons and trend of one tracked event, from its summary and hourly series.
 */
import { fastBurst, slowBurst, type BurstOptions, type BurstResult, type CountPoint } from './burst.ts';
import type { CollectionGap } from './gaps.ts';
import { computeHeat, type HeatOptions, type HeatResult } from './heat.ts';
import { eventTrend, type Trend } from './trend.ts';
import { assessWarning, type WarningAssessment } from './warning.ts';
import { DEFAULT_WARNING_RULES, type WarningRules } from './warning-rules.ts';
import type { EventSummary, SentimentMix } from './types.ts';

export interface EventAssessment {
  heat: HeatResult;
  bursts: BurstResult[];
  warning: WarningAssessment;
  trend: Trend;
}

export interface AssessOptions {
  rules?: WarningRules;
  gaps?: readonly CollectionGap[];
  heat?: Partial<HeatOptions>;
  burst?: Partial<BurstOptions>;
}

export function assessEvent(
  summary: EventSummary,
  series: readonly { start: Date; counts: SentimentMix }[],
  now: Date,
  opts: AssessOptions = {},
): EventAssessment {
  const points: CountPoint[] = series.map((p) => ({ at: p.start, count: p.counts.negative + p.counts.neutral + p.counts.positive }));
  const heat = computeHeat({ points, uniqueSources: summary.uniqueSources, engagement: summary.engagement, lastSeen: summary.lastSeen }, now, opts.heat);
  const gaps = opts.gaps ?? [];
  const bursts = [fastBurst(points, now, gaps, opts.burst), slowBurst(points, now, gaps, opts.burst)];
  const warning = assessWarning(
    {
      eventId: summary.id,
      title: summary.title,
      keywords: summary.keywords.map((k) => k.term),
      places: summary.places,
      units: summary.units,
      posts: summary.size,
      uniqueSources: summary.uniqueSources,
      sentiment: summary.sentiment,
      engagement: summary.engagement,
      heat: heat.heat,
      bursts,
      gaps,
    },
    opts.rules ?? DEFAULT_WARNING_RULES,
  );
  return { heat, bursts, warning, trend: eventTrend(series, now) };
}
