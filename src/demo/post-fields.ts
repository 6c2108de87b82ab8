/** Per-post fields of generated posts: engagement counts, urls, hotline ticket columns, places named. */
import { COUNTY_ID, DEMO_LANDMARKS, DEMO_PLACES, placeById, unitById } from './county.ts';
import type { Rng } from './prng.ts';
import type { DemoSourceKind, Engagement, ForumSection, HotlineFields, PostKind } from './types.ts';

/** Heavy-tailed engagement; `boost` multiplies it (storyline bursts, official posts). */
export function engagementFor(rng: Rng, sourceKind: DemoSourceKind, kind: PostKind, boost: number): Engagement {
  if (sourceKind === 'hotline') return { views: 0, likes: 0, comments: 0, reposts: 0 };
  const scale = kind === 'comment' ? 0.2 : kind === 'repost' ? 0.5 : 1;
  const likes = Math.min(200_000, Math.floor(Math.exp(0.8 + 1.3 * rng.normal()) * boost * scale));
  const comments = Math.floor(likes * (0.05 + 0.4 * rng.next()));
  const reposts = sourceKind === 'json' ? Math.floor(likes * 0.6 * rng.next()) : 0;
  const views = likes * rng.int(15, 60) + rng.int(20, 400);
  return { views, likes: sourceKind === 'rss' ? 0 : likes, comments, reposts };
}

/** Local (Asia/Shanghai, UTC+8) calendar fields of an instant. */
export function localParts(d: Date): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const t = new Date(d.getTime() + 8 * 3600_000);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-11-25 09:32` in China time (the forum's date format); with seconds when asked. */
export function formatChinaTime(d: Date, withSeconds = false): string {
  const p = localParts(d);
  const base = `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
  return withSeconds ? `${base}:${pad(p.s)}` : base;
}

/** ISO 8601 with the +08:00 offset. */
export function isoChina(d: Date): string {
  return `${formatChinaTime(d, true).replace(' ', 'T')}+08:00`;
}

export function ticketNumber(d: Date, seq: number): string {
  const p = localParts(d);
  return `LL${p.y}${pad(p.mo)}${pad(p.d)}${pad(seq % 1_000_000, 6)}`;
}

export function urlFor(sourceKind: DemoSourceKind, id: string, section?: ForumSection, ticketNo?: string): string {
  switch (sourceKind) {
    case 'forum':
      return `/forum/${section ?? 'bbs'}/thread-${id}.html`;
    case 'rss':
      return `/news/${id}.html`;
    case 'json':
      return `/weibo/${id}`;
    case 'hotline':
      return `/hotline/ticket/${ticketNo ?? id}`;
  }
}

export function hotlineFields(ticketNo: string, callType: string, category: string, townId: string | undefined, unitId: string | undefined): HotlineFields {
  const area = townId ? placeById(townId).name : '临澜县';
  const unitName = unitId ? unitById(unitId).name : unitById('unit-hotline').name;
  return { ticketNo, callType, category, area, unitName, status: '已受理' };
}

const NAMES_BY_PLACE = new Map(DEMO_PLACES.map((p) => [p.id, [p.name, ...p.aliases.filter((a) => a.length >= 2)]]));

/** Ids of the places the text names, among the candidate places (plus landmarks' places and the county). */
export function mentionedPlaces(text: string, candidates: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const id of candidates) {
    if (!id) continue;
    const names = NAMES_BY_PLACE.get(id);
    if (names?.some((n) => text.includes(n))) out.add(id);
  }
  for (const l of DEMO_LANDMARKS) {
    if (text.includes(l.name) || l.aliases.some((a) => a.length >= 3 && text.includes(a))) out.add(l.placeId);
  }
  if (text.includes('临澜')) out.add(COUNTY_ID);
  return [...out];
}
