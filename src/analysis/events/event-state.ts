/**
 * The state of one tracked event: a bounded centroid, the recent members' vectors, counts of places, units,
 * sources and sentiment, an hourly histogram for trends and bursts, and its summary.
 */
import { addInto, prune, topWeighted, type TermVector } from './vector.ts';
import { cosineOfPacked, unpack, type Packed, type TermTable } from './packed.ts';
import type { Engagement, EventSummary, SentimentLabel, SentimentMix } from './types.ts';

export const HOUR_MS = 3_600_000;

export interface MemberInfo {
  id: string;
  at: number;
  title?: string;
  /** The post's vector (see packed.ts), kept for the most recent members only (bounded); older members keep only their id. */
  vec?: Packed;
  /** Title vector (absent when the post has no title terms); kept like `vec`. */
  tvec?: Packed;
  simhash?: bigint;
  /** The SimHash as two 32-bit halves (compared without BigInt arithmetic). */
  simhashHi?: number;
  simhashLo?: number;
  source?: string;
  sentiment?: SentimentLabel;
}

export interface EventLimits {
  centroidTerms: number;
  memberVectors: number;
  maxSources: number;
  seriesHours: number;
}

const EMPTY_MAP: ReadonlyMap<string, number> = new Map();
const EMPTY_SET: ReadonlySet<string> = new Set();
const EMPTY_SERIES: ReadonlyMap<number, SentimentMix> = new Map();
const NO_ENGAGEMENT: Readonly<Required<Engagement>> = Object.freeze({ likes: 0, replies: 0, reposts: 0, views: 0 });

export function emptyMix(): SentimentMix {
  return { negative: 0, neutral: 0, positive: 0 };
}

export class EventState {
  /**
   * Sum of the members' vectors (pruned to the top terms), in map form; null while it is not built yet: then the
   * centroid is `single`, the vector of the event's one member (most events never get a second post), or empty.
   */
  private centroidSum: TermVector | null = null;
  private single: Packed | null = null;
  /**
   * Most events keep one member and never grow, so the containers below are made when first written (null until
   * then; read through the getters, which give a shared empty container): less to allocate and to keep per event.
   */
  private titleSum: TermVector | null = null;
  readonly members = new Map<string, MemberInfo>();
  /** The members that still carry a vector, oldest first. */
  private readonly vecMembers: MemberInfo[] = [];
  /** Their SimHash halves (hi, lo pairs, in the same order; members without one left out), kept alongside. */
  private readonly hashPairs: number[] = [];
  private placeCounts: Map<string, number> | null = null;
  private unitCounts: Map<string, number> | null = null;
  private sourceSet: Set<string> | null = null;
  readonly sentiment: SentimentMix = emptyMix();
  private engagementSums: Required<Engagement> | null = null;
  /** Hour start (ms) → posts in that hour by sentiment, once a second hour is seen; until then `hour0`/`cell0`. */
  private seriesMap: Map<number, SentimentMix> | null = null;
  private hour0 = 0;
  private cell0: SentimentMix | null = null;
  firstSeen = Number.POSITIVE_INFINITY;
  lastSeen = Number.NEGATIVE_INFINITY;
  /** Sequence number of the last change, for least-recently-active eviction. */
  touched = 0;
  /** Σ w² of the centroid, cached between changes (every candidate check needs it). */
  private norm2: number | null = null;
  /** Packed centroid and title centroid, cached between changes. */
  private packedSum: Packed | null = null;
  private packedTitleSum: Packed | null = null;
  /**
   * Growable backing of the packed centroid while it is kept up to date member by member (a member's vector adds
   * to existing terms and appends new ones, in the map's own order): term id → slot, and the arrays.
   */
  private slots: Map<number, number> | null = null;
  private slotIds: Int32Array | null = null;
  private slotWs: Float64Array | null = null;

  constructor(
    readonly id: string,
    private readonly limits: EventLimits,
  ) {}

  get size(): number {
    return this.members.size;
  }

  /** Sum of the members' title vectors (see ownTitleCentroid to change it). */
  get titleCentroid(): ReadonlyMap<string, number> {
    return this.titleSum ?? EMPTY_MAP;
  }

  /** The title centroid, for changing (call titleChanged after). */
  ownTitleCentroid(): TermVector {
    return (this.titleSum ??= new Map<string, number>());
  }

