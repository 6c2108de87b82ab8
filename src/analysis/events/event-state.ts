/**
 * The state of one tracked event: a bounded centroid, the recent members' vectors, counts of places, units,
 * sources and sentiment, an hourly histogram for trends and bursts, and its summary.
 */
import { addInto, cosine, prune, topWeighted, type TermVector } from './vector.ts';
import { unpack, type Packed, type TermTable } from './packed.ts';
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
  /** Sum of the members' title vectors. */
  readonly titleCentroid: TermVector = new Map();
  readonly members = new Map<string, MemberInfo>();
  /** Post ids of members that still carry a vector, oldest first. */
  readonly withVectors: string[] = [];
  /** Those members themselves (same order as withVectors). */
  private readonly vecMembers: MemberInfo[] = [];
  readonly places = new Map<string, number>();
  readonly units = new Map<string, number>();
  readonly sources = new Set<string>();
  readonly sentiment: SentimentMix = emptyMix();
  readonly engagement: Required<Engagement> = { likes: 0, replies: 0, reposts: 0, views: 0 };
  /** Hour start (ms) → posts in that hour by sentiment. */
  readonly series = new Map<number, SentimentMix>();
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
        addInto(this.titleCentroid, m.tvec, this.limits.centroidTerms);
        this.packedTitleSum = null;
      }
      this.withVectors.push(m.id);
      this.vecMembers.push(m);
      this.trimVectors();
    }
    countDistinct(this.places, places);
    countDistinct(this.units, units);
    if (m.source && this.sources.size < this.limits.maxSources) this.sources.add(m.source);
    const label = m.sentiment ?? 'neutral';
    this.sentiment[label] += 1;
    if (engagement) {
      this.engagement.likes += engagement.likes ?? 0;
      this.engagement.replies += engagement.replies ?? 0;
      this.engagement.reposts += engagement.reposts ?? 0;
      this.engagement.views += engagement.views ?? 0;
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
      if (m.tvec) subtract(this.titleCentroid, unpack(m.tvec));
      this.packedTitleSum = null;
      const i = this.withVectors.indexOf(id);
      if (i >= 0) {
        this.withVectors.splice(i, 1);
        this.vecMembers.splice(i, 1);
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

  /** Restores the members that carry vectors (snapshot restore; members must be set first). */
  restoreVectors(ids: readonly string[]): void {
    for (const id of ids) {
      const m = this.members.get(id);
      if (!m) continue;
      this.withVectors.push(id);
      this.vecMembers.push(m);
    }
  }

  private trimVectors(): void {
    while (this.withVectors.length > this.limits.memberVectors) {
      this.withVectors.shift();
      const m = this.vecMembers.shift();
      if (m) {
        delete m.vec;
        delete m.tvec;
      }
    }
  }

  private count(at: number, label: SentimentLabel, d: number): void {
    const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
    const cell = this.series.get(hour) ?? emptyMix();
    cell[label] = Math.max(0, cell[label] + d);
    this.series.set(hour, cell);
    if (this.series.size > this.limits.seriesHours) {
      const cutoff = this.lastSeen - this.limits.seriesHours * HOUR_MS;
      for (const h of this.series.keys()) if (h < cutoff) this.series.delete(h);
    }
  }

  /** The member closest to the centroid among those with vectors (titled posts preferred on near-ties). */
  representative(): MemberInfo | undefined {
    let best: MemberInfo | undefined;
    let bestScore = -1;
    for (const id of this.withVectors) {
      const m = this.members.get(id);
      if (!m?.vec) continue;
      const s = cosine(unpack(m.vec), this.centroid) + (m.title ? 0.05 : 0);
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
    prune(this.titleCentroid, this.limits.centroidTerms);
  }

  summary(): EventSummary {
    const rep = this.representative();
    const keywords = topWeighted(this.centroid, 10).map((k) => ({ term: k.term, weight: k.weight / Math.max(1, this.withVectors.length) }));
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

function ranked(m: Map<string, number>): string[] {
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}
