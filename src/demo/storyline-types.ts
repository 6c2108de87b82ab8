/**
 * The shape of an unfolding storyline: a volume curve over the hours since it began (a burst), phases with their
 * sentence pieces, and the official replies and releases that belong to it.
 */
import type { DemoSourceKind, StorylineId, Tone } from './types.ts';

export interface StorylinePhase {
  /** Hours since the storyline began, [from, to). */
  from: number;
  to: number;
  /** Weights of the tones of public posts in this phase. */
  tones: readonly (readonly [Tone, number])[];
  titles: Record<Tone, string[]>;
  /** Sentence pieces by tone; a post strings one to three of them. */
  lines: Record<Tone, string[]>;
  hashtags: string[];
  /** Share of public posts that repost or copy an earlier post of the storyline. */
  repostShare: number;
}

export interface OfficialSpec {
  /** Hours since the storyline began. */
  at: number;
  unitId: string;
  /** The name shown as author (the unit, or the county's official account). */
  author: string;
  sourceKind: DemoSourceKind;
  officialKind: 'reply' | 'release';
  title: string;
  /** Paragraphs (templates). */
  paragraphs: string[];
  /** For replies: answer the storyline's first letter on the leaders' message board. */
  answersLetter?: boolean;
}

export interface StorylineSpec {
  id: StorylineId;
  name: string;
  townId: string;
  /** Slot values fixed for the whole storyline (e.g. the road or school). */
  fixed: Record<string, string>;
  /** Hours from the start at which the storyline would begin by default, as a share of the generated period. */
  defaultAt: number;
  /** Posts per hour at scale 1, as (hour, rate) control points; linear in between, 0 after the last point. */
  curve: readonly (readonly [number, number])[];
  /** Weights of the channels public posts go to. */
  channels: readonly (readonly [DemoSourceKind | 'mailbox', number])[];
  /** The unit that handles the storyline's complaints. */
  unitId: string;
  category: string;
  /** What letters and tickets of the storyline ask for. */
  asks: string[];
  phases: StorylinePhase[];
  officials: OfficialSpec[];
}

/** Expected posts per hour at `hour` hours after the storyline began. */
export function rateAt(spec: StorylineSpec, hour: number): number {
  const pts = spec.curve;
  if (pts.length === 0 || hour < (pts[0]?.[0] ?? 0)) return 0;
  for (let i = 1; i < pts.length; i++) {
    const [h0, r0] = pts[i - 1] as readonly [number, number];
    const [h1, r1] = pts[i] as readonly [number, number];
    if (hour < h1) return r0 + ((r1 - r0) * (hour - h0)) / (h1 - h0);
  }
  return 0;
}

/** How long the storyline lasts, in hours. */
export function spanHours(spec: StorylineSpec): number {
  const lastCurve = spec.curve[spec.curve.length - 1]?.[0] ?? 0;
  const lastOfficial = Math.max(0, ...spec.officials.map((o) => o.at));
  return Math.max(lastCurve, lastOfficial);
}

export function phaseAt(spec: StorylineSpec, hour: number): StorylinePhase {
  const found = spec.phases.find((p) => hour >= p.from && hour < p.to);
  return found ?? (spec.phases[spec.phases.length - 1] as StorylinePhase);
}
