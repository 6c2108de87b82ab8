/**
 * Warning levels (预警级别) for an event from the configured rules, each with its reasons in plain Chinese so a
 * person can check them ("1 小时内新增 85 条，为基线的 6.3 倍；负面占 72%；涉及 治河渡镇"), and level changes
 * reported as transitions (which raise alerts).
 */
import type { BurstResult } from './burst.ts';
import type { CollectionGap } from './gaps.ts';
import { LEVEL_NAMES, WARNING_LEVELS, type WarningCondition, type WarningLevel, type WarningRules } from './warning-rules.ts';
import type { Engagement, SentimentMix } from './types.ts';

export interface WarningInput {
  eventId: string;
  title: string;
  keywords: readonly string[];
  places: readonly string[];
  units: readonly string[];
  posts: number;
  uniqueSources: number;
  sentiment: SentimentMix;
  engagement?: Engagement;
  heat: number;
  bursts: readonly BurstResult[];
  /** Collection gaps relevant to this event's sources. */
  gaps?: readonly CollectionGap[];
}

export interface WarningAssessment {
  eventId: string;
  level: WarningLevel | null;
  /** Reasons of the deciding condition, plain Chinese, in order. */
  reasons: string[];
  /** The reasons joined with "；" for display. */
  summary: string;
  /** False when a collection gap may hide posts: the level may be understated. */
  dataComplete: boolean;
}

interface Facts {
  burst?: BurstResult;
  negativeShare: number;
  interactions: number;
  sensitiveHits: string[];
  jurisdictionHits: string[];
}

function facts(input: WarningInput, rules: WarningRules): Facts {
  const bursting = input.bursts.filter((b) => b.state === 'burst');
  const burst = bursting.find((b) => b.kind === 'fast') ?? bursting[0];
  const total = input.sentiment.negative + input.sentiment.neutral + input.sentiment.positive;
  const hay = [input.title, ...input.keywords].join(' ');
  const e = input.engagement ?? {};
  const places = new Set(rules.jurisdiction.places);
  const units = new Set(rules.jurisdiction.units);
  return {
    ...(burst ? { burst } : {}),
    negativeShare: total > 0 ? input.sentiment.negative / total : 0,
    interactions: (e.reposts ?? 0) + (e.replies ?? 0) + (e.likes ?? 0),
    sensitiveHits: rules.sensitiveWords.filter((w) => hay.includes(w)),
    jurisdictionHits: [...input.places.filter((p) => places.has(p)), ...input.units.filter((u) => units.has(u))],
  };
}

/** Reasons for a condition when it holds, else undefined. */
function check(c: WarningCondition, input: WarningInput, f: Facts): string[] | undefined {
  const reasons: string[] = [];
  if (c.minBurstRatio !== undefined || c.minNewPosts !== undefined) {
    const b = f.burst;
    if (!b || b.ratio < (c.minBurstRatio ?? 0) || b.observed < (c.minNewPosts ?? 0)) return undefined;
    reasons.push(b.reason);
  }
  if (c.minNegativeShare !== undefined) {
    if (f.negativeShare < c.minNegativeShare) return undefined;
    reasons.push(`负面占 ${Math.round(f.negativeShare * 100)}%`);
  }
  if (c.minHeat !== undefined) {
    if (input.heat < c.minHeat) return undefined;
    reasons.push(`热度 ${input.heat}`);
  }
  if (c.minPosts !== undefined && input.posts < c.minPosts) return undefined;
  if (c.minSources !== undefined) {
    if (input.uniqueSources < c.minSources) return undefined;
    reasons.push(`${input.uniqueSources} 个信息源报道`);
  }
  if (c.minInteractions !== undefined) {
    if (f.interactions < c.minInteractions) return undefined;
    reasons.push(`互动 ${f.interactions} 次`);
  }
  if (c.sensitive) {
    if (f.sensitiveHits.length === 0) return undefined;
    reasons.push(`含敏感词「${f.sensitiveHits.slice(0, 3).join('、')}」`);
  }
  if (c.inJurisdiction) {
    if (f.jurisdictionHits.length === 0) return undefined;
    reasons.push(`涉及 ${f.jurisdictionHits.slice(0, 3).join('、')}`);
  }
  return reasons;
}

export function assessWarning(input: WarningInput, rules: WarningRules): WarningAssessment {
  const f = facts(input, rules);
  const gaps = input.gaps ?? [];
  const gapNotes = gaps.slice(0, 2).map((g) => g.reason);
  for (const level of WARNING_LEVELS) {
    for (const c of rules.levels[level]) {
      const reasons = check(c, input, f);
      if (!reasons) continue;
      if (!c.inJurisdiction && f.jurisdictionHits.length > 0) reasons.push(`涉及 ${f.jurisdictionHits.slice(0, 3).join('、')}`);
      const all = [...new Set([...reasons, ...gapNotes])];
      return { eventId: input.eventId, level, reasons: all, summary: all.join('；'), dataComplete: gaps.length === 0 };
    }
  }
  return { eventId: input.eventId, level: null, reasons: gapNotes, summary: gapNotes.join('；'), dataComplete: gaps.length === 0 };
}

export interface LevelTransition {
  eventId: string;
  from: WarningLevel | null;
  to: WarningLevel | null;
  direction: 'raised' | 'lowered';
  at: Date;
  reasons: string[];
  /** e.g. "预警级别由 Ⅳ级（蓝色） 升为 Ⅱ级（橙色）：…" */
  message: string;
}

function rank(l: WarningLevel | null): number {
  return l === null ? 0 : 4 - WARNING_LEVELS.indexOf(l);
}

/** The transition from the previous level to the new assessment, or undefined when the level is unchanged. */
export function levelTransition(prev: WarningLevel | null, next: WarningAssessment, at: Date): LevelTransition | undefined {
  if (prev === next.level) return undefined;
  const direction = rank(next.level) > rank(prev) ? 'raised' : 'lowered';
  const name = (l: WarningLevel | null): string => (l ? LEVEL_NAMES[l] : '无预警');
  const verb = direction === 'raised' ? '升为' : '降为';
  const message = `预警级别由 ${name(prev)} ${verb} ${name(next.level)}${next.summary ? `：${next.summary}` : ''}`;
  return { eventId: next.eventId, from: prev, to: next.level, direction, at, reasons: next.reasons, message };
}
