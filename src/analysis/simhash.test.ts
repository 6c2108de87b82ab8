import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromHex, hamming, simhash64, simhashParts, toHex } from './simhash.ts';
import { SimHashIndex } from './simhash-index.ts';
import { NearDuplicateDetector } from './near-duplicates.ts';
import { normalizePost } from './normalize.ts';

const ORIGINAL =
  '城南路与建设大道交叉口的红绿灯坏了一个多星期，早晚高峰车辆乱成一团，昨天还发生了两起剐蹭，希望交警部门尽快修复。';

describe('simhash64', () => {
  it('is at distance 0 from itself and round-trips through hex', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        const h = simhash64(s);
        expect(hamming(h, simhash64(s))).toBe(0);
        expect(toHex(h)).toMatch(/^[0-9a-f]{16}$/);
        expect(fromHex(toHex(h))).toBe(h);
      }),
    );
  });
  it('ignores punctuation and spacing, separates unrelated texts', () => {
    const a = simhash64(ORIGINAL);
    expect(hamming(a, simhash64(ORIGINAL.replace(/，/g, ' ').replace(/。/g, '!!')))).toBe(0);
    expect(hamming(a, simhash64('今天天气很好，我们一家人去公园散步，孩子玩得很开心，晚上吃了火锅。'))).toBeGreaterThan(15);
  });
  it('agrees between the BigInt and the [hi, lo] forms', () => {
    const p = simhashParts(ORIGINAL);
    expect(simhash64(ORIGINAL)).toBe((BigInt(p[0]!) << 32n) | BigInt(p[1]!));
  });
});

describe('SimHashIndex', () => {
  it('finds entries within k bits and not beyond', () => {
    const idx = new SimHashIndex({ k: 3, capacity: 1000 });
    let s = 12345;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 0);
    for (let i = 0; i < 500; i++) idx.add(rnd(), rnd(), i);
    idx.add(0xdeadbeef, 0x12345678, 999);
    expect(idx.earliest(0xdeadbeef ^ 0b101, 0x12345678 ^ (1 << 31), 3)?.ref).toBe(999);
    expect(idx.earliest(0xdeadbeef ^ 0b1111, 0x12345678, 3)).toBeNull();
  });
  it('evicts the oldest entries when full', () => {
    const idx = new SimHashIndex({ k: 3, capacity: 4 });
    idx.add(1, 1, 1);
    for (let i = 0; i < 4; i++) idx.add(0xffff0000 + i * 7919, 0xabc00000 + i, 10 + i);
    expect(idx.earliest(1, 1)).toBeNull();
    expect(idx.size).toBe(4);
  });
});

