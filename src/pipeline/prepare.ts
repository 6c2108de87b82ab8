/** Prepare stage (pure): normalise a collected item into a post row with its stable identity. */
import { gzipSync } from 'node:zlib';
import { htmlToText, normalizePost, type NormalizedPost } from '../analysis/normalize.ts';
import { postKey, contentHash } from '../sources/canonical-url.ts';
import { stableId } from '../store/ids.ts';
import type { CollectedItem, PreparedPost, SourceRef } from './types.ts';

const MAX_TEXT = 200_000;

function parseTime(s: string | null | undefined): number | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

function cleanEngagement(e: CollectedItem['engagement']): string | null {
  if (!e) return null;
  const out: Record<string, number> = {};
  for (const k of ['likes', 'replies', 'reposts', 'views'] as const) {
    const v = e[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = Math.floor(v);
  }
  return Object.keys(out).length ? JSON.stringify(out) : null;
}

/** A post's normalised title and text, title first on its own line: what the search index covers and the tracker reads. */
function storedNorm(title: string | null | undefined, text: string): NormalizedPost {
  return normalizePost(title ? `${title}\n${text}` : text);
}

export function storedText(title: string | null | undefined, text: string): string {
  return storedNorm(title, text).text;
}

/**
 * `normalise: false` leaves `norm` out: the embedded pipeline's analyser computes the same text where it runs
 * (see analysisOut), off the main thread.
 */
export function prepareItem(item: CollectedItem, source: SourceRef, now: number, opts: { normalise?: boolean } = {}): PreparedPost {
  const display = (item.text && item.text.trim() ? item.text : item.html ? htmlToText(item.html) : '').slice(0, MAX_TEXT);
  const title = item.title?.trim() ? item.title.trim().slice(0, 1000) : null;
  const key = `${source.id}|${postKey({ url: item.url ?? null, title, text: display })}`;
  const fetchedAt = parseTime(item.raw?.fetchedAt) ?? now;
  const published = parseTime(item.published_at) ?? fetchedAt;
  const p: PreparedPost = {
    row: {
      id: stableId('p', key),
      source_id: source.id,
      dedupe_key: key,
      url: item.url && /^https?:\/\//i.test(item.url) ? item.url : null,
      title,
      text: display,
      author: item.author?.trim().slice(0, 200) || null,
      published_at: Math.min(published, now + 3600_000),
      fetched_at: fetchedAt,
      engagement: cleanEngagement(item.engagement),
      content_hash: contentHash(display, title ?? ''),
      is_official: item.isOfficial ? 1 : 0,
      demo: source.demo ? 1 : 0,
    },
    weight: source.weight,
  };
  if (opts.normalise !== false) p.norm = storedNorm(title, display);
  if (item.externalId !== undefined) p.externalId = item.externalId;
  if (item.raw) {
    const body = typeof item.raw.body === 'string' ? Buffer.from(item.raw.body, 'utf8') : item.raw.body;
    p.evidence = { sha256: item.raw.sha256, contentType: item.raw.contentType ?? null, body: gzipSync(body), fetchedAt };
  }
  return p;
}
