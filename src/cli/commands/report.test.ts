import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDocx } from '../../../test/reports/open-docx.ts';
import { dataSource, options } from '../../../test/reports/report-fixture.ts';
import { reportCommand, type ReportCommandDeps } from './report.ts';

const dir = mkdtempSync(join(tmpdir(), 'tf-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const o = { out: '', err: '' };
  return { o, io: { stdout: { write: (s: string) => (o.out += s) }, stderr: { write: (s: string) => (o.err += s) } } };
}

const deps = (): ReportCommandDeps => ({
  dataSource: dataSource(),
  config: {
    officeName: options.officeName,
    timeZone: options.timeZone,
    baseUrl: options.baseUrl,
    generatedBy: 'cli-test',
    now: options.now,
  },
});

describe('tingfeng report / export', () => {
  it('report daily --date … --format docx --out FILE', async () => {
    const { o, io: x } = io();
    const out = join(dir, 'd.docx');
    expect(await reportCommand(['daily', '--date', '2026-03-05', '--format', 'docx', '--out', out], x, deps())).toBe(0);
    expect(o.out).toContain('舆情日报〔2026〕第64期');
    const doc = await openDocx(readFileSync(out));
    expect(doc.text).toContain('共监测到相关信息 11 条');
  });

  it('report weekly without --date uses the last complete week; format from the file extension', async () => {
    const { io: x } = io();
    const out = join(dir, 'w.html');
    const d = deps();
    d.config.now = new Date('2026-03-10T02:00:00Z');
    expect(await reportCommand(['weekly', '--out', out], x, d)).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('2026年3月2日 至 2026年3月8日');
  });

  it('report event ID, and a missing event is a clear error', async () => {
    const { io: x } = io();
    expect(
      await reportCommand(
        ['event', 'E1', '--format', 'html', '--out', join(dir, 'e.html'), '--serial', '7'],
        x,
        deps(),
      ),
    ).toBe(0);
    expect(readFileSync(join(dir, 'e.html'), 'utf8')).toContain('舆情专报〔2026〕第7期');
    const { o, io: y } = io();
    expect(await reportCommand(['event', 'NOPE', '--format', 'html', '--out', join(dir, 'x.html')], y, deps())).toBe(1);
    expect(o.err).toContain('TF_ERR_REPORT_NOT_FOUND');
  });

  it('rejects bad arguments with exit code 2 and says what to fix', async () => {
    for (const argv of [
      ['daily', '--out', join(dir, 'a.pdf')],
      ['daily', '--format', 'docx'],
      ['hourly', '--out', 'a.docx'],
      ['daily', '--date', '2026-13-01', '--out', 'a.docx'],
      ['daily', '--bogus', '--out', 'a.docx'],
    ]) {
      const { o, io: x } = io();
      expect(await reportCommand(argv, x, deps())).toBe(2);
      expect(o.err).toContain('TF_ERR_REPORT_ARGS');
    }
  });

  it('export cases --from --to --out FILE.xlsx', async () => {
    const { o, io: x } = io();
    const out = join(dir, 'cases.xlsx');
    expect(
      await reportCommand(['cases', '--from', '2026-03-02', '--to', '2026-03-04', '--out', out], x, deps(), 'export'),
    ).toBe(0);
    expect(o.out).toContain('3 cases');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const nums: unknown[] = [];
    wb.getWorksheet('台账')!.eachRow((r, i) => i > 1 && nums.push((r.getCell(1).value as { text: string }).text));
    expect(nums.sort()).toEqual(['YQ-2026-000095', 'YQ-2026-000101', 'YQ-2026-000102']);
  });
});
