/**
 * Readability-style main-text extraction for pages without a `text` selector: navigation, headers, footers and
 * link-heavy blocks are dropped; each block of running text scores itself, its parent and (less) its grandparent; the
 * container with the best score, discounted by its link density, is the main text.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { nodeType, nodesToText } from './html-text.ts';

const JUNK_TAGS = 'script, style, noscript, iframe, nav, header, footer, aside, form, select, button, template, svg';
const JUNK_NAMES =
  /(^|[\s_-])(nav|navbar|menu|footer|header|sidebar|side|breadcrumbs?|crumbs?|comments?|share|copyright|related|recommend|advert|ads?|banner|login|toolbar|pager|pagination|page-?nav|topbar|links?|friend-?links?|tags?|hot|rank)([\s_-]|\d|$)/i;
/** Elements that can hold the main text (paragraphs score their container, not themselves). */
const CONTAINERS = new Set(['div', 'article', 'section', 'main', 'td', 'body', 'font', 'center']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'title', 'caption', 'dt', 'th', 'label']);
/** Bylines and counters (`发布时间：`, `浏览：213`) are not running text. */
const META_TEXT =
  /(发布|时间|日期|浏览|点击|阅读|回复|点赞|来源|作者|编辑|发布人|留言人)\s*[:：]|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}/;
const INLINE = new Set([
  'span',
  'font',
  'b',
  'strong',
  'i',
  'em',
  'u',
  'small',
  'big',
  'sub',
  'sup',
  'label',
  'code',
  'mark',
  'abbr',
  'cite',
  'q',
  's',
  'strike',
]);

/** Text directly inside `el` (and its inline children), without descendant blocks or links. */
function ownText(el: Element): string {
  let t = '';
  for (const c of el.children) {
    const type = nodeType(c);
    if (type === 'text') t += (c as unknown as { data: string }).data;
    else if (type === 'tag' && INLINE.has((c as Element).name)) t += ownText(c as Element);
  }
  return t.replace(/\s+/g, '');
}

function textLength($: CheerioAPI, el: AnyNode): number {
  return $(el).text().replace(/\s+/g, '').length;
}

function linkDensity($: CheerioAPI, el: Element): number {
  const total = textLength($, el);
  if (total === 0) return 1;
  let links = 0;
  $(el)
    .find('a')
    .each((_, a) => {
      links += textLength($, a);
    });
  return Math.min(1, links / total);
}

function punctuationBonus(text: string): number {
  return (text.match(/[，。！？；、,.!?;]/g) ?? []).length;
}

/** Removes boilerplate blocks in place. */
function dropJunk($: CheerioAPI): void {
  $(JUNK_TAGS).remove();
  $('[class], [id]').each((_, el) => {
    const e = el;
    const name = `${e.attribs['class'] ?? ''} ${e.attribs['id'] ?? ''}`;
    if (JUNK_NAMES.test(name) && e.name !== 'body' && e.name !== 'html') $(e).remove();
  });
}

/** The main text of a page, as plain text (empty when nothing resembles running text). */
export function extractMainText($: CheerioAPI): string {
  dropJunk($);
  const scores = new Map<Element, number>();
  const add = (el: Element | null, v: number): void => {
    if (el && nodeType(el) === 'tag' && CONTAINERS.has(el.name)) scores.set(el, (scores.get(el) ?? 0) + v);
  };
  $('body *').each((_, node) => {
    const el = node;
    if (INLINE.has(el.name) || HEADINGS.has(el.name) || el.name === 'a') return;
    const text = ownText(el);
    if (text.length < 10) return;
    const value = (1 + Math.min(text.length / 50, 20) + punctuationBonus(text)) * (META_TEXT.test(text) ? 0.2 : 1);
    add(el, value);
    const parent = el.parent as Element | null;
    add(parent, value * 0.8);
    add(parent?.parent as Element | null, value * 0.4);
  });
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    const adjusted = score * (1 - linkDensity($, el));
    if (adjusted > bestScore) {
      best = el;
      bestScore = adjusted;
    }
  }
  if (!best) return nodesToText($('body').toArray());
  return nodesToText([best]);
}
