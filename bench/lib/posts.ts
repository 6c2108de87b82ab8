/** Realistic benchmark posts from the demo county generator, padded to a target size by joining a thread's posts. */
import { generatePosts } from '../../src/demo/index.ts';
import type { CollectedItem } from '../../src/pipeline/types.ts';

export function benchItems(n: number, opts: { targetBytes?: number; seed?: number } = {}): CollectedItem[] {
  const target = opts.targetBytes ?? 1000;
  const out: CollectedItem[] = [];
  const gen = generatePosts({ seed: opts.seed ?? 7, start: new Date('2026-11-01T00:00:00Z'), days: 30, postsPerDay: Math.max(200, Math.ceil((n * 3) / 30)) });
  let buf = '';
  let first: { title: string; author: string; publishedAt: Date; url: string } | null = null;
  for (const p of gen) {
    if (!first) first = p;
    buf += (buf ? '\n' : '') + p.text;
    if (Buffer.byteLength(buf) < target) continue;
    out.push({ url: `https://bench.example.cn${first.url}`, title: first.title, text: buf, published_at: first.publishedAt.toISOString(), author: first.author });
    buf = '';
    first = null;
    if (out.length >= n) break;
  }
  return out;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function machine(): string {
   
  return '';
}
