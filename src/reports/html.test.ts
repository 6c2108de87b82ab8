import { describe, expect, it } from 'vitest';
import { dataSource, HOSTILE, options } from '../../test/reports/report-fixture.ts';
import { assembleDaily, assemblePeriodic, assembleSpecial } from './assemble.ts';
import { renderChartSvg } from './charts.ts';
import { escapeHtml, safeHref } from './html.ts';
import { renderReport } from './render.ts';

describe('html reports', () => {
  it('escapes untrusted post text and never links a javascript: URL', async () => {
    const html = (await renderReport(await assembleDaily(dataSource(), '2026-03-05', options), 'html')).body.toString(
      'utf8',
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).not.toContain('javascript:');
    expect(html).toContain('href="https://desk.example.gov.cn/#/posts/p9"');
  });

  it('is print-friendly, carries the figures and inline SVG charts', async () => {
    const html = (await renderReport(await assembleDaily(dataSource(), '2026-03-05', options), 'html')).body.toString(
      'utf8',
    );
    expect(html).toContain('@media print');
    expect(html).toContain('@page');
    expect(html).toContain('舆情日报〔2026〕第64期');
    expect(html).toContain('共监测到相关信息 11 条，上期 4 条');
    expect(html).toMatch(/<td>负面<\/td><td class="n">5<\/td><td class="n">2<\/td>/);
    expect(html).toMatch(/<svg[^>]*>/);
    const w = (
      await renderReport(await assemblePeriodic(dataSource(), 'monthly', '2026-03-05', options), 'html')
    ).body.toString('utf8');
    expect(w).toMatch(/<td>政务微博<\/td><td>2<\/td><td>2<\/td>/);
    const s = (await renderReport(await assembleSpecial(dataSource(), 'E1', options), 'html')).body.toString('utf8');
    expect(s).toContain('副县长李四');
  });

  it('chart labels from untrusted text are escaped inside the SVG', () => {
    const svg = renderChartSvg({
      type: 'bar',
      title: HOSTILE,
      categories: ['<img src=x onerror=alert(1)>'],
      series: [{ name: 'a', data: [1] }],
    });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
  });

  it('safeHref keeps only http(s)', () => {
    expect(safeHref('https://a.example/x#/events/1')).toBe('https://a.example/x#/events/1');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });
});