describe('NearDuplicateDetector', () => {
  const core = (t: string) => normalizePost(t).coreText;
  it('recognises reposts, added commentary and small edits as copies of the earliest post', () => {
    const d = new NearDuplicateDetector({ capacity: 100 });
    expect(d.observe(core(ORIGINAL), 0).duplicateOf).toBeNull();
    expect(d.observe(core('转发一下，大家注意安全！//@路人甲:是的//@原帖:' + ORIGINAL), 1).duplicateOf).toBe(0);
    expect(d.observe(core('大家看看这个，真是太危险了：' + ORIGINAL), 2).duplicateOf).toBe(0);
    expect(d.observe(core(ORIGINAL.replace('一个多星期', '一周多').replace('两起', '2起')), 3).duplicateOf).toBe(0);
    expect(d.observe(core('<p>' + ORIGINAL.replace(/，/g, '<br>') + '</p>'), 4).duplicateOf).toBe(0);
  });
  it('does not call different complaints about the same road copies', () => {
    const d = new NearDuplicateDetector({ capacity: 100 });
    const posts = [
      '城南路的路灯坏了好几天了，晚上走路黑灯瞎火的，老人孩子出门很危险，请有关部门尽快修一修。',
      '城南路下水道堵塞，一下雨整条路就积水，电动车都没法通行，已经持续一个多月了。',
      '城南路有工地晚上十一点还在施工，噪音太大，周边居民根本睡不着觉，希望管一管。',
      '城南路菜市场门口垃圾堆放无人清理，夏天臭气熏天，苍蝇到处飞。',
    ];
    posts.forEach((p, i) => expect(d.observe(core(p), i).duplicateOf).toBeNull());
  });
  it('finds copies across the growth of its arrays and forgets posts that left the window', () => {
    // capacity above the initial allocation (4096): the arrays grow, then the ring wraps
    const cap = 6000;
    const d = new NearDuplicateDetector({ capacity: cap });
    const idx = new SimHashIndex({ k: 3, capacity: cap });
    const text = (i: number) => `编号${i}的投诉：${ORIGINAL.slice(i % 20)}第${i * 7919}号小区${(i * 104729) % 99991}栋居民反映情况属实`;
    let s = 7;
    const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    const his: number[] = [];
    const los: number[] = [];
    const posts: string[] = [];
    for (let i = 0; i < 15000; i++) {
      posts.push(Array.from({ length: 16 }, () => String.fromCharCode(0x4e00 + (rnd() % 20000))).join(''));
      d.observe(core(posts[i]!), i);
      his.push(rnd());
      los.push(rnd());
      idx.add(his[i]!, los[i]!, i);
      if (i === 4500 || i === 9000 || i === 14999) {
        // a recent entry is found exactly; one older than the window is gone
        expect(idx.earliest(his[i - 100]!, los[i - 100]! ^ 1)?.ref).toBe(i - 100);
        if (i === 4500) expect(idx.earliest(his[1000]! ^ 2, los[1000]!)?.ref).toBe(1000); // added before the arrays grew
        if (i >= cap + 10) expect(idx.earliest(his[i - cap - 10]!, los[i - cap - 10]!)).toBeNull();
      }
    }
    expect(idx.size).toBe(cap);
    const first = d.observe(core(text(1)), 100_000);
    expect(first.duplicateOf).toBeNull();
    expect(d.observe(core('转发//@某人:' + text(1)), 100_001).duplicateOf).toBe(100_000);
    expect(d.observe(core(posts[14000]!), 100_002).duplicateOf).toBe(14000);
    expect(d.observe(core(posts[9500]!.slice(0, 15) + '啊'), 100_004).duplicateOf).toBe(9500);
    expect(d.observe(core(posts[5000]!), 100_003).duplicateOf).toBeNull();
  });

  it('keeps MinHash candidates found across the rebuilds of its LSH table', () => {
    // an edited copy that SimHash misses (more than k bits away) and only the MinHash bands find
    const edited = (t: string) => t.slice(0, 30) + '，据说已经有人去现场看过了，大家怎么看' + t.slice(30);
    const probe = new NearDuplicateDetector({ capacity: 100 });
    probe.observe(core(ORIGINAL), 1);
    expect(probe.observe(core(edited(ORIGINAL)), 2).reason).toBe('minhash');
    // the same pair with 20,000 unrelated posts in between: the table is rebuilt at 4,096, 8,192 and 16,384 posts
    const d = new NearDuplicateDetector({ capacity: 50_000 });
    d.observe(core(ORIGINAL), 0);
    let s = 11;
    const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
    for (let i = 1; i <= 20_000; i++) d.observe(core(Array.from({ length: 40 }, () => String.fromCharCode(0x4e00 + (rnd() % 20000))).join('')), i);
    const v = d.observe(core(edited(ORIGINAL)), 99_999);
    expect(v.reason).toBe('minhash');
    expect(v.duplicateOf).toBe(0);
  });

  it('never calls very short texts copies', () => {
    const d = new NearDuplicateDetector({ capacity: 10 });
    d.observe('支持', 0);
    expect(d.observe('支持', 1).duplicateOf).toBeNull();
  });
});
