/**
 * The event tracker (舆情事件): one pass over a time-ordered stream of analysed posts, bounded memory. Each post
 * joins the most similar active event (TF-IDF cosine to the event centroid blended with the best link to a recent
 * member, a small bonus for a shared place/unit) or opens a new one; copies join their original's event. Events
 * that grow alike are merged; quiet events are retired. Staff merges and splits keep membership history.
 */
import { EventState, HOUR_MS, type MemberInfo } from './event-state.ts';
import { DEFAULT_TRACKER_OPTIONS, type TrackerOptions } from './options.ts';
import { restoreTracker, snapshotTracker, type TrackerSnapshot } from './snapshot.ts';
import { TermIndex } from './term-index.ts';
import { popcount32 } from '../simhash.ts';
import { postVectors, type TermVector } from './vector.ts';
import { packedNorm2, Scratch, TermTable, type DocFrequencyState, type Packed } from './packed.ts';
import type { AddResult, EventSummary, MembershipRecord, SentimentMix, TrackInput } from './types.ts';

export interface TrackerErrorInfo {
  code: 'TF_ERR_EVENT_NOT_FOUND' | 'TF_ERR_EVENT_SPLIT_INVALID' | 'TF_ERR_EVENT_MERGE_INVALID';
}

export class EventTrackerError extends Error {
  constructor(
    readonly code: TrackerErrorInfo['code'],
    message: string,
  ) {
    super(message);
    this.name = 'EventTrackerError';
  }
}

/**
 * Deterministic event id from the id of the post that opened it: 64-bit FNV-1a over the code points, then the
 * murmur3 finaliser (so ids of similar post ids do not share a prefix), in 32-bit halves.
 */
export function eventIdFor(postId: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const ch of postId) {
    lo = (lo ^ ch.codePointAt(0)!) >>> 0;
    // × 0x100000001b3 = × 0x1b3 + << 40
    const p = lo * 0x1b3;
    hi = (Math.imul(hi, 0x1b3) + Math.floor(p / 0x100000000) + (lo << 8)) >>> 0;
    lo = p >>> 0;
  }
  let h: [number, number] = [hi, lo];
  h = mul64(shift33(h), 0xff51afd7, 0xed558ccd);
  h = mul64(shift33(h), 0xc4ceb9fe, 0x1a85ec53);
  h = shift33(h);
  return `ev-${h[0].toString(16).padStart(8, '0')}${h[1].toString(16).padStart(8, '0')}`;
}

/** h ^ (h >> 33) of a 64-bit value as [hi, lo]. */
function shift33([hi, lo]: [number, number]): [number, number] {
  return [hi, (lo ^ (hi >>> 1)) >>> 0];
}

/** [hi, lo] × [chi, clo] mod 2^64. */
function mul64([hi, lo]: [number, number], chi: number, clo: number): [number, number] {
  const a0 = lo & 0xffff;
  const a1 = lo >>> 16;
  const b0 = clo & 0xffff;
  const b1 = clo >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const low = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const carry = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  return [(carry + Math.imul(lo, chi) + Math.imul(hi, clo)) >>> 0, low];
}

/** How many of the least recently active events are lined up for retirement at a time (see nextOldest). */
const RETIRE_AHEAD = 256;

export class EventTracker {
  readonly opts: TrackerOptions;
  /** @internal state, exposed to the snapshot module */
  readonly active = new Map<string, EventState>();
  readonly postEvent = new Map<string, string>();
  readonly redirects = new Map<string, string>();
  readonly apart = new Set<string>();
  private readonly index = new TermIndex<EventState>();
  /**
   * Term ids and canonical strings (vectors keyed by the same string objects make map hits pointer comparisons),
   * the general IDF memoised per id, and the packed vectors' ids (see packed.ts). Reset when large (between
   * posts); that only costs speed.
   */
  private readonly terms: TermTable;
  /** The current post's body and title vectors by term id, for the dot products with candidates. */
  private readonly scratch = new Scratch();
  private readonly titleScratch = new Scratch();
  private readonly idfOf = (id: number, t: string): number => this.idfWithId(id, t);
  /** Centroid cosines of the current post's candidates. */
  private readonly cosines: Float64Array;
  clock = Number.NEGATIVE_INFINITY;
  seq = 0;
  /** The oldest events in retirement order, as found when the list was made (see nextOldest). */
  private oldest: { events: EventState[]; touched: number[]; at: number } = { events: [], touched: [], at: 0 };