  /** Post ids of the members that still carry a vector, oldest first. */
  get withVectors(): string[] {
    return this.vecMembers.map((m) => m.id);
  }

  /** How many members still carry a vector. */
  get vectorCount(): number {
    return this.vecMembers.length;
  }

  /** Place → members naming it. */
  get places(): ReadonlyMap<string, number> {
    return this.placeCounts ?? EMPTY_MAP;
  }

  ownPlaces(): Map<string, number> {
    return (this.placeCounts ??= new Map<string, number>());
  }

  /** Unit → members naming it. */
  get units(): ReadonlyMap<string, number> {
    return this.unitCounts ?? EMPTY_MAP;
  }

  ownUnits(): Map<string, number> {
    return (this.unitCounts ??= new Map<string, number>());
  }

  /** Distinct sources (at most maxSources). */
  get sources(): ReadonlySet<string> {
    return this.sourceSet ?? EMPTY_SET;
  }

  ownSources(): Set<string> {
    return (this.sourceSet ??= new Set<string>());
  }

  /** Sums of the members' engagement counts. */
  get engagement(): Readonly<Required<Engagement>> {
    return this.engagementSums ?? NO_ENGAGEMENT;
  }

  ownEngagement(): Required<Engagement> {
    return (this.engagementSums ??= { likes: 0, replies: 0, reposts: 0, views: 0 });
  }

  /** Hour start (ms) → posts in that hour by sentiment (see ownSeries to change it). */
  get series(): ReadonlyMap<number, SentimentMix> {
    if (this.seriesMap !== null) return this.seriesMap;
    return this.cell0 === null ? EMPTY_SERIES : new Map([[this.hour0, this.cell0]]);
  }

  ownSeries(): Map<number, SentimentMix> {
    if (this.seriesMap === null) {
      this.seriesMap = new Map();
      if (this.cell0 !== null) this.seriesMap.set(this.hour0, this.cell0);
      this.cell0 = null;
    }
    return this.seriesMap;
  }

  /** The centroid, for reading (see ownCentroid to change it). */
  get centroid(): TermVector {
    if (this.centroidSum === null) {
      this.centroidSum = this.single === null ? new Map() : unpack(this.single);
      this.single = null;
    }
    return this.centroidSum;
  }

  /** The centroid, for changing. */
  ownCentroid(): TermVector {
    const sum = this.centroid;
    this.norm2 = null;
    this.packedSum = null;
    this.slots = null;
    return sum;
  }

  /**
   * Adds a member's vector to the centroid. The packed centroid follows incrementally (same order and sums as
   * packing the map afresh) unless the centroid was pruned or the term ids moved on.
   */
  private addToCentroid(pv: Packed): void {
    const packed = this.packedSum;
    const sum = this.centroid;
    this.norm2 = null;
    addInto(sum, pv, this.limits.centroidTerms);
    if (packed === null || pv.gen !== packed.gen) {
      this.packedSum = null;
      this.slots = null;
      return;
    }
    let slots: Map<number, number>;
    let ids: Int32Array;
    let ws: Float64Array;
    if (this.slots !== null && this.slotIds !== null && this.slotWs !== null) {
      slots = this.slots;
      ids = this.slotIds;
      ws = this.slotWs;
    } else {
      // start from the current packed form (which may be a member's own arrays: copied, never changed in place)
      slots = new Map();
      const n0 = packed.ids.length;
      ids = new Int32Array(Math.max(16, n0 * 2));
      ws = new Float64Array(ids.length);
      ids.set(packed.ids);
      ws.set(packed.ws);
      for (let i = 0; i < n0; i++) slots.set(packed.ids[i]!, i);
      this.slots = slots;
    }
    let n = slots.size;
    for (let i = 0; i < pv.ids.length; i++) {
      const id = pv.ids[i]!;
      const at = slots.get(id);
      if (at !== undefined) {
        ws[at]! += pv.ws[i]!;
        continue;
      }
      if (n === ids.length) {
        const grownIds = new Int32Array(n * 2);
        grownIds.set(ids);
        ids = grownIds;
        const grownWs = new Float64Array(n * 2);
        grownWs.set(ws);
        ws = grownWs;
      }
      ids[n] = id;
      ws[n] = pv.ws[i]!;
      slots.set(id, n++);
    }
    this.slotIds = ids;
    this.slotWs = ws;
    if (n !== sum.size) {
      // pruned (or anything unexpected): pack afresh when next needed
      this.packedSum = null;
      this.slots = null;
      return;
    }
    this.packedSum = { ids: ids.subarray(0, n), ws: ws.subarray(0, n), gen: packed.gen, names: packed.names };
  }

