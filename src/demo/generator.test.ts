import fc from 'fast-check';
import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { DEMO_PLACES, DEMO_UNITS } from './county.ts';
import { generatePosts, storylineStarts } from './generator.ts';
import { STORYLINE_IDS } from './storylines.ts';
import type { DemoPost } from './types.ts';

const START = new Date('2026-11-20T00:00:00+08:00');
const HOUR = 3600_000;
const week = (seed: number): DemoPost[] => [...generatePosts({ seed, start: START, days: 7, postsPerDay: 400 })];
const W = week(11);
const toSimplified = Converter({ from: 'hk', to: 'cn' });

describe('generatePosts', () => {
  it('is deterministic: the same seed gives the same posts, another seed other posts', () => {
    const again = week(11);
    expect(again).toEqual(W);
    const other = week(12);
    expect(other.slice(0, 50).map((p) => p.text)).not.toEqual(W.slice(0, 50).map((p) => p.text));
  });

  it('emits posts in time order inside the period, with unique ids and a page url each', () => {
    const end = START.getTime() + 7 * 24 * HOUR;
    const ids = new Set<string>();
    let last = 0;
    for (const p of W) {
      const t = p.publishedAt.getTime();
      expect(t).toBeGreaterThanOrEqual(Math.max(last, START.getTime()));
      expect(t).toBeLessThan(end);
      last = t;
      expect(ids.has(p.id)).toBe(false);
      ids.add(p.id);
      expect(p.url.startsWith('/')).toBe(true);
      expect(p.title.length).toBeGreaterThan(0);
      expect(p.author.length).toBeGreaterThan(0);
    }
    expect(W.length).toBeGreaterThan(7 * 400 * 0.9);
  });

  it('writes diverse texts: near all distinct, short and long, every kind and source present', () => {
    const originals = W.filter((p) => !p.repostOf && !p.copyOf && p.kind !== 'comment');
    expect(new Set(originals.map((p) => p.text)).size / originals.length).toBeGreaterThan(0.97);
    // Sentence-level variety: the 200 most common sentences cover a small share of all sentences.
    const counts = new Map<string, number>();
    let total = 0;
    for (const p of originals) {
      for (const s of p.text.split(/[。！？\n]/).filter((x) => x.length > 6)) {
        counts.set(s, (counts.get(s) ?? 0) + 1);
        total++;
      }
    }
    const top = [...counts.values()].sort((a, b) => b - a).slice(0, 200).reduce((a, b) => a + b, 0);
    expect(top / total).toBeLessThan(0.35);
    const lengths = W.map((p) => p.text.length);
    expect(lengths.filter((n) => n <= 100).length / W.length).toBeGreaterThan(0.4);
    expect(lengths.filter((n) => n >= 300).length).toBeGreaterThan(50);
    expect(Math.max(...W.map((p) => Buffer.byteLength(p.text)))).toBeGreaterThan(1000);
    const kinds = new Set(W.map((p) => p.kind));
    for (const k of ['chatter', 'praise', 'complaint', 'question', 'letter', 'news', 'repost', 'copy', 'comment', 'ticket', 'official'] as const) expect(kinds).toContain(k);
    expect(new Set(W.map((p) => p.sourceKind))).toEqual(new Set(['forum', 'rss', 'json', 'hotline']));
    expect(new Set(W.map((p) => p.tone))).toEqual(new Set(['negative', 'neutral', 'positive']));
  });

  it('has Weibo features: emoticons, hashtags, repost chains, Traditional characters', () => {
    expect(W.filter((p) => /\[(怒|泪|赞|哈哈|衰)\]/.test(p.text)).length).toBeGreaterThan(50);
    expect(W.filter((p) => /#[^#\s]{2,12}#/.test(p.text)).length).toBeGreaterThan(50);
    const byId = new Map(W.map((p) => [p.id, p]));
    const reposts = W.filter((p) => p.repostOf);
    expect(reposts.length).toBeGreaterThan(50);
    for (const r of reposts) {
      const src = byId.get(r.repostOf as string) as DemoPost;
      expect(src.publishedAt.getTime()).toBeLessThanOrEqual(r.publishedAt.getTime());
      expect(r.text).toContain(`//@${src.author}:`);
    }
    const trad = W.filter((p) => p.traditional);
    expect(trad.length).toBeGreaterThan(20);
    expect(trad.some((p) => /[這們說還對發]/.test(p.text))).toBe(true);
  });

  it('makes near-copies that share most of their text with the copied post', () => {
    const byId = new Map(W.map((p) => [p.id, p]));
    const copies = W.filter((p) => p.copyOf);
    expect(copies.length).toBeGreaterThan(20);
    for (const c of copies) {
      const src = byId.get(c.copyOf as string) as DemoPost;
      if (src.text.length < 30) continue; // one edit changes most shingles of a tiny text
      const grams = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 2) }, (_, i) => s.slice(i, i + 3)));
      const a = grams(src.text.replace(/\/\/@[^:]+:/g, ''));
      const b = grams(c.traditional ? toSimplified(c.text) : c.text);
      const shared = [...a].filter((g) => b.has(g)).length;
      expect(shared / Math.max(1, a.size)).toBeGreaterThan(0.5);
    }
  });

  it('runs each storyline as a burst that ramps up and fades, with official replies and releases by a unit', () => {
    const starts = storylineStarts({ seed: 11, start: START, days: 7, postsPerDay: 400 });
    for (const id of STORYLINE_IDS) {
      const posts = W.filter((p) => p.storyline === id);
      const pub = posts.filter((p) => !p.isOfficial);
      const t0 = starts.get(id) as number;
      const perHour: number[] = [];
      for (const p of pub) {
        const h = Math.floor((p.publishedAt.getTime() - t0) / HOUR);
        expect(h, id).toBeGreaterThanOrEqual(0);
        perHour[h] = (perHour[h] ?? 0) + 1;
      }
      const hours = Array.from(perHour, (x) => x ?? 0);
      const peak = Math.max(...hours);
      // A burst: the busiest hour comes later and is several times the first hour; the last half day is quiet.
      expect(hours.indexOf(peak), id).toBeGreaterThan(0);
      expect(peak, id).toBeGreaterThanOrEqual((id === 'scenic' ? 2 : 3) * Math.max(2, hours[0] ?? 0));
      const tail = hours.slice(-12).reduce((a, b) => a + b, 0) / 12;
      expect(tail, id).toBeLessThan(peak / 3);
      const officials = posts.filter((p) => p.isOfficial);
      expect(officials.length, id).toBeGreaterThanOrEqual(2);
      for (const o of officials) {
        expect(o.officialKind === 'reply' || o.officialKind === 'release').toBe(true);
        expect(DEMO_UNITS.some((u) => u.id === o.unitId)).toBe(true);
        expect(o.publishedAt.getTime()).toBeGreaterThan(t0);
      }
    }
    const flood = W.filter((p) => p.storyline === 'flood');
    expect(flood.length).toBeGreaterThan(150);
  });

  it('answers letters: official replies point at an earlier letter of the message board', () => {
    const byId = new Map(W.map((p) => [p.id, p]));
    const replies = W.filter((p) => p.officialKind === 'reply' && p.section === 'mailbox');
    expect(replies.length).toBeGreaterThan(10);
    for (const r of replies) {
      const letter = byId.get(r.replyTo as string);
      expect(letter?.kind).toBe('letter');
      expect((letter as DemoPost).publishedAt.getTime()).toBeLessThan(r.publishedAt.getTime());
      expect(r.author).toMatch(/局|委|政府|办/);
    }
  });

  it('fills hotline columns and names real demo places', () => {
    const tickets = W.filter((p) => p.sourceKind === 'hotline');
    expect(tickets.length).toBeGreaterThan(100);
    expect(new Set(tickets.map((t) => t.hotline?.ticketNo)).size).toBe(tickets.length);
    for (const t of tickets) expect(t.hotline?.unitName).toMatch(/临澜|望川/);
    const placeIds = new Set(DEMO_PLACES.map((p) => p.id));
    for (const p of W) for (const id of p.placeIds) expect(placeIds.has(id)).toBe(true);
    expect(W.filter((p) => p.placeIds.length > 0).length / W.length).toBeGreaterThan(0.6);
  });

  it('is lazy (a million-post request yields its first posts at once) and honours maxPosts', () => {
    const it1 = generatePosts({ seed: 1, start: START, days: 100, postsPerDay: 10_000 });
    const first = [];
    for (const p of it1) {
      first.push(p);
      if (first.length === 20) break;
    }
    expect(first).toHaveLength(20);
    expect([...generatePosts({ seed: 1, start: START, days: 3, postsPerDay: 400, maxPosts: 77 })]).toHaveLength(77);
  });

  it('never leaves template braces and keeps every post well formed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.integer({ min: 0, max: 300 }), (seed, days, ppd) => {
        const start = new Date(START.getTime() + (seed % 1000) * 97_000);
        const end = start.getTime() + days * 24 * HOUR;
        for (const p of generatePosts({ seed, start, days, postsPerDay: ppd })) {
          if (/[{}]/.test(p.text + p.title)) return false;
          if (p.publishedAt.getTime() < start.getTime() || p.publishedAt.getTime() >= end) return false;
          if (!p.text || !p.title) return false;
        }
        return true;
      }),
      { numRuns: 15 },
    );
  });

  it('rejects nonsensical options with a coded error', () => {
    expect(() => [...generatePosts({ seed: 1, start: START, days: 0, postsPerDay: 10 })]).toThrow(/TF_ERR_DEMO_OPTIONS/);
    expect(() => [...generatePosts({ seed: 1, start: new Date('x'), days: 1, postsPerDay: 10 })]).toThrow(/TF_ERR_DEMO_OPTIONS/);
  });
});
