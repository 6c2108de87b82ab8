/**
 * A daily report .docx converted by LibreOffice (as an office without Word would) renders Chinese text and charts.
 * Keeps test-results/report-page1.png (the cover) and report-page2.png (first content page) for a person to look at.
 * Skipped only when libreoffice/soffice or poppler-utils is not installed (Debian: libreoffice-writer-nogui,
 * poppler-utils, fonts-noto-cjk).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleDaily } from '../../src/reports/assemble.ts';
import { renderReport } from '../../src/reports/render.ts';
import { dataSource, options } from './report-fixture.ts';

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const office = which('libreoffice') ?? which('soffice');
const poppler = which('pdftoppm') && which('pdftotext');
const work = mkdtempSync(join(tmpdir(), 'tf-lo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!office || !poppler)('docx through LibreOffice', () => {
  it('converts to PDF with Chinese text and a chart, and keeps page images', async () => {
    const data = await assembleDaily(dataSource(), '2026-03-05', options);
    const docx = join(work, 'daily.docx');
    writeFileSync(docx, (await renderReport(data, 'docx')).body);
    execFileSync(
      office as string,
      [
        `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        docx,
      ],
      {
        timeout: 120_000,
        stdio: 'pipe',
      },
    );
    const pdf = join(work, 'daily.pdf');
    expect(existsSync(pdf)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('舆情日报');
    expect(text).toContain('某某县委网信办');
    expect(text).toMatch(/共监测到相关信息\s*11\s*条/);
    expect(text).toContain('治河渡镇自来水浑浊');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/CJK|Hei|Song|Fang|Kai|Ming/i);
    const out = resolve('test-results');
    mkdirSync(out, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, join(work, 'page')]);
    for (const [n, name] of [
      ['1', 'report-page1.png'],
      ['2', 'report-page2.png'],
    ] as const) {
      const src = [join(work, `page-${n}.png`), join(work, `page-0${n}.png`)].find((f) => existsSync(f));
      expect(src).toBeDefined();
      copyFileSync(src as string, join(out, name));
      expect(statSync(join(out, name)).size).toBeGreaterThan(5_000);
    }
    expect(readFileSync(join(out, 'report-page1.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 180_000);
});
