/**
 * `tingfeng analyze --events`: groups the analysed posts into events with the event tracker, in publish-time order,
 * while the output stays in input order.
 *
 * Posts are analysed in input order (duplicate_of refers to earlier inputs) and then wait in a reorder window of
 * `window` posts, from which the earliest by published_at is tracked first (a post without published_at keeps its
 * place in the input: it takes the latest publish time seen before it, or the command's start time if none). An output line is written once its
 * post has been tracked and every line before it has been written. A post more than `window` posts out of time
 * order is tracked when it blocks `2 × window` waiting lines. So memory is bounded by the tracker's active events
 * plus at most 3 × window buffered posts; with input already in time order nothing waits.
 */
import { assessEvent, EventTracker, isContentTerm, type EventSummary, type TrackInput } from '../../analysis/events/index.ts';
import type { AnalysisDetail } from '../../analysis/analyze.ts';
import { fromHex } from '../../analysis/simhash.ts';

export interface EventLine {
  id: string;
  title: string;
  keywords: string[];
  places: string[];
  units: string[];
  size: number;
  sources: number;
  first_seen: string;
  last_seen: string;
  sentiment: { negative: number; neutral: number; positive: number };
  heat: number;
  level: string | null;
  reasons: string[];
  trend: string;
  representative_post: string;
  /** True when the event went quiet (or the active set was full) before the end of the input. */
  retired: boolean;
}

export interface EventsOptions {
  window: number;
  /** Stands in for missing publish times when no post so far had one (the time the command started). */
  now: Date;
  /** Receives each event's JSON line (retired and merged events as they happen, the rest at the end). */
  onEvent?: (line: string) => void;
}

export interface TrackedEngagement {
  likes?: number;
  replies?: number;
  reposts?: number;
  views?: number;
}

interface Pending {
  seq: number;
  time: number;
  /** What the tracker needs of the post; dropped once tracked (the line may wait longer for the ones before it). */
  input: TrackInput | null;
  /** The analysis line without its closing brace, waiting for `,"event":…}`. */
  head: string;
  event: string | null;
}

/** Min-heap of pending posts by (publish time, input order). */
class TimeHeap {
  private readonly a: Pending[] = [];

  get size(): number {
    return this.a.length;
  }

  push(p: Pending): void {
    const a = this.a;
    a.push(p);
    let i = a.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(a[i]!, a[up]!)) break;
      [a[i], a[up]] = [a[up]!, a[i]!];
      i = up;
    }
  }

  pop(): Pending | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Pending, y: Pending): boolean {
  return x.time < y.time || (x.time === y.time && x.seq < y.seq);
}

/** The tokens that can be terms (2–20 characters: the tracker skips the rest unread), in their order. */
function termTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length >= 2 && t.length <= 20) out.push(t);
  }
  return out;
}

function iso(d: Date): string {
  return Number.isFinite(d.getTime()) ? d.toISOString() : '';
}

export class EventStream {
  readonly tracker = new EventTracker();
  private readonly heap = new TimeHeap();
  /** Lines in input order from the oldest one not yet written. */
  private readonly queue: Pending[] = [];
  private queueHead = 0;
  private seq = 0;
  private latest = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: EventsOptions) {}

  /** Adds an analysed post; returns the output lines (in input order) that are now complete. */
  push(detail: AnalysisDetail, publishedAt: string | undefined, source: string | undefined, engagement: TrackedEngagement | undefined, json: string): string[] {
    const t = publishedAt === undefined ? Number.NaN : Date.parse(publishedAt);
    if (Number.isFinite(t)) this.latest = Math.max(this.latest, t);
    const time = Number.isFinite(t) ? t : Number.isFinite(this.latest) ? this.latest : this.opts.now.getTime();
    const r = detail.result;
    const tokens = termTokens(detail.tokens);
    const input: TrackInput = {
      id: r.id,
      publishedAt: new Date(time),
      ...(detail.title ? { title: detail.title } : {}),
      // the tracker works from tokens, title and keywords: the waiting post does not keep its whole text alive, nor
      // the tokens the tracker never reads (a term has 2–20 characters: see postVectors)
      text: '',
      tokens,
      // keywords stand in for the terms only when no token is one (see postVectors)
      keywords: tokens.some(isContentTerm) ? [] : detail.keywords,
      simhash: fromHex(r.simhash),
      duplicateOf: r.duplicate_of,
      places: r.places,
      units: r.units,
      sentiment: { label: r.sentiment.label, score: r.sentiment.score },
      ...(source ? { source } : {}),
      ...(engagement ? { engagement } : {}),
    };
    const p: Pending = { seq: this.seq++, time, input, head: json.slice(0, -1), event: null };
    this.queue.push(p);
    this.heap.push(p);
    while (this.heap.size > this.opts.window) this.track(this.heap.pop()!);
    const out: string[] = [];
    // a post far out of time order must not hold back an unbounded number of lines
    while (this.queue.length - this.queueHead > 2 * this.opts.window) {
      this.track(this.queue[this.queueHead]!);
      this.drainTo(out);
    }
    return this.drainTo(out);
  }

  /** Tracks everything still waiting and returns the remaining output lines. */
  finish(): string[] {
    for (let p = this.heap.pop(); p; p = this.heap.pop()) if (p.event === null) this.track(p);
    return this.drainTo([]);
  }

  /** The event lines of the events still active at the end (largest first), assessed at the latest post time. */
  activeEventLines(): string[] {
    const now = new Date(Number.isFinite(this.tracker.clock) ? this.tracker.clock : this.opts.now.getTime());
    return this.tracker.events().map((s) => JSON.stringify(this.eventLine(s, now, false)));
  }

  private track(p: Pending): void {
    if (p.event !== null || p.input === null) return;
    const res = this.tracker.add(p.input, this.opts.now);
    p.event = res.eventId;
    p.input = null;
    const emit = this.opts.onEvent;
    if (!emit) return;
    for (const c of res.changes) {
      if (c.kind === 'merged') emit(JSON.stringify({ id: c.from, merged_into: c.eventId, at: iso(c.at) }));
    }
    for (const s of res.retired) emit(JSON.stringify(this.eventLine(s, s.lastSeen, true)));
  }

  private drainTo(out: string[]): string[] {
    const q = this.queue;
    while (this.queueHead < q.length && q[this.queueHead]!.event !== null) {
      const p = q[this.queueHead++]!;
      out.push(`${p.head},"event":${JSON.stringify(p.event)}}\n`);
    }
    if (this.queueHead > 1024 && this.queueHead * 2 > q.length) {
      q.splice(0, this.queueHead);
      this.queueHead = 0;
    }
    return out;
  }

  private eventLine(s: EventSummary, now: Date, retired: boolean): EventLine {
    const a = assessEvent(s, retired ? [] : this.tracker.series(s.id), now);
    return {
      id: s.id,
      title: s.title,
      keywords: s.keywords.map((k) => k.term),
      places: s.places,
      units: s.units,
      size: s.size,
      sources: s.uniqueSources,
      first_seen: iso(s.firstSeen),
      last_seen: iso(s.lastSeen),
      sentiment: s.sentiment,
      heat: Math.round(a.heat.heat * 100) / 100,
      level: a.warning.level,
      reasons: a.warning.reasons,
      trend: a.trend.forecast,
      representative_post: s.representativePostId,
      retired,
    };
  }
}
