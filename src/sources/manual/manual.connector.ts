/** `manual`: an officer registers an item seen elsewhere (a phone call, a newspaper) with the same fields. */
import { z } from 'zod';
import { contentHash } from '../canonical-url.ts';
import { commonConfigShape, evidence, type Connector, type RawItem } from '../connector.ts';
import { parseDate } from '../dates.ts';
import { SourceError } from '../errors.ts';
import { oneLine, tidyText } from '../html/html-text.ts';
import { formatInZone } from '../../time/zone.ts';

const count = z.number().int().min(0).max(1e12).optional();

export const manualItemSchema = z
  .object({
    title: z.string().trim().max(500).default(''),
    text: z.string().trim().min(1, 'text is required').max(100_000),
    url: z.url({ protocol: /^https?$/ }).optional(),
    published_at: z.string().max(100).optional().describe('如 2024-05-01 09:30；留空为登记时间'),
    author: z.string().trim().max(200).optional(),
    channel: z.string().trim().max(100).optional().describe('获知渠道：电话、报纸、来访…'),
    engagement: z.object({ likes: count, replies: count, reposts: count, views: count }).strict().optional(),
  })
  .strict();

export type ManualItemInput = z.input<typeof manualItemSchema>;

/** Validates one registered item and returns it as a RawItem. Throws TF_ERR_MANUAL_ITEM saying which field is wrong. */
export function validateManualItem(input: unknown, ctx: { now: Date; timeZone: string }): RawItem {
  const parsed = manualItemSchema.safeParse(input);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ');
    throw new SourceError('TF_ERR_MANUAL_ITEM', `the item is not valid: ${msg}`);
  }
  const v = parsed.data;
  let published = formatInZone(ctx.now.getTime(), ctx.timeZone);
  if (v.published_at?.trim()) {
    const d = parseDate(v.published_at, ctx);
    if (!d)
      throw new SourceError(
        'TF_ERR_MANUAL_ITEM',
        `published_at: "${v.published_at}" is not a date; write it like 2024-05-01 09:30`,
      );
    if (Date.parse(d) > ctx.now.getTime() + 60_000)
      throw new SourceError('TF_ERR_MANUAL_ITEM', 'published_at is in the future');
    published = d;
  }
  const title = oneLine(v.title);
  const text = tidyText(v.text);
  const item: RawItem = {
    url: v.url ?? `urn:tingfeng:manual:${contentHash(`${text}\n${published}`, title)}`,
    title,
    text,
    published_at: published,
    raw: evidence(JSON.stringify(v), ctx.now, 'application/json'),
  };
  const author = v.author ? oneLine(v.author) : '';
  if (author) item.author = author;
  if (v.engagement)
    item.engagement = Object.fromEntries(Object.entries(v.engagement).filter(([, n]) => n !== undefined));
  return item;
}

export const manualConfigSchema = z.object({ ...commonConfigShape }).strict();

export const manualConnector: Connector<z.infer<typeof manualConfigSchema>, null> = {
  kind: 'manual',
  title: '人工登记',
  description: '值班员登记从电话、报纸等渠道获知的信息',
  configSchema: manualConfigSchema,
  async poll() {
    return { items: [], nextCursor: null };
  },
};
