/**
 * Streaming output of the generator for benchmarks and imports: JSON lines in the input format of
 * `tingfeng analyze` and `tingfeng import` ({id, title, text, url, published_at, author, source, engagement}).
 * Backed by the generator, so memory stays flat for a million posts.
 */
import { Readable } from 'node:stream';
import { generatePosts } from './generator.ts';
import { isoChina } from './post-fields.ts';
import type { DemoPost, GenerateOptions } from './types.ts';

export interface ImportRecord {
  id: string;
  title: string;
  text: string;
  url: string;
  published_at: string;
  author: string;
  source: string;
  engagement: { likes: number; replies: number; reposts: number; views: number };
}

const SOURCE_NAMES: Record<DemoPost['sourceKind'], string> = { forum: 'demo-forum', rss: 'demo-news', json: 'demo-weibo', hotline: 'demo-12345' };

export function toImportRecord(p: DemoPost, baseUrl = 'http://demo.tingfeng.invalid'): ImportRecord {
  const e = p.engagement;
  return {
    id: p.id,
    title: p.title,
    text: p.text,
    url: `${baseUrl}${p.url}`,
    published_at: isoChina(p.publishedAt),
    author: p.author,
    source: SOURCE_NAMES[p.sourceKind],
    engagement: { likes: e.likes, replies: e.comments, reposts: e.reposts, views: e.views },
  };
}

function* lines(opts: GenerateOptions, baseUrl?: string): Generator<string> {
  for (const p of generatePosts(opts)) yield JSON.stringify(toImportRecord(p, baseUrl)) + '\n';
}

/** A readable stream of JSON lines (one post per line), honouring back-pressure. */
export function demoPostsJsonLines(opts: GenerateOptions, baseUrl?: string): Readable {
  return Readable.from(lines(opts, baseUrl), { objectMode: false });
}
