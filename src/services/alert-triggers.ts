/**
 * Triggers for the alert rules from one ingested batch: event level changes (with reasons), post matches (plan +
 * sentiment + place of each stored post) and bursts of the events the batch touched (fast burst over the event's
 * hourly counts in the store, computed only when a burst rule exists).
 */
import { fastBurst, type CountPoint } from '../analysis/events/index.ts';
import type { AlertTriggerInput } from '../alerts/rules.ts';
import type { TrackOutput } from '../pipeline/track.ts';
import type { AnalysedPost } from '../pipeline/types.ts';
import type { Repos } from '../store/store.ts';

const LEVEL_NUM: Record<string, 1 | 2 | 3 | 4> = { I: 1, II: 2, III: 3, IV: 4 };
const HOUR = 3_600_000;
/** Events smaller than this cannot burst (the fast burst needs 10 posts in its window). */
const MIN_BURST_POSTS = 10;

export function levelTriggers(out: TrackOutput): AlertTriggerInput[] {
  const triggers: AlertTriggerInput[] = [];
  for (const t of out.transitions) {
    const level = t.to ? LEVEL_NUM[t.to] : undefined;
    if (!level) continue; // lowered to no warning: nothing to alert
    triggers.push({
      kind: 'event_level',
      eventId: t.eventId,
      title: t.summary.title.slice(0, 1000),
      previousLevel: t.from ? (LEVEL_NUM[t.from] ?? null) : null,
      level,
      reasons: t.reasons,
    });
  }
  return triggers;
}

/** Plan ids and names both match a rule's planIds (posts carry plan names). */
export function planKeys(names: readonly string[], idByName: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  for (const n of names) {
    out.add(n);
    const id = idByName.get(n);
    if (id) out.add(id);
  }
  return [...out];
}

export function postTriggers(
  posts: readonly AnalysedPost[],
  idByName: ReadonlyMap<string, string>,
): AlertTriggerInput[] {
  const triggers: AlertTriggerInput[] = [];
  for (const p of posts) {
    if (p.analysis.plans.length === 0) continue;
    triggers.push({
      kind: 'post_match',
      postId: p.row.id,
      title: (p.row.title ?? p.row.text).slice(0, 200),
      planIds: planKeys(
        p.analysis.plans.map((m) => m.plan),
        idByName,
      ),
      sentiment: p.analysis.sentiment.label,
      places: p.analysis.places,
      eventId: p.eventId ?? null,
      ...(p.row.url ? { url: p.row.url } : {}),
    });
  }
  return triggers;
}

export async function burstTriggers(
  r: Repos,
  out: TrackOutput,
  posts: readonly AnalysedPost[],
  idByName: ReadonlyMap<string, string>,
  now: Date,
): Promise<AlertTriggerInput[]> {
  const triggers: AlertTriggerInput[] = [];
  const t = now.getTime();
  for (const e of out.writes.events) {
    if (e.status === 'merged' || e.post_count < MIN_BURST_POSTS) continue;
    // Hour buckets aligned on `now`, so the last bucket is exactly the burst window.
    const hist = await r.posts.histogram(t - 13 * HOUR, t, HOUR, (HOUR - (t % HOUR)) % HOUR, e.id);
    const byBucket = new Map<number, number>();
    for (const h of hist) byBucket.set(h.bucket, (byBucket.get(h.bucket) ?? 0) + h.n);
    const points: CountPoint[] = [...byBucket].map(([at, count]) => ({ at: new Date(at), count }));
    const burst = fastBurst(points, now);
    if (burst.state !== 'burst') continue;
    const plans = planKeys(
      [...new Set(posts.filter((p) => p.eventId === e.id).flatMap((p) => p.analysis.plans.map((m) => m.plan)))],
      idByName,
    );
    for (const planId of plans.length ? plans : [null]) {
      triggers.push({ kind: 'burst', title: e.title, score: Math.round(burst.z * 100) / 100, eventId: e.id, planId });
    }
  }
  return triggers;
}