  /** The centroid packed (a one-member event shares its member's vector). */
  packedCentroid(table: TermTable): Packed {
    const p = this.packedSum;
    if (p !== null && p.gen === table.gen) return p;
    this.slots = null;
    return (this.packedSum = p !== null ? table.repack(p) : table.pack(this.centroid));
  }

  /** The title centroid packed. */
  packedTitleCentroid(table: TermTable): Packed {
    const p = this.packedTitleSum;
    if (p !== null && p.gen === table.gen) return p;
    return (this.packedTitleSum = table.pack(this.titleCentroid));
  }

  /** Call after changing `titleCentroid` from outside (merges). */
  titleChanged(): void {
    this.packedTitleSum = null;
  }

  /** Squared length of the centroid (computed as cosine() would, cached until the centroid changes). */
  centroidNorm2(): number {
    if (this.norm2 === null) {
      // the packed form, when there is one, holds the same weights in the same order
      const p = this.packedSum;
      let n = 0;
      if (p !== null) for (let i = 0; i < p.ws.length; i++) n += p.ws[i]! * p.ws[i]!;
      else for (const w of this.centroid.values()) n += w * w;
      this.norm2 = n;
    }
    return this.norm2;
  }

  /** Call after changing `centroid` from outside (merges, restores). */
  centroidChanged(): void {
    this.norm2 = null;
    this.packedSum = null;
    this.slots = null;
  }

  /** Adds a member; `intoCentroid` false when the caller carries the centroid mass over itself (merges). */
  addMember(m: MemberInfo, places: readonly string[], units: readonly string[], engagement?: Engagement, intoCentroid = true): void {
    this.members.set(m.id, m);
    if (m.vec) {
      this.norm2 = null;
      if (intoCentroid && this.single === null && (this.centroidSum === null || this.centroidSum.size === 0) && this.members.size === 1) {
        this.centroidSum = null;
        this.single = m.vec;
        this.packedSum = m.vec;
        this.slots = null;
      } else if (intoCentroid) this.addToCentroid(m.vec);
      if (intoCentroid && m.tvec && m.tvec.ids.length > 0) {
        addInto(this.ownTitleCentroid(), m.tvec, this.limits.centroidTerms);
        this.packedTitleSum = null;
      }
      this.vecMembers.push(m);
      if (m.simhashHi !== undefined) this.hashPairs.push(m.simhashHi, m.simhashLo!);
      this.trimVectors();
    }
    if (places.length > 0) countDistinct(this.ownPlaces(), places);
    if (units.length > 0) countDistinct(this.ownUnits(), units);
    if (m.source && this.sources.size < this.limits.maxSources) this.ownSources().add(m.source);
    const label = m.sentiment ?? 'neutral';
    this.sentiment[label] += 1;
    if (engagement) {
      const e = this.ownEngagement();
      e.likes += engagement.likes ?? 0;
      e.replies += engagement.replies ?? 0;
      e.reposts += engagement.reposts ?? 0;
      e.views += engagement.views ?? 0;
    }
    this.firstSeen = Math.min(this.firstSeen, m.at);
    this.lastSeen = Math.max(this.lastSeen, m.at);
    this.count(m.at, label, 1);
  }

  /** Removes a member (for a split); its vector leaves the centroid when it was kept. */
  removeMember(id: string): MemberInfo | undefined {
    const m = this.members.get(id);
    if (!m) return undefined;
    this.members.delete(id);
    if (m.vec) {
      this.norm2 = null;
      subtract(this.ownCentroid(), unpack(m.vec));
      if (m.tvec) subtract(this.ownTitleCentroid(), unpack(m.tvec));
      this.packedTitleSum = null;
      const i = this.vecMembers.indexOf(m);
      if (i >= 0) {
        this.vecMembers.splice(i, 1);
        this.rehash();
      }
    }
    const label = m.sentiment ?? 'neutral';
    this.sentiment[label] = Math.max(0, this.sentiment[label] - 1);
    this.count(m.at, label, -1);
    return m;
  }