  constructor(opts: Partial<TrackerOptions> = {}) {
    this.opts = { ...DEFAULT_TRACKER_OPTIONS, ...opts };
    this.terms = new TermTable(this.opts.maxTerms, Math.max(1, Math.floor(this.opts.maxTerms / 2)));
    this.cosines = new Float64Array(Math.max(1, this.opts.maxCandidates));
  }

  /** Assigns a post to an event (existing or new). `now` stands in for a missing or invalid publish time. */
  add(input: TrackInput, now?: Date): AddResult & { retired: EventSummary[] } {
    const existing = this.postEvent.get(input.id);
    if (existing) return { eventId: existing, isNew: false, changes: [], retired: [] };
    const at = postTime(input.publishedAt, now, this.clock);
    this.clock = Math.max(this.clock, at);
    this.seq++;
    const retired = this.seq % 128 === 0 ? this.retireQuiet(this.clock) : [];
    if (this.terms.maybeCompact()) this.reindex();
    const { body, title } = postVectors(input, this.idfOf, this.opts, this.terms);
    this.terms.addDoc(body.ids);
    const member = memberOf(input, at, body, title);
    const match = this.findEvent(input, member);
    const when = new Date(at);
    const changes: MembershipRecord[] = [];
    let ev: EventState;
    if (match) {
      ev = match.event;
      changes.push({ kind: 'joined', eventId: ev.id, postId: input.id, at: when, score: round(match.score), via: match.via });
    } else {
      ev = new EventState(this.freshId(input.id), this.opts);
      this.active.set(ev.id, ev);
      changes.push({ kind: 'opened', eventId: ev.id, postId: input.id, at: when });
    }
    ev.addMember(member, input.places, input.units, input.engagement);
    ev.touched = this.seq;
    this.postEvent.set(input.id, ev.id);
    // The event's index terms only grow between merges and splits: add this member's terms.
    this.index.add(ev, body.ids);
    // merging is checked while an event is young and then at each doubling: bounded cost per post
    const merged = match && isCheckpoint(ev.size) ? this.autoMerge(ev, when) : undefined;
    if (merged) changes.push(merged.record);
    if (this.active.size > this.opts.maxActiveEvents) retired.push(...this.retireOldest());
    const eventId = merged ? merged.survivor : ev.id;
    return { eventId, isNew: !match, changes, retired };
  }

  /**
   * Puts a post back into the event it was assigned to (replay after a restart from an older snapshot): no
   * decision is taken, so the tracker's state matches what was stored whatever the vectors now are. An event the
   * tracker does not hold (opened after the snapshot) is opened again under its stored id.
   */
  restoreMember(input: TrackInput, eventId: string, now?: Date): void {
    if (this.postEvent.has(input.id)) return;
    const at = postTime(input.publishedAt, now, this.clock);
    this.clock = Math.max(this.clock, at);
    this.seq++;
    if (this.terms.maybeCompact()) this.reindex();
    const { body, title } = postVectors(input, this.idfOf, this.opts, this.terms);
    this.terms.addDoc(body.ids);
    const member = memberOf(input, at, body, title);
    const id = this.resolve(eventId);
    let ev = this.active.get(id);
    if (!ev) {
      ev = new EventState(id, this.opts);
      this.active.set(id, ev);
    }
    ev.addMember(member, input.places, input.units, input.engagement);
    ev.touched = this.seq;
    this.postEvent.set(input.id, ev.id);
    this.index.add(ev, body.ids);
  }

