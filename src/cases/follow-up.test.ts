import { describe, expect, it } from 'vitest';
import { flareUps, FollowUpPolicySchema, isWatched, watchedUntil } from './follow-up.ts';

const policy = FollowUpPolicySchema.parse({ days: 7, minNewPosts: 10 });
const closed = { caseId: 'c1', eventId: 'e1', closedAt: '2026-03-01T00:00:00.000Z' };
const day = (n: number): Date => new Date(Date.parse(closed.closedAt) + n * 86_400_000);

describe('follow-up watch', () => {
  it('watches a closed case’s event for N days', () => {
    expect(watchedUntil(closed, policy)).toBe('2026-03-08T00:00:00.000Z');
    expect(isWatched(closed, policy, day(3))).toBe(true);
    expect(isWatched(closed, policy, day(7))).toBe(false);
    expect(watchedUntil({ ...closed, closedAt: null }, policy)).toBeNull();
    expect(watchedUntil({ ...closed, eventId: null }, policy)).toBeNull();
  });

  it('fires on a level rise, a burst or enough new posts, within the watch only', () => {
    const cases = [closed, { caseId: 'c2', eventId: 'e2', closedAt: closed.closedAt }];
    expect(flareUps(cases, { kind: 'level_raised', eventId: 'e1', previousLevel: 4, level: 3 }, policy, day(2))).toEqual([
      { caseId: 'c1', eventId: 'e1', dedupeKey: 'follow-up|case:c1|level_raised:3', reason: '已办结事项所涉事件预警级别升至Ⅲ级' },
    ]);
    expect(flareUps(cases, { kind: 'level_raised', eventId: 'e1', previousLevel: 3, level: 4 }, policy, day(2))).toEqual([]);
    expect(flareUps(cases, { kind: 'burst', eventId: 'e2' }, policy, day(2)).map((f) => f.caseId)).toEqual(['c2']);
    expect(flareUps(cases, { kind: 'new_posts', eventId: 'e1', countSinceClose: 9 }, policy, day(2))).toEqual([]);
    expect(flareUps(cases, { kind: 'new_posts', eventId: 'e1', countSinceClose: 10 }, policy, day(2))).toHaveLength(1);
    expect(flareUps(cases, { kind: 'burst', eventId: 'e1' }, policy, day(8))).toEqual([]);
  });
});
