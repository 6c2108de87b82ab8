import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { data as fixture, dataSource, options } from '../../test/reports/report-fixture.ts';
import { assembleDaily, assemblePeriodic } from './assemble.ts';
import { renderReport } from './render.ts';
import { ledgerUnitStats } from './stats.ts';
import { renderCasesXlsx } from './xlsx.ts';

async function open(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
}

describe('xlsx', () => {
  it('daily statistics: the numbers, frozen headers, filters, widths', async () => {
    const wb = await open((await renderReport(await assembleDaily(dataSource(), '2026-03-05', options), 'xlsx')).body);
    const src = wb.getWorksheet('信息源')!;
    expect(rows(src)).toEqual([
      ['项目', '本期', '上期', '变化'],
      ['微博', 5, 2, 3],
      ['12345热线', 3, 1, 2],
      ['本地论坛', 3, 1, 2],
      ['合计', 11, 4, 7],
    ]);
    expect(src.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(src.autoFilter).toBeTruthy();
    expect(src.getColumn(1).width).toBe(24);
    expect(rows(wb.getWorksheet('情感倾向')!).slice(1)).toEqual([
      ['正面', 2, 0, 2],
      ['中性', 4, 2, 2],
      ['负面', 5, 2, 3],
    ]);
    const neg = rows(wb.getWorksheet('负面信息')!);
    expect(neg).toHaveLength(5);
    const ledger = wb.getWorksheet('台账')!;
    expect(ledger.rowCount).toBe(1 + 2 + 2 + 1 + 1);
    expect(wb.getWorksheet('数据核对')!.rowCount).toBeGreaterThan(10);
  });

  it('dates are real dates reading the office wall clock', async () => {
    const wb = await open((await renderReport(await assembleDaily(dataSource(), '2026-03-05', options), 'xlsx')).body);
    const ws = wb.getWorksheet('台账')!;
    expect(ws.getCell(1, 9).text).toBe('登记时间（Asia/Shanghai）');
    const v = ws.getCell(2, 9).value; // c1 registered 2026-03-04T11:00Z = 19:00 in Shanghai
    expect(v).toBeInstanceOf(Date);
    expect((v as Date).toISOString()).toBe('2026-03-04T19:00:00.000Z');
    expect(ws.getCell(2, 9).numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('weekly unit statistics as numbers and rates', async () => {
    const wb = await open(
      (await renderReport(await assemblePeriodic(dataSource(), 'weekly', '2026-03-05', options), 'xlsx')).body,
    );
    const u = rows(wb.getWorksheet('单位统计')!);
    const total = u.find((r) => r[0] === '合计')!;
    expect(total.slice(0, 3)).toEqual(['合计', 3, 2]);
    expect(total[3]).toBeCloseTo(2 / 3);
    expect(total[5]).toBeCloseTo(1 / 2); // c1 on time, c4 late; c2's deadline not yet passed at `now`
    expect(total[6]).toBeCloseTo(35.5);
    expect(rows(wb.getWorksheet('信息发布')!)).toEqual([
      ['渠道', '2026-03', '合计'],
      ['政务微博', 1, 1],
      ['政府网站', 1, 1],
    ]);
  });

  it('ledger export: cases, history, statistics', async () => {
    const cases = fixture.cases ?? [];
    const buf = await renderCasesXlsx({
      officeName: '某某县委网信办',
      timeZone: 'Asia/Shanghai',
      baseUrl: options.baseUrl,
      generatedBy: 'x',
      label: '2026-03-01..2026-03-05',
      periodEnd: '2026-03-05T16:00:00Z',
      cases,
      history: fixture.caseHistory ?? [],
      unitStats: ledgerUnitStats(
        await dataSource().ledgerFacts({ start: '2026-02-28T16:00:00Z', end: '2026-03-05T16:00:00Z' }),
        '2026-02-28T16:00:00Z',
        '2026-03-05T16:00:00Z',
        options.now,
      ),
    });
    const wb = await open(buf);
    const ws = wb.getWorksheet('台账')!;
    expect(ws.rowCount).toBe(1 + cases.length);
    const link = ws.getCell(2, 1).value as { text: string; hyperlink: string };
    expect(link).toMatchObject({ text: 'YQ-2026-000101', hyperlink: 'https://desk.example.gov.cn/#/cases/c1' });
    expect(wb.getWorksheet('办理过程')!.rowCount).toBe(6);
    const total = rows(wb.getWorksheet('单位统计')!).find((r) => r[0] === '合计')!;
    expect(total.slice(0, 3)).toEqual(['合计', 4, 2]);
  });
});