  /** Effective IDF: the general table, damped for words a large share of this stream's posts contain. */
  private idfWithId(id: number, term: string): number {
    let base = this.terms.idf[id]!;
    if (Number.isNaN(base)) {
      base = this.opts.idf(term) ?? this.opts.unknownIdf;
      this.terms.idf[id] = base;
    }
    if (this.terms.docs < this.opts.minDocsForShare) return base;
    const share = this.terms.share(id);
    if (share <= this.opts.commonShare) return base;
    return base * (Math.log(1 / share) / -Math.log(this.opts.commonShare));
  }

  private findEvent(input: TrackInput, post: MemberInfo): { event: EventState; score: number; via: 'similarity' | 'duplicate' } | undefined {
    const dupOf = input.duplicateOf ? this.postEvent.get(input.duplicateOf) : undefined;
    const dupEvent = dupOf ? this.active.get(dupOf) : undefined;
    if (dupEvent) return { event: dupEvent, score: 1, via: 'duplicate' };
    this.scratch.load(this.packedVec(post)!, this.terms.size);
    if (post.tvec) this.titleScratch.load(this.packedTitle(post)!, this.terms.size);
    try {
      return this.bestEvent(input, post);
    } finally {
      this.scratch.unload();
      this.titleScratch.unload();
    }
  }

  /** findEvent's search, with the post's vectors loaded into the scratch arrays. */
  private bestEvent(input: TrackInput, post: MemberInfo): { event: EventState; score: number; via: 'similarity' | 'duplicate' } | undefined {
    let best: EventState | undefined;
    let bestScore = 0;
    // the post's highest-weight terms (post vectors are built highest weight first)
    const pv = this.packedVec(post)!;
    // Cheap pass: centroid cosine for every ranked candidate; the full check (links to recent members, titles)
    // only for the closest few, so the cost per post stays bounded however many events share its words.
    const evs = this.index.rankedCandidates(pv.ids, pv.ws, Math.min(this.opts.candidateTerms, pv.ids.length), this.opts.maxCandidates);
    const cs = this.cosines;
    const na = packedNorm2(pv);
    for (let i = 0; i < evs.length; i++) {
      const ev = evs[i]!;
      const nb = ev.centroidNorm2();
      const c = nb === 0 || na === 0 ? 0 : this.scratch.dot(ev.packedCentroid(this.terms)) / Math.sqrt(na * nb);
      // closest first; equal cosines keep their ranking order
      let j = i - 1;
      for (; j >= 0 && cs[j]! < c; j--) {
        evs[j + 1] = evs[j]!;
        cs[j + 1] = cs[j]!;
      }
      evs[j + 1] = ev;
      cs[j + 1] = c;
    }
    const close = Math.min(evs.length, this.opts.fullChecks);
    // A copy of a member (SimHash) joins that member's event even when the words are few.
    if (post.simhashHi !== undefined) {
      const hi = post.simhashHi;
      const lo = post.simhashLo!;
      for (let i = 0; i < close; i++) if (this.isCopyOfMember(evs[i]!, hi, lo)) return { event: evs[i]!, score: 1, via: 'duplicate' };
    }
    const w = this.opts.centroidWeight;
    const tw = this.opts.titleWeight;
    for (let i = 0; i < close; i++) {
      const ev = evs[i]!;
      const c = cs[i]!;
      // the most this event could score (links and title similarity at most 1): skip the full check when even
      // that cannot beat the best so far (candidates come closest first, so a strong match prunes the rest)
      const most = (post.tvec && ev.titleCentroid.size > 0 ? (1 - tw) * (w * c + (1 - w)) + tw : w * c + (1 - w)) + this.opts.placeBonus;
      if (best && most < bestScore) continue;
      const s = this.similarity(post, ev, input.places, input.units, c);
      if (s > bestScore || (s === bestScore && best && ev.touched > best.touched)) {
        best = ev;
        bestScore = s;
      }
    }
    return best && bestScore >= this.opts.joinThreshold ? { event: best, score: bestScore, via: 'similarity' } : undefined;
  }

