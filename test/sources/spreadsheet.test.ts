import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../../src/sources/fetch/fetcher.ts';
import { pollOnce, type RawItem } from '../../src/sources/index.ts';
import { preview } from '../../src/sources/spreadsheet/spreadsheet.connector.ts';

const now = new Date('2026-11-25T03:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'tf-sheet-'));

async function hotlineXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  ws.addRow(['工单号', '来电时间', '诉求标题', '诉求内容', '承办单位']);
  ws.addRow([
    'GD20190425001',
    new Date(Date.UTC(2019, 3, 25, 9, 32, 9)),
    '小区停水',
    '城南小区从早上开始停水，无任何通知。',
    '自来水公司',
  ]);
  ws.addRow([
    'GD20190425002',
    '2019-04-25 10:05',
    { richText: [{ text: '噪音' }, { text: '扰民' }] },
    '夜间施工噪音很大。',
    '城管局',
  ]);
  ws.addRow(['GD20190425003', '', '空行内容', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function poll(
  config: Record<string, unknown>,
  cursor?: unknown,
): Promise<{ items: RawItem[]; nextCursor: unknown }> {
  const fetcher = new PoliteFetcher({ userAgent: 'TingfengTest/1.0' });
  try {
    return await pollOnce('spreadsheet', config, { fetcher, now, cursor });
  } finally {
    await fetcher.close();
  }
}

describe('spreadsheet connector', () => {
  it('previews headers, first rows and a guessed mapping', async () => {
    const p = await preview({ name: 'hotline.xlsx', data: await hotlineXlsx() }, null, { now });
    expect(p.headers).toEqual(['工单号', '来电时间', '诉求标题', '诉求内容', '承办单位']);
    expect(p.mapping).toEqual({ key: '工单号', title: '诉求标题', text: '诉求内容', published_at: '来电时间' });
    expect(p.rows[1]).toMatchObject({ 工单号: 'GD20190425002', 诉求标题: '噪音扰民' });
    expect(p.items.map((i) => [i.url, i.title, i.published_at])).toEqual([
      ['urn:tingfeng:sheet:%E5%B7%A5%E5%8D%95%E5%8F%B7:GD20190425001', '小区停水', '2019-04-25T09:32:09+08:00'],
      ['urn:tingfeng:sheet:%E5%B7%A5%E5%8D%95%E5%8F%B7:GD20190425002', '噪音扰民', '2019-04-25T10:05:00+08:00'],
      ['urn:tingfeng:sheet:%E5%B7%A5%E5%8D%95%E5%8F%B7:GD20190425003', '空行内容', expect.any(String)],
    ]);
    expect(p.total_rows).toBe(3);
  });

  it('imports an xlsx once: the same file again adds nothing', async () => {
    const path = join(dir, 'hotline.xlsx');
    writeFileSync(path, await hotlineXlsx());
    const cfg = { path, mapping: { key: '工单号', title: '诉求标题', text: '诉求内容', published_at: '来电时间' } };
    const first = await poll(cfg);
    expect(first.items).toHaveLength(3);
    const second = await poll(cfg, first.nextCursor);
    expect(second.items).toEqual([]);
  });

  it('reads a GBK CSV export; rows without a key get a stable row hash', async () => {
    const path = join(dir, 'letters.csv');
    writeFileSync(
      path,
      iconv.encode(
        '标题,内容,日期,网友\r\n"路灯不亮","城南路路灯坏了,一周没人修",2019/4/25 9:32:09,张三\r\n学校门口拥堵,"早晚高峰""堵死""",2019年4月24日 08:15,李四\r\n',
        'gbk',
      ),
    );
    const cfg = { path, mapping: { title: '标题', text: '内容', published_at: '日期', author: '网友' } };
    const a = await poll(cfg);
    expect(a.items.map(({ title, text, published_at, author }) => ({ title, text, published_at, author }))).toEqual([
      {
        title: '路灯不亮',
        text: '城南路路灯坏了,一周没人修',
        published_at: '2019-04-25T09:32:09+08:00',
        author: '张三',
      },
      { title: '学校门口拥堵', text: '早晚高峰"堵死"', published_at: '2019-04-24T08:15:00+08:00', author: '李四' },
    ]);
    // an edited copy (one row added) is a new file, but the old rows keep their identities
    writeFileSync(
      path,
      iconv.encode(
        '标题,内容,日期,网友\r\n"路灯不亮","城南路路灯坏了,一周没人修",2019/4/25 9:32:09,张三\r\n学校门口拥堵,"早晚高峰""堵死""",2019年4月24日 08:15,李四\r\n新的,内容,2019-04-26,王五\r\n',
        'gbk',
      ),
    );
    const b = await poll(cfg, a.nextCursor);
    expect(b.items.slice(0, 2).map((i) => i.url)).toEqual(a.items.map((i) => i.url));
  });

  it('names missing columns', async () => {
    const path = join(dir, 'x.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    await expect(poll({ path, mapping: { text: '内容' } })).rejects.toMatchObject({
      code: 'TF_ERR_SOURCE_CONFIG',
      message: expect.stringContaining('内容') as string,
    });
  });
});
