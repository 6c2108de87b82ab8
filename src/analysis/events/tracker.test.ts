import { describe, expect, it } from 'vitest';
import { EventTracker, EventTrackerError, eventIdFor } from './tracker.ts';
import { minutes, post } from './test-helpers.ts';
import type { TrackerSnapshot } from './snapshot.ts';

const WATER = [
  ['治河渡镇大面积停水三天，居民用水困难', '治河渡镇多个村庄自来水停水已经三天，居民只能到河边挑水，自来水厂称管道爆裂正在抢修。'],
  ['治河渡镇停水第三天 自来水管道抢修进展', '治河渡镇自来水厂管道爆裂抢修仍未完成，停水影响上千户居民，送水车每天两次到村里送水。'],
  ['治河渡镇居民：停水三天只能挑水做饭', '治河渡镇居民反映停水三天，自来水厂抢修管道进度缓慢，希望尽快恢复供水，送水车不够用。'],
  ['自来水厂回应治河渡镇停水：管道爆裂明日恢复供水', '针对治河渡镇停水，自来水厂表示爆裂管道抢修接近完成，预计明日恢复供水，停水期间安排送水车。'],
];
const SCHOOL = [
  ['治河渡镇中学食堂疑似食物中毒 二十名学生送医', '治河渡镇中学二十名学生午餐后出现呕吐腹痛，疑似食堂食物中毒，已送县医院治疗，市场监管部门封存食品。'],
  ['治河渡镇中学学生呕吐腹痛 食堂已停业整顿', '治河渡镇中学食堂因学生疑似食物中毒停业整顿，送医学生病情稳定，市场监管部门对留样食品进行检测。'],
  ['家长质问治河渡镇中学食堂卫生：孩子呕吐住院', '多名家长反映孩子在治河渡镇中学食堂吃午餐后呕吐腹痛住院，要求学校公开食堂食品检测结果。'],
  ['县市场监管局通报治河渡镇中学食物中毒事件', '县市场监管局通报，治河渡镇中学学生疑似食物中毒，食堂留样食品送检，学生均已在县医院得到治疗。'],
];

