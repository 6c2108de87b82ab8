/** Finds a page's publication date: meta tags, <time>, date-like elements, then the first full date in the text. */
import type { CheerioAPI } from 'cheerio';
import { parseDate, type DateContext } from '../dates.ts';

const META_NAMES = [
  'article:published_time',
  'og:published_time',
  'og:release_date',
  'pubdate',
  'publishdate',
  'publish_date',
  'publishtime',
  'pubtime',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'date',
  'weibo:article:create_at',
  'sailthru.date',
  'parsely-pub-date',
];

const DATE_CLASS = '[class*="time"], [class*="date"], [class*="pub"], [id*="time"], [id*="date"], [class*="info"]';
const FULL_DATE =
  /(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:\s*\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2})?)?/;

export function pageDate($: CheerioAPI, ctx: DateContext): string | null {
  for (const name of META_NAMES) {
    const v = $(`meta[property="${name}" i], meta[name="${name}" i], meta[itemprop="${name}" i]`)
      .first()
      .attr('content');
    const d = v ? parseDate(v, ctx) : null;
    if (d) return d;
  }
  const timeAttr = $('time[datetime]').first().attr('datetime');
  const fromTime = timeAttr ? parseDate(timeAttr, ctx) : null;
  if (fromTime) return fromTime;
  for (const el of $(DATE_CLASS).toArray().slice(0, 30)) {
    const t = $(el).text();
    if (t.length > 200) continue;
    const m = FULL_DATE.exec(t.normalize('NFKC'));
    const d = m ? parseDate(m[0], ctx) : null;
    if (d) return d;
  }
  const m = FULL_DATE.exec($('body').text().normalize('NFKC'));
  return m ? parseDate(m[0], ctx) : null;
}
