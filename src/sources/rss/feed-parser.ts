/**
 * Parses RSS 0.9x/2.0, Atom 1.0 and RDF/RSS 1.0 documents into plain entries. Pure: no dates interpreted, no
 * network. Links are resolved against xml:base or the feed's URL.
 */
import { XMLParser } from 'fast-xml-parser';
import { SourceError } from '../errors.ts';

export interface FeedEntry {
  id: string;
  link: string | undefined;
  title: string;
  /** The entry's HTML (or text) body: content:encoded / Atom content, else description / summary. */
  html: string;
  /** The date as written, not yet parsed. */
  dateText: string | undefined;
  author: string | undefined;
  /** The entry's XML as it appeared in the feed (the evidence), when it could be located. */
  rawXml: string | undefined;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string;
  entries: FeedEntry[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  removeNSPrefix: true,
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** The text of an element that may be a string, an object with #text, or a repeated element. */
function text(v: unknown): string | undefined {
  for (const x of asArray(v)) {
    if (typeof x === 'string' || typeof x === 'number') return String(x);
    if (x && typeof x === 'object') {
      const t = (x as Node)['#text'];
      if (typeof t === 'string' || typeof t === 'number') return String(t);
    }
  }
  return undefined;
}

function attr(v: unknown, name: string): string | undefined {
  const a = v && typeof v === 'object' ? (v as Node)[`@_${name}`] : undefined;
  return typeof a === 'string' ? a : undefined;
}

function resolve(href: string | undefined, base: string): string | undefined {
  if (!href || !href.trim()) return undefined;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return undefined;
  }
}

function baseOf(node: unknown, parentBase: string): string {
  return resolve(attr(node, 'base'), parentBase) ?? parentBase;
}

function rssAuthor(item: Node): string | undefined {
  const a = text(item['creator']) ?? text(item['author']);
  if (!a) return undefined;
  const m = /^\s*\S+@\S+\s*\((.+)\)\s*$/.exec(a);
  return (m?.[1] ?? a).trim() || undefined;
}

function rssEntry(item: Node, base: string, rdfAbout?: string): Omit<FeedEntry, 'rawXml'> {
  const b = baseOf(item, base);
  const guid = item['guid'];
  const guidText = text(guid);
  const permalink =
    guidText && attr(asArray(guid)[0], 'isPermaLink') !== 'false' && /^https?:\/\//i.test(guidText)
      ? guidText
      : undefined;
  const link = resolve(text(item['link']), b) ?? resolve(permalink, b) ?? resolve(rdfAbout, b);
  const html = text(item['encoded']) ?? text(item['description']) ?? '';
  const dateText =
    text(item['pubDate']) ??
    text(item['date']) ??
    text(item['published']) ??
    text(item['issued']) ??
    text(item['modified']) ??
    text(item['updated']);
  return {
    id: guidText ?? link ?? '',
    link,
    title: text(item['title']) ?? '',
    html,
    dateText,
    author: rssAuthor(item),
  };
}

function atomLink(entry: Node, base: string): string | undefined {
  const links = asArray(entry['link']);
  const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate') ?? links[0];
  return resolve(attr(alternate, 'href') ?? text(alternate), base);
}

function atomEntry(entry: Node, base: string): Omit<FeedEntry, 'rawXml'> {
  const b = baseOf(entry, base);
  const link = atomLink(entry, b);
  const html = text(entry['content']) ?? text(entry['summary']) ?? '';
  const author = asArray(entry['author'])[0];
  const authorName = author && typeof author === 'object' ? text((author as Node)['name']) : text(author);
  const dateText =
    text(entry['published']) ??
    text(entry['updated']) ??
    text(entry['issued']) ??
    text(entry['created']) ??
    text(entry['modified']);
  return {
    id: text(entry['id']) ?? link ?? '',
    link,
    title: text(entry['title']) ?? '',
    html,
    dateText,
    author: (authorName ?? text(entry['creator']))?.trim() || undefined,
  };
}

/** The XML of each <item>/<entry> in document order, for evidence. */
function rawEntries(xml: string, tag: 'item' | 'entry'): string[] {
  const re = new RegExp(`<(?:[\\w-]+:)?${tag}(?:\\s[^>]*)?>[\\s\\S]*?</(?:[\\w-]+:)?${tag}>`, 'g');
  return xml.match(re) ?? [];
}

/** Parses a feed. Throws TF_ERR_SOURCE_PARSE when the document is not RSS, Atom or RDF. */
export function parseFeed(xml: string, feedUrl: string): ParsedFeed {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    throw new SourceError(
      'TF_ERR_SOURCE_PARSE',
      `${feedUrl}: not well-formed XML (${(e as Error).message.slice(0, 200)})`,
      { cause: e },
    );
  }
  const withRaw = (entries: Omit<FeedEntry, 'rawXml'>[], tag: 'item' | 'entry'): FeedEntry[] => {
    const raws = rawEntries(xml, tag);
    return entries.map((e, i) => ({ ...e, rawXml: raws.length === entries.length ? raws[i] : undefined }));
  };
  const rss = doc['rss'] as Node | undefined;
  if (rss && typeof rss === 'object') {
    const channel = (asArray(rss['channel'])[0] ?? {}) as Node;
    const base = baseOf(channel, baseOf(rss, feedUrl));
    const items = asArray(channel['item'] ?? rss['item']) as Node[];
    return {
      format: 'rss',
      title: text(channel['title']) ?? '',
      entries: withRaw(
        items.map((i) => rssEntry(i, base)),
        'item',
      ),
    };
  }
  const feed = doc['feed'] as Node | undefined;
  if (feed && typeof feed === 'object') {
    const base = baseOf(feed, feedUrl);
    const entries = asArray(feed['entry']) as Node[];
    return {
      format: 'atom',
      title: text(feed['title']) ?? '',
      entries: withRaw(
        entries.map((e) => atomEntry(e, base)),
        'entry',
      ),
    };
  }
  const rdf = doc['RDF'] as Node | undefined;
  if (rdf && typeof rdf === 'object') {
    const channel = (asArray(rdf['channel'])[0] ?? {}) as Node;
    const items = asArray(rdf['item']) as Node[];
    return {
      format: 'rdf',
      title: text(channel['title']) ?? '',
      entries: withRaw(
        items.map((i) => rssEntry(i, baseOf(rdf, feedUrl), attr(i, 'about'))),
        'item',
      ),
    };
  }
  throw new SourceError(
    'TF_ERR_SOURCE_PARSE',
    `${feedUrl}: not an RSS, Atom or RDF feed; check the source URL points at the feed itself`,
  );
}