describe('EventTracker', () => {
  it('keeps two events in the same town on the same day apart when their content differs', () => {
    const t = new EventTracker();
    const ids = new Map<string, string>();
    for (let i = 0; i < 4; i++) {
      const w = WATER[i]!;
      const s = SCHOOL[i]!;
      ids.set(`w${i}`, t.add(post(`w${i}`, w[0]!, w[1]!, minutes(i * 30), { places: ['治河渡镇'] })).eventId);
      ids.set(`s${i}`, t.add(post(`s${i}`, s[0]!, s[1]!, minutes(i * 30 + 10), { places: ['治河渡镇'] })).eventId);
    }
    const water = new Set([0, 1, 2, 3].map((i) => t.eventOf(`w${i}`)));
    const school = new Set([0, 1, 2, 3].map((i) => t.eventOf(`s${i}`)));
    expect(water.size).toBe(1);
    expect(school.size).toBe(1);
    expect([...water][0]).not.toBe([...school][0]);
    const ev = t.event([...water][0]!)!;
    expect(ev.size).toBe(4);
    expect(ev.places).toEqual(['治河渡镇']);
    expect(ev.title).toContain('停水');
  });

  it('puts a repost into its original event, by duplicate link or by simhash', () => {
    const t = new EventTracker();
    const a = t.add(post('a', WATER[0]![0]!, WATER[0]![1]!, minutes(0), { simhash: 0x0123456789abcdefn }));
    t.add(post('b', SCHOOL[0]![0]!, SCHOOL[0]![1]!, minutes(1)));
    // a short repost with commentary shares almost no words with the original
    const r1 = t.add(post('r1', '', '转发 太惨了', minutes(2), { duplicateOf: 'a' }));
    expect(r1).toMatchObject({ eventId: a.eventId, isNew: false });
    expect(r1.changes[0]).toMatchObject({ kind: 'joined', via: 'duplicate' });
    const r2 = t.add(post('r2', '', '治河渡镇 呜呜', minutes(3), { simhash: 0x0123456789abcdefn ^ 0b101n }));
    expect(r2.eventId).toBe(a.eventId);
  });

  it('derives ids from the first post deterministically and does not re-add a known post', () => {
    const t1 = new EventTracker();
    const t2 = new EventTracker();
    const p = post('p1', WATER[0]![0]!, WATER[0]![1]!, minutes(0));
    expect(t1.add(p).eventId).toBe(eventIdFor('p1'));
    expect(t2.add(p).eventId).toBe(eventIdFor('p1'));
    expect(t1.add(p)).toMatchObject({ eventId: eventIdFor('p1'), isNew: false, changes: [] });
    expect(t1.events()[0]!.size).toBe(1);
  });

  it('merges and splits with membership history, and keeps split events apart', () => {
    const t = new EventTracker();
    const w = WATER.map((x, i) => t.add(post(`w${i}`, x[0]!, x[1]!, minutes(i))).eventId);
    const s = SCHOOL.map((x, i) => t.add(post(`s${i}`, x[0]!, x[1]!, minutes(10 + i))).eventId);
    const W = w[0]!;
    const S = s[0]!;
    const merged = t.merge(W, S, minutes(20));
    expect(merged).toEqual([{ kind: 'merged', eventId: W, from: S, postIds: ['s0', 's1', 's2', 's3'], at: minutes(20), by: 'staff' }]);
    expect(t.resolve(S)).toBe(W);
    expect(t.event(W)!.size).toBe(8);
    expect(t.eventOf('s2')).toBe(W);

    const split = t.split(W, ['s0', 's1', 's2', 's3'], minutes(30));
    expect(split.records).toEqual([{ kind: 'split', eventId: split.eventId, from: W, postIds: ['s0', 's1', 's2', 's3'], at: minutes(30), by: 'staff' }]);
    expect(t.event(W)!.size).toBe(4);
    expect(t.event(split.eventId)!.size).toBe(4);
    expect(t.eventOf('s1')).toBe(split.eventId);
    // a new school post joins the split-off event, a new water post the old one
    expect(t.add(post('s9', '治河渡镇中学食物中毒学生已出院', '治河渡镇中学食堂食物中毒送医学生已全部出院，市场监管部门公布食品检测结果。', minutes(40))).eventId).toBe(split.eventId);
    expect(t.add(post('w9', '治河渡镇恢复供水', '治河渡镇停水三天后自来水管道抢修完成，今日恢复供水，送水车撤回。', minutes(41))).eventId).toBe(W);

    expect(() => t.split(W, ['nope'], minutes(50))).toThrow(EventTrackerError);
    expect(() => t.merge(W, W, minutes(50))).toThrow(/TF_ERR_EVENT_MERGE_INVALID|itself/);
  });

  it('restores a snapshot to the same assignments and state', () => {
    const t = new EventTracker();
    WATER.slice(0, 2).forEach((x, i) => t.add(post(`w${i}`, x[0]!, x[1]!, minutes(i), { simhash: BigInt(i + 1), source: 'bbs' })));
    const snap = JSON.parse(JSON.stringify(t.snapshot())) as TrackerSnapshot;
    const u = EventTracker.restore(snap);
    expect(u.events()).toEqual(t.events());
    const x = WATER[2]!;
    expect(u.add(post('w2', x[0]!, x[1]!, minutes(5))).eventId).toBe(t.add(post('w2', x[0]!, x[1]!, minutes(5))).eventId);
    expect(u.snapshot()).toEqual(t.snapshot());
  });

  it('retires quiet events and caps the active set (bounded memory)', () => {
    const t = new EventTracker({ quietAfterMs: 3_600_000, maxActiveEvents: 3 });
    t.add(post('w0', WATER[0]![0]!, WATER[0]![1]!, minutes(0)));
    expect(t.retireQuiet(minutes(200)).map((e) => e.id)).toEqual([eventIdFor('w0')]);
    expect(t.eventOf('w0')).toBeUndefined();
    const topics = ['高速公路货车侧翻', '图书馆延长开放时间', '足球联赛决赛门票', '小麦收割机补贴', '医院挂号系统故障', '夜市烧烤油烟扰民'];
    const retired = [];
    for (let i = 0; i < 6; i++) retired.push(...t.add(post(`x${i}`, topics[i]!, topics[i]!, minutes(300 + i))).retired);
    expect(t.events().length).toBe(3);
    expect(retired.map((e) => e.id)).toEqual(['x0', 'x1', 'x2'].map(eventIdFor));
  });

  it('retires the least recently active event whenever the cap is passed, over a long stream', () => {
    // 12 topics revisited at random among one-off posts: events are touched again, merged and retired in turn
    const topics = [...WATER, ...SCHOOL].map(([title, text]) => ({ title: title!, text: text! }));
    const words = ['路灯', '井盖', '噪音', '停车', '广场舞', '快递', '物业', '电梯', '排水', '垃圾', '公交', '菜市场', '学校', '医院'];
    const t = new EventTracker({ maxActiveEvents: 7 });
    const lastTouched = new Map<string, number>();
    let state = 7;
    const rand = (n: number) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
    // made-up two-character words: most one-off posts open an event of their own
    const han = () => String.fromCharCode(0x4e00 + rand(20000), 0x4e00 + rand(20000));
    let retirements = 0;
    for (let i = 0; i < 600; i++) {
      const p =
        rand(3) === 0
          ? post(`p${i}`, topics[rand(topics.length)]!.title, topics[rand(topics.length)]!.text, minutes(i))
          : post(`p${i}`, `${words[rand(words.length)]}${han()}${han()}`, `${han()}${han()}和${words[rand(words.length)]}的情况`, minutes(i));
      const before = new Map(lastTouched);
      const r = t.add(p);
      for (const c of r.changes) if (c.kind === 'merged') before.delete(c.from);
      before.delete(r.eventId);
      // the events retired are those the longest untouched, oldest first
      const expected = [...before.entries()].sort((a, b) => a[1] - b[1]).slice(0, r.retired.length).map(([id]) => id);
      expect(r.retired.map((e) => e.id)).toEqual(expected);
      retirements += r.retired.length;
      for (const c of r.changes) if (c.kind === 'merged') lastTouched.delete(c.from);
      for (const e of r.retired) lastTouched.delete(e.id);
      lastTouched.set(r.eventId, i);
      expect(t.events().length).toBeLessThanOrEqual(7);
    }
    expect(retirements).toBeGreaterThan(100);
  });
});