  /**
   * Similarity of the loaded post (see findEvent) to an event: centroid cosine `c` blended with the best link to a
   * recent member, over the whole text and (when both sides have titles) over titles alone.
   */
  private similarity(post: MemberInfo, ev: EventState, places: readonly string[], units: readonly string[], c: number): number {
    const w = this.opts.centroidWeight;
    let link = 0;
    let tlink = 0;
    const single = ev.size === 1 && ev.vectorCount === 1;
    const titled = post.tvec !== undefined && ev.titleCentroid.size > 0;
    if (single) {
      // One member: the centroid is that member's vector, so the best link is the centroid cosine itself.
      link = c;
      tlink = titled ? this.titleCosine(post, ev) : 0;
    } else {
      const all = ev.vectorMembers();
      for (let i = Math.max(0, all.length - this.opts.recentMembers); i < all.length; i++) {
        const r = all[i]!;
        if (!r.vec) continue;
        link = Math.max(link, this.scratch.dot(this.packedVec(r)!));
        if (r.tvec && r.tvec.ids.length > 0 && post.tvec) tlink = Math.max(tlink, this.titleScratch.dot(this.packedTitle(r)!));
      }
    }
    let s = w * c + (1 - w) * link;
    if (titled) {
      const t = w * (single ? tlink : this.titleCosine(post, ev)) + (1 - w) * tlink;
      s = (1 - this.opts.titleWeight) * s + this.opts.titleWeight * t;
    }
    if (sharesAny(places, ev.places) || sharesAny(units, ev.units)) s += this.opts.placeBonus;
    return s;
  }

  /** Cosine of the loaded post title with the event's title centroid. */
  private titleCosine(post: MemberInfo, ev: EventState): number {
    const tc = ev.packedTitleCentroid(this.terms);
    const nb = packedNorm2(tc);
    const na = packedNorm2(post.tvec!);
    return nb === 0 || na === 0 ? 0 : this.titleScratch.dot(tc) / Math.sqrt(na * nb);
  }

  /** A member's vector in the current term ids (repacked after the term table was reset). */
  private packedVec(m: MemberInfo): Packed | undefined {
    if (!m.vec) return undefined;
    if (m.vec.gen !== this.terms.gen) m.vec = this.terms.repack(m.vec);
    return m.vec;
  }

  private packedTitle(m: MemberInfo): Packed | undefined {
    if (!m.tvec) return undefined;
    if (m.tvec.gen !== this.terms.gen) m.tvec = this.terms.repack(m.tvec);
    return m.tvec;
  }

  private isCopyOfMember(ev: EventState, hi: number, lo: number): boolean {
    const h = ev.memberHashes();
    const d = this.opts.duplicateHamming;
    for (let i = 0; i < h.length; i += 2) if (popcount32((h[i]! ^ hi) >>> 0) + popcount32((h[i + 1]! ^ lo) >>> 0) <= d) return true;
    return false;
  }

