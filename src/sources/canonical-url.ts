/**
 * Canonical URLs and content hashes: the parts of a post's unique key. Two links to the same post that differ only
 * in host case, fragment, tracking parameters or query order give the same canonical URL.
 */
import { createHash } from 'node:crypto';

const TRACKING_EXACT = new Set([
  'spm',
  'scm',
  'from',
  'fromsource',
  'from_source',
  'fromuid',
  'from_uid',
  'fromid',
  'from_id',
  'frommodule',
  'from_module',
  'fromchannel',
  'from_channel',
  'frompage',
  'from_page',
  'gclid',
  'fbclid',
  'msclkid',
  'yclid',
  'dclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'isappinstalled',
  'wxshare_count',
  'share_from',
  'sharer_shareid',
  'sharer_sharetime',
  'share_token',
  'vd_source',
  'share_source',
  'share_medium',
  'share_plat',
  'share_session_id',
  'timestamp_share',
  'nsukey',
  'scene',
  'clicktime',
  'enterid',
  'sessionid_share',
]);

function isTrackingParam(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('utm_') || TRACKING_EXACT.has(k);
}

/**
 * Canonical form of an http(s) URL: lower-case scheme and host, default port dropped, fragment dropped, tracking
 * parameters (utm_*, spm, from…) dropped, remaining query parameters sorted. Returns the input trimmed when it is
 * not an absolute http(s) URL (e.g. a `urn:` identity of an imported row).
 */
export function canonicalUrl(input: string): string {
  const trimmed = input.trim();
  let u: URL;
  try {
    u = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return trimmed;
  u.hash = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/, '');
  const params = [...u.searchParams.entries()].filter(([k]) => !isTrackingParam(k));
  params.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  u.search = '';
  for (const [k, v] of params) u.searchParams.append(k, v);
  return u.toString();
}

/** Text as compared for exact duplicates: NFKC, whitespace collapsed, trimmed. */
export function normaliseForHash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 (hex) of the normalised title and text: equal for copies that differ only in spacing or width. */
export function contentHash(text: string, title = ''): string {
  return sha256Hex(`${normaliseForHash(title)}\n${normaliseForHash(text)}`);
}

/** The unique key of a post: its canonical URL when it has one, else `sha256:` + the content hash. */
export function postKey(item: { url?: string | null; title?: string | null; text: string }): string {
  if (item.url && item.url.trim()) return canonicalUrl(item.url);
  return `sha256:${contentHash(item.text, item.title ?? '')}`;
}
