import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scratch, TermTable, cosineOfPacked, packedNorm2, unpack } from './packed.ts';
import { cosine } from './vector.ts';
import { EventTracker } from './tracker.ts';
import { minutes, post } from './test-helpers.ts';

describe('TermTable and packed vectors', () => {
  it('packs a vector in its own order and takes dot products through the scratch array', () => {
    const t = new TermTable();
    const a = t.pack(new Map([['停水', 0.6], ['居民', 0.8]]));
    const b = t.pack(new Map([['居民', 0.5], ['抢修', 0.5], ['停水', 0.5]]));
    expect([...a.ids].map((i) => t.name(i))).toEqual(['停水', '居民']);
    const s = new Scratch();
    s.load(a, t.size);
    expect(s.dot(b)).toBeCloseTo(0.6 * 0.5 + 0.8 * 0.5, 12);
    // a term added after the load counts 0, it does not read past the array
    const c = t.pack(new Map([['新词'.repeat(3), 1]]));
    expect(s.dot(c)).toBe(0);
    s.unload();
    expect(s.dot(b)).toBe(0);
    expect(packedNorm2(a)).toBeCloseTo(1, 12);
  });

  it('halves document frequencies beyond its bound and keeps only counted terms when compacted', () => {
    const t = new TermTable(6, 3);
    const ids = (words: string[]): Int32Array => Int32Array.from(words.map((w) => t.id(w)));
    t.addDoc(ids(['甲', '乙']));
    t.addDoc(ids(['甲', '乙']));
    t.addDoc(ids(['甲']));
    expect(t.share(t.id('甲'))).toBe(1);
    expect(t.share(t.id('乙'))).toBeCloseTo(2 / 3, 12);
    t.addDoc(ids(['丙', '丁'])); // four terms have a frequency now: halved
    expect(t.docs).toBe(2);
    expect(t.dfState().df).toEqual([['甲', 1], ['乙', 1]]);
    for (const w of ['一', '二', '三', '四', '五']) t.id(w);
    const gen = t.gen;
    expect(t.maybeCompact()).toBe(true);
    expect(t.gen).toBe(gen + 1);
    expect(t.size).toBe(2);
    expect(t.dfState()).toEqual({ docs: 2, df: [['甲', 1], ['乙', 1]] });
    expect(t.maybeCompact()).toBe(false);
  });

  it('unpacks and repacks a vector of an older generation by its term names', () => {
    const t = new TermTable(4, 2);
    const v = new Map([['积水', 0.3], ['道路', 0.9], ['学校', 0.1]]);
    const p = t.pack(v);
    for (const w of ['一', '二', '三']) t.id(w);
    expect(t.maybeCompact()).toBe(true);
    const q = t.repack(p);
    expect(q.gen).toBe(t.gen);
    expect([...q.ids].map((i) => t.name(i))).toEqual(['积水', '道路', '学校']);
    expect([...unpack(q)]).toEqual([...v]);
    expect([...unpack(p)]).toEqual([...v]);
    expect(t.repack(q)).toBe(q);
  });
});

describe('EventTracker with a small term table', () => {
  const WATER = ['治河渡镇大面积停水三天，居民用水困难，自来水厂称管道爆裂正在抢修', '治河渡镇停水第三天，自来水管道抢修仍未完成，送水车每天到村里送水'];
  const filler = (i: number): string => `第${i}号通知：${String.fromCharCode(0x4e00 + ((i * 37) % 9000), 0x4e00 + ((i * 91) % 9000))}工程${i}期验收合格，${String.fromCharCode(0x5000 + (i % 4000), 0x5100 + (i % 3000))}路段恢复通行`;

  it('keeps grouping posts when its ids are compacted many times over, and its snapshot restores', () => {
    const small = new EventTracker({ maxTerms: 64 });
    const events = new Map<string, string>();
    events.set('w0', small.add(post('w0', '治河渡镇停水', WATER[0]!, minutes(0))).eventId);
    for (let i = 0; i < 300; i++) small.add(post(`f${i}`, '', filler(i), minutes(1 + i)));
    events.set('w1', small.add(post('w1', '治河渡镇停水第三天', WATER[1]!, minutes(400))).eventId);
    events.set('w2', small.add(post('w2', '', `转发//@网友:${WATER[0]!}`, minutes(401), { duplicateOf: 'w0' })).eventId);
    expect(events.get('w1')).toBe(events.get('w0'));
    expect(events.get('w2')).toBe(events.get('w0'));
    const total = small.events().reduce((n, e) => n + e.size, 0);
    expect(total).toBe(303);
    const restored = EventTracker.restore(small.snapshot(), { maxTerms: 64 });
    const w3 = restored.add(post('w3', '治河渡镇恢复供水', '治河渡镇停水三天后自来水管道抢修完成，居民家中恢复供水', minutes(402)));
    expect(w3.eventId).toBe(events.get('w0'));
  });

  it('cosineOfPacked gives cosine(unpack(a), b) to the last bit, whichever side is smaller', () => {
    const words = Array.from({ length: 60 }, (_, i) => `词${i}`);
    const vec = fc.array(fc.tuple(fc.constantFrom(...words), fc.double({ min: -5, max: 5, noNaN: true })), { maxLength: 50 });
    fc.assert(
      fc.property(vec, vec, (as, bs) => {
        const t = new TermTable();
        const a = t.pack(new Map(as));
        const b = new Map(bs);
        let nb = 0;
        for (const w of b.values()) nb += w * w;
        expect(Object.is(cosineOfPacked(a, b, nb), cosine(unpack(a), b))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