  /** After an event grew, merge it with an event whose centroid became close (smaller into larger). */
  private autoMerge(ev: EventState, at: Date): { survivor: string; record: MembershipRecord } | undefined {
    const unit = normalisedPacked(ev.packedCentroid(this.terms));
    const na = packedNorm2(unit);
    // the top 20 terms by weight (ties keep centroid order)
    const top = topPositions(unit.ws, 20);
    const n = top.length;
    const topIds = new Int32Array(n);
    const topWs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      topIds[i] = unit.ids[top[i]!]!;
      topWs[i] = unit.ws[top[i]!]!;
    }
    let best: EventState | undefined;
    let bestScore = this.opts.mergeThreshold;
    // Events close enough to merge (cosine ≥ mergeThreshold) share much of this event's top weight, so the
    // candidates sharing the most of it are enough: the cost per check stays bounded however common its words.
    this.scratch.load(unit, this.terms.size);
    try {
      for (const other of this.index.rankedCandidates(topIds, topWs, n, this.opts.maxCandidates + 1)) {
        if (other === ev || this.apart.has(pairKey(other.id, ev.id))) continue;
        const nb = other.centroidNorm2();
        const s = nb === 0 || na === 0 ? 0 : this.scratch.dot(other.packedCentroid(this.terms)) / Math.sqrt(na * nb);
        if (s >= bestScore) {
          best = other;
          bestScore = s;
        }
      }
    } finally {
      this.scratch.unload();
    }
    if (!best) return undefined;
    const [keep, gone] = best.size > ev.size || (best.size === ev.size && best.firstSeen <= ev.firstSeen) ? [best, ev] : [ev, best];
    const record = this.absorb(keep, gone, at, 'tracker');
    return { survivor: keep.id, record };
  }

  /** Moves every member of `gone` into `keep`, retires `gone` and redirects its id. */
  private absorb(keep: EventState, gone: EventState, at: Date, by: 'tracker' | 'staff'): MembershipRecord {
    const postIds = [...gone.members.keys()];
    const order = [...gone.members.values()].sort((a, b) => a.at - b.at);
    for (const m of order) {
      keep.addMember(m, [], [], undefined, false);
      this.postEvent.set(m.id, keep.id);
    }
    // the centroid, places, units and engagement are event-level sums: carry them over exactly
    const sum = keep.ownCentroid();
    for (const [t, w] of gone.centroid) sum.set(t, (sum.get(t) ?? 0) + w);
    addSums(gone.titleCentroid, () => keep.ownTitleCentroid());
    addSums(gone.places, () => keep.ownPlaces());
    addSums(gone.units, () => keep.ownUnits());
    const engagement = keep.ownEngagement();
    for (const k of ['likes', 'replies', 'reposts', 'views'] as const) engagement[k] += gone.engagement[k];
    keep.compact();
    keep.touched = this.seq;
    this.active.delete(gone.id);
    this.index.remove(gone.id);
    this.index.set(keep, keep.packedCentroid(this.terms).ids);
    this.redirects.set(gone.id, keep.id);
    for (const [from, to] of this.redirects) if (to === gone.id) this.redirects.set(from, keep.id);
    return { kind: 'merged', eventId: keep.id, from: gone.id, postIds, at, by };
  }

  /** Staff merge: every post of `b` moves into `a`; `b`'s id redirects to `a`. */
  merge(a: string, b: string, at: Date): MembershipRecord[] {
    const keep = this.mustGet(a);
    const gone = this.mustGet(b);
    if (keep === gone) throw new EventTrackerError('TF_ERR_EVENT_MERGE_INVALID', `cannot merge event ${a} with itself`);
    return [this.absorb(keep, gone, at, 'staff')];
  }

  /** Staff split: the given posts of an event move into a new event, kept apart from the old one from now on. */
  split(eventId: string, postIds: readonly string[], at: Date): { eventId: string; records: MembershipRecord[] } {
    const from = this.mustGet(eventId);
    const ids = [...new Set(postIds)];
    const missing = ids.filter((id) => !from.members.has(id));
    if (missing.length > 0) throw new EventTrackerError('TF_ERR_EVENT_SPLIT_INVALID', `posts not in event ${from.id}: ${missing.slice(0, 5).join(', ')}`);
    if (ids.length === 0 || ids.length === from.size) throw new EventTrackerError('TF_ERR_EVENT_SPLIT_INVALID', 'a split must move some, but not all, posts of the event');
    const moved = ids.map((id) => from.removeMember(id)!).sort((x, y) => x.at - y.at || (x.id < y.id ? -1 : 1));
    const ev = new EventState(this.freshId(moved[0]!.id), this.opts);
    for (const m of moved) {
      ev.addMember(m, [], []);
      this.postEvent.set(m.id, ev.id);
    }
    ev.touched = this.seq;
    this.active.set(ev.id, ev);
    this.index.set(ev, ev.packedCentroid(this.terms).ids);
    this.index.set(from, from.packedCentroid(this.terms).ids);
    this.apart.add(pairKey(from.id, ev.id));
    return { eventId: ev.id, records: [{ kind: 'split', eventId: ev.id, from: from.id, postIds: moved.map((m) => m.id), at, by: 'staff' }] };
  }

  /** Current summaries of the active events, largest first. */
  events(): EventSummary[] {
    return [...this.active.values()].map((e) => e.summary()).sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
  }

  event(id: string): EventSummary | undefined {
    return this.active.get(this.resolve(id))?.summary();
  }

  /** The event a post is in now (after merges and splits), while that event is active. */
  eventOf(postId: string): string | undefined {
    return this.postEvent.get(postId);
  }

  /** Follows merge redirects to the surviving event id. */
  resolve(eventId: string): string {
    return this.redirects.get(eventId) ?? eventId;
  }

  /** Hourly post counts by sentiment for an active event, oldest first. */
  series(eventId: string): { start: Date; counts: SentimentMix }[] {
    const ev = this.active.get(this.resolve(eventId));
    if (!ev) return [];
    return [...ev.series.entries()].sort((a, b) => a[0] - b[0]).map(([h, c]) => ({ start: new Date(h), counts: { ...c } }));
  }

  /** Retires events quiet for longer than `quietAfterMs` before `now`; returns their final summaries. */
  retireQuiet(now: number | Date): EventSummary[] {
    const t = typeof now === 'number' ? now : now.getTime();
    const out: EventSummary[] = [];
    // (a Map iterates on past entries deleted meanwhile, in insertion order)
    for (const ev of this.active.values()) if (ev.lastSeen < t - this.opts.quietAfterMs) out.push(this.retire(ev));
    return out;
  }

  /** Retires the least recently active events (by `touched`, then by age in the active set) down to the cap. */
  private retireOldest(): EventSummary[] {
    const out: EventSummary[] = [];
    while (this.active.size > this.opts.maxActiveEvents) {
      const ev = this.nextOldest();
      if (!ev) break;
      out.push(this.retire(ev));
    }
    return out;
  }

  /**
   * The least recently active event. Once the active set is full, every new event retires one, so the order is not
   * sorted afresh each time: the RETIRE_AHEAD oldest are kept in order with the `touched` they had, and an entry
   * still holds while its event is active and untouched since (an event touched since is newer than every event
   * outside the list, and events opened since are newer still, so the first entry that holds is the oldest).
   */
  private nextOldest(): EventState | undefined {
    for (let pass = 0; pass < 2; pass++) {
      const q = this.oldest;
      while (q.at < q.events.length) {
        const i = q.at++;
        const ev = q.events[i]!;
        if (ev.touched === q.touched[i] && this.active.get(ev.id) === ev) return ev;
      }
      // (a stable sort: equal `touched` keeps the active set's order)
      const events = [...this.active.values()].sort((a, b) => a.touched - b.touched).slice(0, RETIRE_AHEAD);
      this.oldest = { events, touched: events.map((e) => e.touched), at: 0 };
    }
    return undefined;
  }

  private retire(ev: EventState): EventSummary {
    const s = ev.summary();
    this.active.delete(ev.id);
    this.index.remove(ev.id);
    for (const id of ev.members.keys()) if (this.postEvent.get(id) === ev.id) this.postEvent.delete(id);
    for (const [from, to] of this.redirects) if (to === ev.id) this.redirects.delete(from);
    for (const k of this.apart) if (k.split('|').includes(ev.id)) this.apart.delete(k);
    return s;
  }

  private mustGet(id: string): EventState {
    const ev = this.active.get(this.resolve(id));
    if (!ev) throw new EventTrackerError('TF_ERR_EVENT_NOT_FOUND', `event ${id} is not active (unknown or retired)`);
    return ev;
  }

  private freshId(postId: string): string {
    const base = eventIdFor(postId);
    let id = base;
    for (let n = 2; this.active.has(id) || this.redirects.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  /** The tracker's whole state as JSON-safe data (see snapshot.ts); restore with `EventTracker.restore`. */
  snapshot(): TrackerSnapshot {
    return snapshotTracker(this);
  }

  static restore(s: TrackerSnapshot, opts: Partial<TrackerOptions> = {}): EventTracker {
    return restoreTracker(s, opts);
  }

  /** @internal the stream's document frequencies, for snapshots */
  dfState(): DocFrequencyState {
    return this.terms.dfState();
  }

  /** @internal used by restore(): a stored vector in this tracker's term ids */
  packVector(v: TermVector): Packed {
    return this.terms.pack(v);
  }

  /** @internal used by restore() */
  loadDf(s: DocFrequencyState): void {
    this.terms.loadDf(s);
  }

  /** @internal used by restore() */
  reindex(): void {
    this.index.clear();
    for (const ev of this.active.values()) this.index.set(ev, ev.packedCentroid(this.terms).ids);
  }
}

function memberOf(input: TrackInput, at: number, vec: Packed, tvec: Packed): MemberInfo {
  const m: MemberInfo = { id: input.id, at, vec };
  if (tvec.ids.length > 0) m.tvec = tvec;
  if (input.title) m.title = input.title;
  if (input.simhash !== undefined) {
    m.simhash = input.simhash;
    [m.simhashHi, m.simhashLo] = simhashHalves(input.simhash);
  }
  if (input.source) m.source = input.source;
  if (input.sentiment) m.sentiment = input.sentiment.label;
  return m;
}

const halves = new DataView(new ArrayBuffer(8));

/** The high and low 32 bits of a SimHash (of its value mod 2^64), without BigInt arithmetic. */
export function simhashHalves(h: bigint): [number, number] {
  halves.setBigUint64(0, h);
  return [halves.getUint32(0), halves.getUint32(4)];
}

/** Adds each entry of `from` to the container `own` gives (made only when there is something to add). */
function addSums(from: ReadonlyMap<string, number>, own: () => Map<string, number>): void {
  if (from.size === 0) return;
  const to = own();
  for (const [k, v] of from) to.set(k, (to.get(k) ?? 0) + v);
}

function sharesAny(names: readonly string[], counts: ReadonlyMap<string, number>): boolean {
  for (const n of names) if (counts.has(n)) return true;
  return false;
}

function postTime(published: Date | undefined, now: Date | undefined, clock: number): number {
  const p = published?.getTime();
  if (p !== undefined && Number.isFinite(p)) return p;
  const n = now?.getTime();
  if (n !== undefined && Number.isFinite(n)) return n;
  return Number.isFinite(clock) ? clock : 0;
}

function isCheckpoint(n: number): boolean {
  return n <= 4 || (n & (n - 1)) === 0;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Positions of the k largest weights, largest first, equal weights in position order (a stable sort's first k). */
function topPositions(ws: Float64Array, k: number): Int32Array {
  const top = new Int32Array(Math.min(k, ws.length));
  let n = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (n === top.length && !(w > ws[top[n - 1]!]!)) continue;
    let j = n < top.length ? n++ : n - 1;
    for (; j > 0 && ws[top[j - 1]!]! < w; j--) top[j] = top[j - 1]!;
    top[j] = i;
  }
  return top;
}

/** A packed vector scaled to unit length (as is when it is all zero). */
function normalisedPacked(v: Packed): Packed {
  let n = 0;
  for (let i = 0; i < v.ws.length; i++) n += v.ws[i]! * v.ws[i]!;
  n = Math.sqrt(n) || 1;
  const ws = new Float64Array(v.ws.length);
  for (let i = 0; i < ws.length; i++) ws[i] = v.ws[i]! / n;
  return { ids: v.ids, ws, gen: v.gen, names: v.names };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export { HOUR_MS };