  /** The members that carry vectors, oldest first (the event's own array: do not change it). */
  vectorMembers(): readonly MemberInfo[] {
    return this.vecMembers;
  }

  /**
   * The SimHash halves of the members that carry vectors, as (hi, lo) pairs in one array (the event's own: do not
   * change it): the copy check reads them for every close candidate, without visiting each member object.
   */
  memberHashes(): readonly number[] {
    return this.hashPairs;
  }

  private rehash(): void {
    this.hashPairs.length = 0;
    for (const m of this.vecMembers) if (m.simhashHi !== undefined) this.hashPairs.push(m.simhashHi, m.simhashLo!);
  }

  /** Restores the members that carry vectors (snapshot restore; members must be set first). */
  restoreVectors(ids: readonly string[]): void {
    for (const id of ids) {
      const m = this.members.get(id);
      if (!m) continue;
      this.vecMembers.push(m);
    }
    this.rehash();
  }

  private trimVectors(): void {
    while (this.vecMembers.length > this.limits.memberVectors) {
      const m = this.vecMembers.shift();
      if (m) {
        if (m.simhashHi !== undefined) this.hashPairs.splice(0, 2);
        delete m.vec;
        delete m.tvec;
      }
    }
  }

  private count(at: number, label: SentimentLabel, d: number): void {
    const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
    if (this.seriesMap === null && (this.cell0 === null || this.hour0 === hour) && this.limits.seriesHours >= 1) {
      // one hour so far: no map
      const cell = (this.cell0 ??= emptyMix());
      this.hour0 = hour;
      cell[label] = Math.max(0, cell[label] + d);
      return;
    }
    const series = this.ownSeries();
    const cell = series.get(hour) ?? emptyMix();
    cell[label] = Math.max(0, cell[label] + d);
    series.set(hour, cell);
    if (series.size > this.limits.seriesHours) {
      const cutoff = this.lastSeen - this.limits.seriesHours * HOUR_MS;
      for (const h of series.keys()) if (h < cutoff) series.delete(h);
    }
  }

  /** The member closest to the centroid among those with vectors (titled posts preferred on near-ties). */
  representative(): MemberInfo | undefined {
    let best: MemberInfo | undefined;
    let bestScore = -1;
    const centroid = this.centroid;
    let nb = 0;
    for (const w of centroid.values()) nb += w * w;
    for (const m of this.vecMembers) {
      if (!m.vec) continue;
      const s = cosineOfPacked(m.vec, centroid, nb) + (m.title ? 0.05 : 0);
      if (s > bestScore) {
        best = m;
        bestScore = s;
      }
    }
    return best ?? this.members.values().next().value;
  }

  /** Keeps the centroid bounded after bulk changes (merges). */
  compact(): void {
    this.norm2 = null;
    this.packedSum = null;
    this.slots = null;
    this.packedTitleSum = null;
    if (this.centroid.size > this.limits.centroidTerms) prune(this.ownCentroid(), this.limits.centroidTerms);
    if (this.titleSum !== null) prune(this.titleSum, this.limits.centroidTerms);
  }

  summary(): EventSummary {
    const rep = this.representative();
    const keywords = topWeighted(this.centroid, 10).map((k) => ({ term: k.term, weight: k.weight / Math.max(1, this.vecMembers.length) }));
    const phrase = keywords.slice(0, 3).map((k) => k.term).join(' ');
    return {
      id: this.id,
      title: rep?.title?.trim() || phrase || rep?.id || this.id,
      keywords,
      places: ranked(this.places),
      units: ranked(this.units),
      size: this.size,
      uniqueSources: this.sources.size,
      firstSeen: new Date(this.firstSeen),
      lastSeen: new Date(this.lastSeen),
      sentiment: { ...this.sentiment },
      engagement: { ...this.engagement },
      representativePostId: rep?.id ?? '',
    };
  }
}

/** Counts each distinct name once. */
function countDistinct(counts: Map<string, number>, names: readonly string[]): void {
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (names.indexOf(n) === i) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
}

function subtract(sum: TermVector, v: TermVector): void {
  for (const [t, w] of v) {
    const left = (sum.get(t) ?? 0) - w;
    if (left > 1e-9) sum.set(t, left);
    else sum.delete(t);
  }
}

function ranked(m: ReadonlyMap<string, number>): string[] {
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}
