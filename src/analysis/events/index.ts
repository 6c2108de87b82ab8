/** Events and early warning: tracker, heat, bursts, collection gaps, warning levels, trends. All pure; `now` is passed in. */
export * from './types.ts';
export { EventTracker, EventTrackerError, eventIdFor } from './tracker.ts';
export { DEFAULT_TRACKER_OPTIONS, type TrackerOptions } from './options.ts';
export type { TrackerSnapshot } from './snapshot.ts';
export type { WeightedTerm, IdfLookup } from './vector.ts';
export { isContentTerm } from './vector.ts';
export { computeHeat, DEFAULT_HEAT_OPTIONS, type HeatInput, type HeatOptions, type HeatPoint, type HeatResult } from './heat.ts';
export { fastBurst, slowBurst, DEFAULT_BURST_OPTIONS, type BurstOptions, type BurstResult, type BurstState, type CountPoint } from './burst.ts';
export { detectGaps, overlapsGap, formatDuration, DEFAULT_GAP_OPTIONS, type CollectionGap, type SourceHealth, type GapOptions } from './gaps.ts';
export * from './warning-rules.ts';
export { assessWarning, levelTransition, type WarningInput, type WarningAssessment, type LevelTransition } from './warning.ts';
export { eventTrend, forecastOf, type Trend, type TrendBucket, type TrendDirection } from './trend.ts';
export { bcubed, adjustedRand, type BCubed } from './metrics.ts';
export { assessEvent, type EventAssessment, type AssessOptions } from './assess.ts';
