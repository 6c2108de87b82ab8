/**
 * Tracker state as plain JSON (bigints as hex, maps as entry lists), so the live pipeline can persist it and
 * resume after a restart with the same event ids and assignments.
 */
import { unpack, type DocFrequencyState } from './packed.ts';
import { EventState, type MemberInfo } from './event-state.ts';
import type { TrackerOptions } from './options.ts';
import { EventTracker, simhashHalves } from './tracker.ts';
import type { SentimentLabel, SentimentMix } from './types.ts';

type Entries = [string, number][];

export interface MemberSnapshot {
  id: string;
  at: number;
  title?: string;
  vec?: Entries;
  tvec?: Entries;
  simhash?: string;
  source?: string;
  sentiment?: SentimentLabel;
}

export interface EventSnapshot {
  id: string;
  members: MemberSnapshot[];
  withVectors: string[];
  centroid: Entries;
  titleCentroid: Entries;
  places: Entries;
  units: Entries;
  sources: string[];
  sentiment: SentimentMix;
  engagement: { likes: number; replies: number; reposts: number; views: number };
  series: [number, SentimentMix][];
  firstSeen: number;
  lastSeen: number;
  touched: number;
}

export interface TrackerSnapshot {
  version: 1;
  clock: number | null;
  seq: number;
  df: DocFrequencyState;
  events: EventSnapshot[];
  redirects: [string, string][];
  apart: string[];
}

function memberOut(m: MemberInfo): MemberSnapshot {
  return {
    id: m.id,
    at: m.at,
    ...(m.title !== undefined ? { title: m.title } : {}),
    ...(m.vec ? { vec: [...unpack(m.vec)] } : {}),
    ...(m.tvec ? { tvec: [...unpack(m.tvec)] } : {}),
    ...(m.simhash !== undefined ? { simhash: m.simhash.toString(16) } : {}),
    ...(m.source !== undefined ? { source: m.source } : {}),
    ...(m.sentiment !== undefined ? { sentiment: m.sentiment } : {}),
  };
}

function simhashFields(h: bigint): Pick<MemberInfo, 'simhash' | 'simhashHi' | 'simhashLo'> {
  const [simhashHi, simhashLo] = simhashHalves(h);
  return { simhash: h, simhashHi, simhashLo };
}

function memberIn(s: MemberSnapshot, t: EventTracker): MemberInfo {
  return {
    id: s.id,
    at: s.at,
    ...(s.title !== undefined ? { title: s.title } : {}),
    ...(s.vec ? { vec: t.packVector(new Map(s.vec)) } : {}),
    ...(s.tvec && s.tvec.length > 0 ? { tvec: t.packVector(new Map(s.tvec)) } : {}),
    ...(s.simhash !== undefined ? simhashFields(BigInt(`0x${s.simhash}`)) : {}),
    ...(s.source !== undefined ? { source: s.source } : {}),
    ...(s.sentiment !== undefined ? { sentiment: s.sentiment } : {}),
  };
}

export function snapshotTracker(t: EventTracker): TrackerSnapshot {
  const events: EventSnapshot[] = [...t.active.values()].map((e) => ({
    id: e.id,
    members: [...e.members.values()].map(memberOut),
    withVectors: [...e.withVectors],
    centroid: [...e.centroid],
    titleCentroid: [...e.titleCentroid],
    places: [...e.places],
    units: [...e.units],
    sources: [...e.sources],
    sentiment: { ...e.sentiment },
    engagement: { ...e.engagement },
    series: [...e.series].map(([h, c]) => [h, { ...c }] as [number, SentimentMix]),
    firstSeen: e.firstSeen,
    lastSeen: e.lastSeen,
    touched: e.touched,
  }));
  return {
    version: 1,
    clock: Number.isFinite(t.clock) ? t.clock : null,
    seq: t.seq,
    df: t.dfState(),
    events,
    redirects: [...t.redirects],
    apart: [...t.apart],
  };
}

/** Puts saved entries into an event's container, made (own) only when there is something to put, or `always`. */
function fill<K, V>(entries: readonly (readonly [K, V])[], own: () => Map<K, V>, always = false): void {
  if (entries.length === 0 && !always) return;
  const m = own();
  for (const [k, v] of entries) m.set(k, v);
}

export function restoreTracker(s: TrackerSnapshot, opts: Partial<TrackerOptions> = {}): EventTracker {
  if (s?.version !== 1) throw new Error('TF_ERR_TRACKER_SNAPSHOT: unsupported tracker snapshot version; start a fresh tracker');
  const t = new EventTracker(opts);
  t.clock = s.clock ?? Number.NEGATIVE_INFINITY;
  t.seq = s.seq;
  t.loadDf(s.df);
  for (const es of s.events) {
    const e = new EventState(es.id, t.opts);
    for (const m of es.members) e.members.set(m.id, memberIn(m, t));
    e.restoreVectors(es.withVectors);
    fill(es.centroid, () => e.ownCentroid(), true);
    fill(es.titleCentroid, () => e.ownTitleCentroid());
    fill(es.places, () => e.ownPlaces());
    fill(es.units, () => e.ownUnits());
    if (es.sources.length > 0) {
      const sources = e.ownSources();
      for (const src of es.sources) sources.add(src);
    }
    Object.assign(e.sentiment, es.sentiment);
    Object.assign(e.ownEngagement(), es.engagement);
    fill(
      es.series.map(([h, c]) => [h, { ...c }] as const),
      () => e.ownSeries(),
    );
    e.firstSeen = es.firstSeen;
    e.lastSeen = es.lastSeen;
    e.touched = es.touched;
    t.active.set(e.id, e);
    for (const id of e.members.keys()) t.postEvent.set(id, e.id);
  }
  for (const [a, b] of s.redirects) t.redirects.set(a, b);
  for (const k of s.apart) t.apart.add(k);
  t.reindex();
  return t;
}
