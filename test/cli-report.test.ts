/** `tingfeng report …` and `tingfeng export cases …` as a user runs them, over a seeded SQLite store. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/store.ts';
import { runCli } from './helpers/cli.ts';
import { seedReportFixture } from './helpers/report-seed.ts';
import { openDocx } from './reports/open-docx.ts';
import { data } from './reports/report-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'tf-cli-report-'));
const env = { TINGFENG_DATA_DIR: dir, DATABASE_URL: '', TINGFENG_OFFICE_NAME: '某某县委网信办' };

beforeAll(async () => {
  const store = await openStore({ dataDir: dir });
  await seedReportFixture(store, data);
  await store.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tingfeng report / export over the store', () => {
  it('report daily --date --format docx --out FILE', async () => {
    const out = join(dir, 'daily.docx');
    const r = await runCli(['report', 'daily', '--date', '2026-03-05', '--format', 'docx', '--out', out], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('舆情日报〔2026〕第64期');
    const doc = await openDocx(readFileSync(out));
    expect(doc.paragraphs[0]).toBe('某某县委网信办');
    expect(doc.text).toContain('共监测到相关信息 11 条'); // the two stored copies fold into their originals
  });

  it('export cases --from --to --out FILE.xlsx', async () => {
    const out = join(dir, 'cases.xlsx');
    const r = await runCli(['export', 'cases', '--from', '2026-03-01', '--to', '2026-03-05', '--out', out], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 cases');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as never);
    expect(wb.getWorksheet('台账')!.rowCount).toBe(5);
  });

  it('a usage error exits 2 and says what to fix', async () => {
    const r = await runCli(['report', 'daily', '--date', '2026-13-01', '--out', join(dir, 'x.docx')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('TF_ERR_REPORT_ARGS');
  });
});
