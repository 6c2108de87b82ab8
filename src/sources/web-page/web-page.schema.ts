/** Settings of the `web-page` connector: a list page read with CSS selectors, optional detail pages. */
import * as cheerio from 'cheerio';
import { z } from 'zod';
import { commonConfigShape } from '../connector.ts';

const probe = cheerio.load('<p></p>');

const selector = z
  .string()
  .min(1)
  .max(500)
  .refine((s) => {
    try {
      probe(s);
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid CSS selector');

const fieldSelectors = {
  title: selector.optional().describe('标题选择器'),
  text: selector.optional().describe('正文选择器（留空则自动提取正文）'),
  published_at: selector.optional().describe('发布时间选择器'),
  author: selector.optional().describe('作者选择器'),
  views: selector.optional().describe('浏览数选择器'),
  replies: selector.optional().describe('回复数选择器'),
  likes: selector.optional().describe('点赞数选择器'),
};

export const webPageConfigSchema = z
  .object({
    ...commonConfigShape,
    url: z.url({ protocol: /^https?$/ }).describe('列表页地址'),
    list: z
      .object({
        item: selector.describe('列表项选择器，如 ul.msg-list li'),
        link: selector.optional().describe('列表项中指向详情页的 <a>'),
        next: selector.optional().describe('“下一页”链接 <a>'),
        ...fieldSelectors,
      })
      .strict(),
    detail: z.object(fieldSelectors).strict().optional().describe('详情页字段；省略则直接用列表内容'),
    max_pages: z.number().int().min(1).max(1000).default(10).describe('最多翻页数'),
    max_items: z.number().int().min(1).max(10_000).default(5000).describe('每次最多条目数'),
    detail_concurrency: z.number().int().min(1).max(8).default(4),
  })
  .strict();

export type WebPageConfig = z.infer<typeof webPageConfigSchema>;
export type FieldSelectors = NonNullable<WebPageConfig['detail']>;
