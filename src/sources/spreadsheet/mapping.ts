/** Column mapping from spreadsheet rows to items, a mapping guess from header names, and stable row identities. */
import { z } from 'zod';
import { sha256Hex } from '../canonical-url.ts';
import type { RawItem } from '../connector.ts';
import { parseDate } from '../dates.ts';
import { htmlToText, oneLine } from '../html/html-text.ts';
import { formatInZone, instantOfWallTime } from '../../time/zone.ts';
import type { Cell } from './read-table.ts';

const column = z
  .union([z.string().min(1).max(200), z.number().int().min(1).max(10_000)])
  .describe('列名（表头文字）或列号（从 1 开始）');

export const columnMappingSchema = z
  .object({
    title: column.optional(),
    text: z.union([column, z.array(column).min(1).max(20)]).describe('正文列（可多列，按行合并）'),
    published_at: column.optional(),
    author: column.optional(),
    url: column.optional(),
    key: column.optional().describe('唯一编号列（如工单号）；省略时按整行内容去重'),
  })
  .strict();

export type ColumnMapping = z.infer<typeof columnMappingSchema>;
type ColumnRef = z.infer<typeof column>;

const GUESSES: Array<[keyof ColumnMapping, RegExp]> = [
  ['key', /^(工单号|工单编号|编号|信件编号|留言编号|受理编号|单号|id|key)$/i],
  ['title', /^(标题|主题|信件标题|留言标题|事项标题|诉求标题|title|subject)$/i],
  ['text', /^(内容|正文|诉求内容|来信内容|留言内容|反映内容|事项内容|问题描述|描述|详情|text|content|body)$/i],
  ['published_at', /(时间|日期|date|time)/i],
  ['author', /^(作者|发布人|昵称|留言人|网友|author|user)$/i],
  ['url', /^(链接|网址|url|link|地址链接)$/i],
];

/** A mapping guessed from header names, for the preview form (null when no text column is recognised). */
export function guessMapping(headers: string[]): ColumnMapping | null {
  const m: Partial<Record<keyof ColumnMapping, string>> = {};
  for (const [field, re] of GUESSES) {
    const h = headers.find((x) => re.test(x.trim()));
    if (h && !m[field]) m[field] = h;
  }
  return m.text ? { ...m, text: m.text } : null;
}

/** Index of a column reference in the headers, or -1. */
export function columnIndex(headers: string[], ref: ColumnRef): number {
  if (typeof ref === 'number') return ref - 1;
  const exact = headers.indexOf(ref);
  return exact >= 0 ? exact : headers.findIndex((h) => h.trim().toLowerCase() === ref.trim().toLowerCase());
}

/** Headers the mapping names but the file lacks. */
export function missingColumns(headers: string[], mapping: ColumnMapping): string[] {
  const refs = [
    mapping.title,
    ...(Array.isArray(mapping.text) ? mapping.text : [mapping.text]),
    mapping.published_at,
    mapping.author,
    mapping.url,
    mapping.key,
  ];
  return refs
    .filter(
      (r): r is ColumnRef =>
        r !== undefined && (columnIndex(headers, r) < 0 || columnIndex(headers, r) >= headers.length),
    )
    .map(String);
}

function cellText(c: Cell | undefined): string {
  if (c === undefined) return '';
  return c instanceof Date ? c.toISOString() : c;
}

function cellAt(headers: string[], row: Cell[], ref: ColumnRef | undefined): Cell | undefined {
  if (ref === undefined) return undefined;
  const i = columnIndex(headers, ref);
  return i >= 0 ? row[i] : undefined;
}

/** Excel dates carry the wall-clock time as UTC fields: read them as wall time in the source's zone. */
function cellDate(c: Cell | undefined, ctx: { now: Date; timeZone: string }): string | null {
  if (c === undefined) return null;
  if (c instanceof Date) {
    const ms = instantOfWallTime(
      {
        year: c.getUTCFullYear(),
        month: c.getUTCMonth() + 1,
        day: c.getUTCDate(),
        hour: c.getUTCHours(),
        minute: c.getUTCMinutes(),
        second: c.getUTCSeconds(),
      },
      ctx.timeZone,
    );
    return Number.isFinite(ms) ? formatInZone(ms, ctx.timeZone) : null;
  }
  return parseDate(c, ctx);
}

/** The stable identity of a row: its key column, else a hash of all its cells. */
export function rowIdentity(headers: string[], row: Cell[], mapping: ColumnMapping, keyPrefix: string): string {
  const key = cellText(cellAt(headers, row, mapping.key)).trim();
  if (key) return `urn:tingfeng:sheet:${encodeURIComponent(keyPrefix)}:${encodeURIComponent(key)}`;
  return `urn:tingfeng:sheet:row:${sha256Hex(row.map((c) => cellText(c).trim()).join('\u001f'))}`;
}

/** One row as an item, or a problem saying why it cannot be one. */
export function rowToItem(
  headers: string[],
  row: Cell[],
  mapping: ColumnMapping,
  ctx: { now: Date; timeZone: string; keyPrefix: string; fetchedAt: Date },
): RawItem | { problem: string } {
  const textRefs = Array.isArray(mapping.text) ? mapping.text : [mapping.text];
  const text = textRefs
    .map((r) => htmlToText(cellText(cellAt(headers, row, r))))
    .filter(Boolean)
    .join('\n');
  const title = oneLine(cellText(cellAt(headers, row, mapping.title)));
  if (!text && !title) return { problem: 'no text in the mapped text column(s)' };
  const dateCell = cellAt(headers, row, mapping.published_at);
  const published = cellDate(dateCell, ctx);
  if (mapping.published_at !== undefined && cellText(dateCell).trim() && !published)
    return { problem: `unreadable date "${cellText(dateCell).slice(0, 40)}"` };
  const link = cellText(cellAt(headers, row, mapping.url)).trim();
  const item: RawItem = {
    url: /^https?:\/\//i.test(link) ? link : rowIdentity(headers, row, mapping, ctx.keyPrefix),
    title,
    text: text || title,
    published_at: published ?? formatInZone(ctx.fetchedAt.getTime(), ctx.timeZone),
  };
  const author = oneLine(cellText(cellAt(headers, row, mapping.author)));
  if (author) item.author = author;
  return item;
}

/** A row as a header → value record (dates as ISO strings), for previews and evidence. */
export function rowRecord(headers: string[], row: Cell[]): Record<string, string> {
  const rec: Record<string, string> = {};
  const width = Math.max(headers.length, row.length);
  for (let i = 0; i < width; i++) rec[headers[i] || `#${i + 1}`] = cellText(row[i]);
  return rec;
}
