/**
 * Charset detection and decoding: BOM, then the HTTP header, then `<meta charset>` / `<meta http-equiv>` /
 * `<?xml encoding>`, then sniffing (strict UTF-8, else GB18030). GB2312 and GBK labels decode as GB18030 (a
 * superset, as browsers do); Big5 as Big5-HKSCS. A declared UTF-8 that is not valid UTF-8 is not believed.
 */
import iconv from 'iconv-lite';

const ALIASES: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'x-unicode20utf8': 'utf-8',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  ms936: 'gb18030',
  'windows-936': 'gb18030',
  'gb_2312-80': 'gb18030',
  gb_2312: 'gb18030',
  chinese: 'gb18030',
  csgb2312: 'gb18030',
  'euc-cn': 'gb18030',
  'iso-ir-58': 'gb18030',
  gb18030: 'gb18030',
  hz: 'gb18030',
  big5: 'big5hkscs',
  'big5-hkscs': 'big5hkscs',
  'cn-big5': 'big5hkscs',
  'x-x-big5': 'big5hkscs',
  csbig5: 'big5hkscs',
  cp950: 'big5hkscs',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** Normalises a charset label to a name iconv-lite (or TextDecoder for utf-8) understands, or null. */
export function normaliseCharset(label: string | undefined | null): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!l) return null;
  const mapped = ALIASES[l] ?? l;
  return mapped === 'utf-8' || iconv.encodingExists(mapped) ? mapped : null;
}

export function charsetFromContentType(contentType: string | undefined | null): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return normaliseCharset(m?.[1]);
}

function bomCharset(body: Uint8Array): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset declared inside the document (meta tags or the XML declaration), looking at the first 8 KB. */
export function declaredCharset(body: Uint8Array): string | null {
  const head = Buffer.from(body.subarray(0, 8192)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return normaliseCharset(xml[1]);
  const metaCharset = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return normaliseCharset(metaCharset?.[1]);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isValidUtf8(body: Uint8Array): boolean {
  try {
    strictUtf8.decode(body);
    return true;
  } catch {
    return false;
  }
}

/** Picks the charset of a document body. */
export function detectCharset(body: Uint8Array, contentType?: string | null): string {
  const bom = bomCharset(body);
  if (bom) return bom;
  let utf8Valid: boolean | undefined;
  const believable = (cs: string | null): cs is string => {
    if (!cs) return false;
    if (cs !== 'utf-8') return true;
    utf8Valid ??= isValidUtf8(body);
    return utf8Valid;
  };
  const fromHeader = charsetFromContentType(contentType);
  if (believable(fromHeader)) return fromHeader;
  const fromDoc = declaredCharset(body);
  if (believable(fromDoc)) return fromDoc;
  utf8Valid ??= isValidUtf8(body);
  return utf8Valid ? 'utf-8' : 'gb18030';
}

/** Decodes a body to a string (BOM removed) with the detected charset. */
export function decodeBody(body: Uint8Array, contentType?: string | null): { text: string; charset: string } {
  const charset = detectCharset(body, contentType);
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const text = charset === 'utf-8' ? new TextDecoder('utf-8').decode(buf) : iconv.decode(buf, charset);
  return { text, charset };
}
