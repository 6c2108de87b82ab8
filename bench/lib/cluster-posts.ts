/**
 * Realistic items for the cluster benchmark, generated at run time (never committed): long (~1 KB, message-board
 * posts with a title) and short (~100 characters, Weibo-like) posts built from ../shared/data/sentiment/train.jsonl
 * the way bench/analysis.ts makePosts builds them, 10 % of them reposts or lightly edited copies of an earlier post.
 * Without ../shared/data the demo county's generator (src/demo, via bench/lib/posts.ts) stands in; its posts are
 * about a few local happenings, so they group into events the way a desk's posts do (the review sentences of
 * train.jsonl mostly open an event each, the event tracker's worst case).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CollectedItem } from '../../src/pipeline/types.ts';
import { benchItems } from './posts.ts';

export type PostSize = 'long' | 'short';
export const TARGET_BYTES: Record<PostSize, number> = { long: 1000, short: 300 };

const DATA = new URL('../../../shared/data/sentiment/train.jsonl', import.meta.url);

export interface PostSupply {
  /** Where the texts come from (for the results). */
  origin: string;
  /** `n` items of one size; `tag` makes their URLs (and so their ids) unique to one run. */
  items(size: PostSize, n: number, tag: string): CollectedItem[];
}

/** Posts from ../shared/data when it is there (`prefer: 'demo'` asks for the demo county's posts regardless). */
export function postSupply(prefer: 'shared' | 'demo' = 'shared'): PostSupply {
  if (prefer === 'demo' || !existsSync(DATA)) {
    return {
      origin: prefer === 'demo' ? 'demo county generator (src/demo)' : 'demo county generator (src/demo; ../shared/data absent)',
      items: (size, n, tag) =>
        demoItems(size, n, tag).map((it, i) => ({
          ...it,
          url: `https://bench.example.cn/${tag}/${i}`,
          text: size === 'short' ? Array.from(it.text).slice(0, 100).join('') : it.text,
          ...(size === 'short' ? { title: null } : {}),
        })),
    };
  }
  const texts = readFileSync(DATA, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text)
    .filter((t) => t.length >= 8);
  return { origin: '../shared/data/sentiment/train.jsonl (generated at run time)', items: (size, n, tag) => makeItems(texts, size, n, tag) };
}

/** n demo posts of about the target size (the generator's month may run out first: then another seed). */
function demoItems(size: PostSize, n: number, tag: string): CollectedItem[] {
  const out: CollectedItem[] = [];
  for (let k = 0; out.length < n; k++) out.push(...benchItems(n - out.length, { targetBytes: TARGET_BYTES[size], seed: hashTag(`${tag}/${k}`) }));
  return out.slice(0, n);
}

function hashTag(tag: string): number {
  let h = 2166136261;
  for (let i = 0; i < tag.length; i++) h = Math.imul(h ^ tag.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function makeItems(texts: string[], size: PostSize, n: number, tag: string): CollectedItem[] {
  let seed = hashTag(tag);
  const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 0x100000000);
  const target = TARGET_BYTES[size];
  const out: CollectedItem[] = [];
  const t0 = Date.parse('2026-11-20T00:00:00Z');
  for (let i = 0; i < n; i++) {
    let text: string;
    if (i > 10 && rnd() < 0.1) {
      const src = out[Math.floor(rnd() * out.length)]!.text;
      text = rnd() < 0.5 ? `转发一下，大家看看//@网友${i}:${src}` : src.replace(/[，。]/, '；') + '顶上去';
    } else {
      text = '';
      while (Buffer.byteLength(text) < target) text += texts[Math.floor(rnd() * texts.length)]! + (size === 'long' ? '\n' : '');
      if (size === 'short') text = Array.from(text).slice(0, 100).join('');
    }
    const title = size === 'long' ? Array.from(text.split(/[\n。！？]/)[0] ?? '').slice(0, 24).join('') || null : null;
    out.push({ url: `https://bench.example.cn/${tag}/${i}`, title, text, published_at: new Date(t0 + i * 1000).toISOString(), author: `网友${Math.floor(rnd() * 5000)}` });
  }
  return out;
}
