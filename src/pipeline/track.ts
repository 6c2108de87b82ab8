/**
 * Track stage: assigns analysed posts to events with the incremental tracker, then assesses every touched event
 * (heat, bursts, warning level with reasons, trend) and produces the rows and level changes to store.
 */
import { EventTracker, assessEvent, parseWarningRules, levelTransition, type CollectionGap, type EventSummary, type LevelTransition, type WarningLevel, type WarningRules } from '../analysis/events/index.ts';
import { restoreTracker, snapshotTracker, type TrackerSnapshot } from '../analysis/events/snapshot.ts';
import { extractKeywords } from '../analysis/keywords.ts';
import { fromHex } from '../analysis/simhash.ts';
import type { EventsTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import type { AnalysedPost } from './types.ts';
import type { EventWrites } from './persist.ts';

const LEVEL_NUM: Record<WarningLevel, number> = { I: 1, II: 2, III: 3, IV: 4 };
const NUM_LEVEL: Record<number, WarningLevel> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };

export interface TrackOutput {
  writes: EventWrites;
  transitions: (LevelTransition & { summary: EventSummary; heat: number })[];
  touched: string[];
}

export interface TrackBatch {
  writes: EventWrites;
  touched: Set<string>;
}

export interface TrackStageOptions {
  rules?: unknown;
  snapshot?: TrackerSnapshot | null;
  /** Previous levels of active events (from the store) so restarts do not re-raise. */
  levels?: Map<string, number | null>;
}

export class TrackStage {
  private tracker: EventTracker;
  private rules: WarningRules;
  private readonly levels: Map<string, number | null>;
  private readonly forecasts = new Map<string, { direction: string; basis: string }>();

  constructor(opts: TrackStageOptions = {}) {
    this.tracker = opts.snapshot ? restoreTracker(opts.snapshot) : new EventTracker();
    this.rules = parseWarningRules(opts.rules ?? {});
    this.levels = opts.levels ?? new Map<string, number | null>();
  }

  get instance(): EventTracker {
    return this.tracker;
  }

  setRules(raw: unknown): void {
    this.rules = parseWarningRules(raw ?? {});
  }

  snapshot(): TrackerSnapshot {
    return snapshotTracker(this.tracker);
  }

  forecast(eventId: string): { direction: string; basis: string } | undefined {
    return this.forecasts.get(eventId);
  }

  /** Assign each post (in time order) and assess the events touched. Mutates the tracker state. */
  track(posts: AnalysedPost[], now: Date, gaps: readonly CollectionGap[] = []): TrackOutput {
    const batch = this.begin();
    this.assign(batch, [...posts].sort((a, b) => a.row.published_at - b.row.published_at), now);
    return this.finish(batch, now, gaps);
  }

  /** A batch tracked in parts: `assign` each part as it is analysed (in time order), then `finish` once. */
  begin(): TrackBatch {
    return { writes: { events: [], members: [], log: [], levels: [] }, touched: new Set<string>() };
  }

  /** Assigns posts, already in time order, to events (sets each post's eventId). */
  assign(batch: TrackBatch, ordered: readonly AnalysedPost[], now: Date): void {
    const { writes, touched } = batch;
    for (const p of ordered) {
      const a = p.analysis;
      const res = this.tracker.add(
        {
          id: p.row.id,
          publishedAt: new Date(p.row.published_at),
          ...(p.row.title ? { title: a.title ?? p.norm!.text.split('\n')[0]! } : {}),
          text: '',
          tokens: a.tokens,
          keywords: a.keywords.length && typeof a.keywords[0] !== 'string' ? a.keywords : extractKeywords(a.tokens, 10),
          simhash: fromHex(a.simhash),
          duplicateOf: a.duplicateOf,
          places: a.places,
          units: a.units,
          sentiment: { label: a.sentiment.label, score: a.sentiment.score },
          source: p.row.source_id,
          ...(p.row.engagement ? { engagement: JSON.parse(p.row.engagement) as Record<string, number> } : {}),
        },
        now,
      );
      p.eventId = res.eventId;
      touched.add(res.eventId);
      writes.members.push({ event_id: res.eventId, post_id: p.row.id, added_at: p.row.published_at });
      for (const c of res.changes) {
        if (c.kind === 'opened' || c.kind === 'joined') {
          writes.log.push({ id: newId('mem', c.at.getTime()), event_id: c.eventId, post_id: c.postId, op: c.kind === 'opened' ? 'open' : 'add', other_event_id: null, actor_id: null, at: c.at.getTime() });
        } else {
          touched.add(c.eventId);
          writes.log.push({ id: newId('mem', c.at.getTime()), event_id: c.eventId, post_id: null, op: c.kind, other_event_id: c.from, actor_id: null, at: c.at.getTime() });
          if (c.kind === 'merged') writes.events.push(this.mergedRow(c.from, c.eventId, now));
        }
      }
    }
  }

  /** Assesses every event the batch touched (heat, bursts, level with reasons, trend): the batch's output. */
  finish(batch: TrackBatch, now: Date, gaps: readonly CollectionGap[] = []): TrackOutput {
    const { writes, touched } = batch;
    const transitions: TrackOutput['transitions'] = [];
    for (const id of touched) {
      const summary = this.tracker.event(this.tracker.resolve(id));
      if (!summary) continue;
      const assessment = assessEvent(summary, this.tracker.series(summary.id), now, { rules: this.rules, gaps });
      const prevNum = this.levels.get(summary.id) ?? null;
      const prev = prevNum == null ? null : (NUM_LEVEL[prevNum] ?? null);
      const tr = levelTransition(prev, assessment.warning, now);
      const level = assessment.warning.level ? LEVEL_NUM[assessment.warning.level] : null;
      this.levels.set(summary.id, level);
      this.forecasts.set(summary.id, { direction: assessment.trend.forecast, basis: assessment.trend.basis });
      writes.events.push(this.row(summary, assessment.heat.heat, level, assessment.warning.reasons, now));
      if (tr) {
        writes.levels.push({ id: newId('lvl', now.getTime()), event_id: summary.id, from_level: prevNum, to_level: level, reasons: JSON.stringify(tr.reasons), at: now.getTime() });
        transitions.push({ ...tr, summary, heat: assessment.heat.heat });
      }
    }
    return { writes, transitions, touched: [...touched] };
  }

  private row(s: EventSummary, heat: number, level: number | null, reasons: string[], now: Date): EventsTable {
    return {
      id: s.id, title: s.title.slice(0, 300), keywords: JSON.stringify(s.keywords.slice(0, 12)), places: JSON.stringify(s.places), units: JSON.stringify(s.units),
      first_seen: s.firstSeen.getTime(), last_seen: s.lastSeen.getTime(), post_count: s.size, source_count: s.uniqueSources, heat: Math.round(heat * 100) / 100,
      level, level_reasons: JSON.stringify(reasons), sentiment: JSON.stringify(s.sentiment), representative_post_id: s.representativePostId,
      status: 'active', merged_into: null, demo: 0, updated_at: now.getTime(),
    };
  }

  private mergedRow(fromId: string, into: string, now: Date): EventsTable {
    return {
      id: fromId, title: '', keywords: '[]', places: '[]', units: '[]', first_seen: now.getTime(), last_seen: now.getTime(), post_count: 0, source_count: 0,
      heat: 0, level: null, level_reasons: '[]', sentiment: '{}', representative_post_id: null, status: 'merged', merged_into: into, demo: 0, updated_at: now.getTime(),
    };
  }
}
