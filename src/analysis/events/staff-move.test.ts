import { describe, expect, it } from 'vitest';
import { EventTracker } from './tracker.ts';
import { movePosts } from './staff-move.ts';
import { minutes, post } from './test-helpers.ts';

const WATER = [
  ['治河渡镇大面积停水三天，居民用水困难', '治河渡镇多个村庄自来水停水已经三天，居民只能到河边挑水，自来水厂称管道爆裂正在抢修。'],
  ['治河渡镇停水第三天 自来水管道抢修进展', '治河渡镇自来水厂管道爆裂抢修仍未完成，停水影响上千户居民，送水车每天两次到村里送水。'],
  ['治河渡镇居民：停水三天只能挑水做饭', '治河渡镇居民反映停水三天，自来水厂抢修管道进度缓慢，希望尽快恢复供水，送水车不够用。'],
];
const SCHOOL = [
  ['治河渡镇中学食堂疑似食物中毒 二十名学生送医', '治河渡镇中学二十名学生午餐后出现呕吐腹痛，疑似食堂食物中毒，已送县医院治疗，市场监管部门封存食品。'],
  ['治河渡镇中学学生呕吐腹痛 食堂已停业整顿', '治河渡镇中学食堂因学生疑似食物中毒停业整顿，送医学生病情稳定，市场监管部门对留样食品进行检测。'],
];
const PARK = ['城关镇人民公园菊花展开幕', '城关镇人民公园菊花展今日开幕，展出菊花三百余种，市民可免费入园参观。'] as const;

function setup() {
  const t = new EventTracker();
  const W = WATER.map((x, i) => t.add(post(`w${i}`, x[0]!, x[1]!, minutes(i), { source: 'bbs' })).eventId)[0]!;
  const S = SCHOOL.map((x, i) => t.add(post(`s${i}`, x[0]!, x[1]!, minutes(10 + i), { source: 'weibo' })).eventId)[0]!;
  const P = t.add(post('p0', PARK[0], PARK[1], minutes(20), { source: 'news' })).eventId;
  expect(new Set([W, S, P]).size).toBe(3);
  return { t, W, S, P };
}

describe('staff moves of posts between events', () => {
  it('moves a post into another event, and its later copies follow it there', () => {
    const { t, W, S } = setup();
    const r = movePosts(t, [{ id: 's1', at: minutes(11).getTime() }], W, minutes(30));
    expect(r).toEqual({ from: [S], to: W, merged: [] });
    expect(t.eventOf('s1')).toBe(W);
    expect(t.event(W)!.size).toBe(4);
    expect(t.event(S)!.size).toBe(1);
    // a short repost of s1 joins s1's event now, by its duplicate link
    expect(t.add(post('r1', '', '转发 太可怕了', minutes(31), { duplicateOf: 's1' })).eventId).toBe(W);
  });

  it('merges an event whose every post was moved, so its id redirects', () => {
    const { t, W, P } = setup();
    const r = movePosts(t, [{ id: 'p0', at: minutes(20).getTime() }], W, minutes(30));
    expect(r.merged).toEqual([P]);
    expect(t.resolve(P)).toBe(W);
    expect(t.event(P)!.id).toBe(W);
    expect(t.event(W)!.size).toBe(4);
    expect(t.events().map((e) => e.id)).not.toContain(P);
  });

  it('takes a post out of every event without emptying one', () => {
    const { t, S, P } = setup();
    movePosts(t, [{ id: 's0', at: minutes(10).getTime() }], null, minutes(30));
    expect(t.eventOf('s0')).toBeUndefined();
    expect(t.event(S)!.size).toBe(1);
    // a copy of the post taken out does not follow a link into its old event
    const copy = t.add(post('r2', '', '转发 大家注意', minutes(31), { duplicateOf: 's0' }));
    expect(copy.eventId).not.toBe(S);
    // the only post of an event stays (the store refuses to empty an event)
    movePosts(t, [{ id: 'p0', at: minutes(20).getTime() }], null, minutes(32));
    expect(t.eventOf('p0')).toBe(P);
    expect(t.event(P)!.size).toBe(1);
  });

  it('adds a post the tracker no longer remembers with what the caller knows, and tolerates an unknown target', () => {
    const { t, W, S } = setup();
    movePosts(t, [{ id: 'old-1', at: minutes(-600).getTime(), source: 'hotline', sentiment: 'negative' }], W, minutes(30));
    const w = t.event(W)!;
    expect(w.size).toBe(4);
    expect(w.uniqueSources).toBe(2);
    expect(w.firstSeen).toEqual(minutes(-600));
    expect(w.sentiment.negative).toBe(1);
    movePosts(t, [{ id: 's1', at: minutes(11).getTime() }], 'ev-retired-long-ago', minutes(31));
    expect(t.eventOf('s1')).toBeUndefined();
    expect(t.event(S)!.size).toBe(1);
  });
});
