/**
 * Text normalisation for analysis. The original text is kept for display; the analysis form is:
 * entities decoded, Traditional → Simplified, full-width ASCII → half-width, invisible characters removed,
 * whitespace collapsed (paragraph breaks kept as a single '\n'). Emoji and Weibo emoticon codes such as [泪]
 * are kept as they are. normalizeText is idempotent and never throws.
 */
import { decodeEntitiesOnce } from './entities.ts';
import { htmlToText } from './html-to-text.ts';
import { toSimplified } from './t2s.ts';
import { canonicalCodes } from './simhash.ts';
export { htmlToText } from './html-to-text.ts';

export interface RepostLink {
  user: string;
  comment: string;
}

export interface NormalizedPost {
  /** The original text (HTML stripped when opts.html) for showing to people. */
  display: string;
  /** normalizeText(display): the analysis form. */
  text: string;
  urls: string[];
  mentions: string[];
  hashtags: string[];
  emoticons: string[];
  /** `//@user:comment` links in order of appearance (most recent repost first, as Weibo writes them). */
  repostChain: RepostLink[];
  /** The reposted original without the //@ commentary chain, URLs removed: what near-duplicate detection compares. */
  coreText: string;
}

/**
 * One pass over the characters: full-width ASCII → half-width, ideographic space → space, invisible and control
 * characters dropped (ZWJ is kept: emoji sequences need it), CR/CRLF → LF.
 */
function widthAndControls(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c >= 0xff01 && c <= 0xff5e) rep = String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) rep = ' ';
    else if (c < 0x20) {
      if (c === 10) continue;
      if (c === 13) rep = s.charCodeAt(i + 1) === 10 ? '' : '\n';
      else rep = c === 9 ? ' ' : '';
    } else if (c === 0x7f || (c >= 0x80 && c < 0xa0)) rep = '';
    else if (c === 0x200b || c === 0x200c || c === 0x200e || c === 0x200f || c === 0x2060 || c === 0xfeff || c === 0x00ad) rep = '';
    else if (c >= 0x202a && c <= 0x202e) rep = '';
    else if (c >= 0x2066 && c <= 0x2069) rep = '';
    if (rep === null) continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

const HSPACE_RE = /[ \t\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]+/g;

/** Collapse horizontal whitespace to one space, trim lines, keep at most one '\n' between non-empty lines. */
function collapseWhitespace(s: string): string {
  const h = s.replace(HSPACE_RE, ' ');
  if (h.indexOf('\n') < 0) return h.trim();
  const lines = h.split('\n');
  const out: string[] = [];
  for (const l of lines) {
    const t = l.trim();
    if (t) out.push(t);
  }
  return out.join('\n');
}

function decodeAll(s: string): string {
  // Double-encoded text (&amp;lt;) is common in scraped pages; decode until stable, bounded against abuse.
  let cur = s;
  for (let i = 0; i < 8; i++) {
    const next = decodeEntitiesOnce(cur);
    if (next === cur) break;
    cur = next;
  }
  return cur;
}

/** One pass; `changed` says whether decoding or conversion did anything (only then can a second pass differ). */
function normalizeOnce(s: string): { out: string; unstable: boolean } {
  let t = widthAndControls(s);
  let unstable = false;
  if (t.indexOf('&') >= 0) {
    const d = decodeAll(t);
    if (d !== t) {
      unstable = true;
      t = widthAndControls(d);
    }
  }
  const simp = toSimplified(t);
  if (simp !== t) unstable = true;
  return { out: collapseWhitespace(simp), unstable };
}

/** The analysis form of a plain text. Idempotent: normalizeText(normalizeText(x)) === normalizeText(x). */
export function normalizeText(raw: string): string {
  if (typeof raw !== 'string' || raw.length === 0) return '';
  let r = normalizeOnce(raw);
  // Decoding or conversion can (rarely) expose a new entity or convertible character; iterate to a fixed point.
  for (let i = 0; i < 4 && r.unstable; i++) {
    const next = normalizeOnce(r.out);
    if (next.out === r.out) break;
    r = next;
  }
  return r.out;
}

const URL_RE = /\b(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi;
const MENTION_RE = /@([\u4e00-\u9fffA-Za-z0-9_\-·]{1,30})/g;
const HASHTAG_RE = /#([^#\n]{1,60})#/g;
const EMOTICON_RE = /\[([\u4e00-\u9fffA-Za-z0-9]{1,8})\]/g;
const REPOST_RE = /\/\/\s*@([^\s:/@]{1,30})\s*:/g;
const FILLER_RE = /^(?:转发微博|轉發微博|repost|转发|转|轉)[\s.。!！]*$/i;

function collect(re: RegExp, s: string, group: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const v = m[group] ?? '';
    if (v && !seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

function stripUrlTail(u: string): string {
  return u.replace(/[.,;:!?)\]'"]+$/, '');
}

function splitRepostChain(text: string): { lead: string; chain: RepostLink[] } {
  REPOST_RE.lastIndex = 0;
  const first = REPOST_RE.exec(text);
  if (!first) return { lead: text, chain: [] };
  const chain: RepostLink[] = [];
  const lead = text.slice(0, first.index).trim();
  let m: RegExpExecArray | null = first;
  while (m) {
    const user = m[1] ?? '';
    const start = m.index + m[0].length;
    const next = REPOST_RE.exec(text);
    const end = next ? next.index : text.length;
    chain.push({ user, comment: text.slice(start, end).trim() });
    m = next;
  }
  return { lead, chain };
}

function meaningfulLength(s: string): number {
  return canonicalCodes(s).length;
}

/** Choose the reposted original: the last substantive link of the chain (Weibo puts the earliest last). */
function pickCore(lead: string, chain: RepostLink[]): string {
  if (chain.length === 0) return lead;
  for (let i = chain.length - 1; i >= 0; i--) {
    const c = chain[i]!.comment;
    if (!FILLER_RE.test(c) && meaningfulLength(c) >= 8) return c;
  }
  let best = lead;
  for (const l of chain) if (meaningfulLength(l.comment) > meaningfulLength(best)) best = l.comment;
  return best;
}

/** Normalise a post and pull out its structure (URLs, @mentions, #hashtags#, [emoticons], repost chain). */
export function normalizePost(raw: string, opts?: { html?: boolean }): NormalizedPost {
  const src = typeof raw === 'string' ? raw : '';
  const display = opts?.html ? htmlToText(src) : src;
  const text = normalizeText(display);
  const urls = collect(URL_RE, text, 0).map(stripUrlTail);
  const withoutUrls = urls.length > 0 ? text.replace(URL_RE, ' ') : text;
  const { lead, chain } = splitRepostChain(withoutUrls);
  const repostChain = chain.length > 0 ? splitRepostChain(text).chain : [];
  const coreText = collapseWhitespace(pickCore(lead, chain));
  return {
    display,
    text,
    urls,
    mentions: collect(MENTION_RE, text, 1),
    hashtags: collect(HASHTAG_RE, text, 1).map((h) => h.trim()).filter((h) => h.length > 0),
    emoticons: collect(EMOTICON_RE, text, 0),
    repostChain,
    coreText,
  };
}
