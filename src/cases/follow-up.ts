/**
 * Follow-up watch (回头看): after a case closes, its event stays watched for N days; if the event flares again
 * (its level rises, a burst, or new negative posts beyond a threshold) an alert should fire. Pure helpers; the
 * lead's service feeds them the closed cases of an event and the event's new facts.
 */
import { z } from 'zod';

export const FollowUpPolicySchema = z.object({
  days: z.number().int().min(0).max(365).default(7),
  /** New posts on the event since closing that count as a flare-up. */
  minNewPosts: z.number().int().min(1).max(100_000).default(20),
});
export type FollowUpPolicy = z.infer<typeof FollowUpPolicySchema>;

export interface ClosedCaseRef {
  caseId: string;
  eventId: string | null;
  closedAt: string | null;
}

/** End of the watch period, or null when the case is not closed or has no event. */
export function watchedUntil(c: ClosedCaseRef, policy: FollowUpPolicy): string | null {
  if (!c.closedAt || !c.eventId || policy.days === 0) return null;
  return new Date(Date.parse(c.closedAt) + policy.days * 86_400_000).toISOString();
}

export function isWatched(c: ClosedCaseRef, policy: FollowUpPolicy, now: Date): boolean {
  const until = watchedUntil(c, policy);
  return until !== null && now.getTime() >= Date.parse(c.closedAt!) && now.getTime() < Date.parse(until);
}

export type EventFlare =
  | { kind: 'level_raised'; eventId: string; previousLevel: number | null; level: number }
  | { kind: 'burst'; eventId: string }
  | { kind: 'new_posts'; eventId: string; countSinceClose: number };

/**
 * The watched cases whose event flared: each gets one flare alert with a dedupe key per case and reason, so a
 * re-evaluation does not repeat it.
 */
export function flareUps(
  cases: readonly ClosedCaseRef[],
  flare: EventFlare,
  policy: FollowUpPolicy,
  now: Date,
): Array<{ caseId: string; eventId: string; dedupeKey: string; reason: string }> {
  const significant =
    flare.kind === 'burst' ||
    (flare.kind === 'level_raised' && (flare.previousLevel === null || flare.level < flare.previousLevel)) ||
    (flare.kind === 'new_posts' && flare.countSinceClose >= policy.minNewPosts);
  if (!significant) return [];
  return cases
    .filter((c) => c.eventId === flare.eventId && isWatched(c, policy, now))
    .map((c) => ({
      caseId: c.caseId,
      eventId: flare.eventId,
      dedupeKey: `follow-up|case:${c.caseId}|${flare.kind}${flare.kind === 'level_raised' ? `:${flare.level}` : ''}`,
      reason:
        flare.kind === 'level_raised'
          ? `已办结事项所涉事件预警级别升至${['', 'Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'][flare.level] ?? flare.level}级`
          : flare.kind === 'burst'
            ? '已办结事项所涉事件信息量再次突增'
            : `已办结事项所涉事件新增信息 ${flare.countSinceClose} 条`,
    }));
}
