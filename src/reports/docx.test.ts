import { describe, expect, it } from 'vitest';
import { openDocx } from '../../test/reports/open-docx.ts';
import { dataSource, HOSTILE, options } from '../../test/reports/report-fixture.ts';
import { assembleDaily, assemblePeriodic, assembleSpecial } from './assemble.ts';
import { renderReport } from './render.ts';

describe('docx reports, read back from the file', () => {
  it('daily: cover, numbered headings, the figures of the data, charts, page numbers, Chinese fonts', async () => {
    const data = await assembleDaily(dataSource(), '2026-03-05', options);
    const out = await renderReport(data, 'docx');
    const doc = await openDocx(out.body);
    const p = doc.paragraphs;
    // cover
    expect(p[0]).toBe('某某县委网信办');
    expect(p).toContain('舆情日报');
    expect(p).toContain('舆情日报〔2026〕第64期');
    expect(doc.text).toContain('2026年3月5日');
    // sections in the default order, numbered
    const heads = p.filter((x) => /^[一二三四五六七八九十]+、/.test(x));
    expect(heads).toEqual([
      '一、综述',
      '二、信息总量',
      '三、新增及升温事件',
      '四、涉及本地的负面信息',
      '五、预警及处置情况',
      '六、台账办理情况',
      '七、明日关注',
      '八、数据核对说明',
    ]);
    // numbers: totals paragraph and the sentiment table row (label, current, previous, change)
    expect(doc.text).toContain('共监测到相关信息 11 条，上期 4 条，变化 +7（+175.0%）');
    const i = p.indexOf('负面');
    expect(p.slice(i, i + 4)).toEqual(['负面', '5', '2', '+3（+150.0%）']);
    const w = p.indexOf('微博');
    expect(p.slice(w, w + 3)).toEqual(['微博', '5', '2']);
    expect(doc.text).toContain('本期新增预警 2 条，已确认 1 条，平均 15 分钟确认，升级 1 条，未确认 1 条');
    expect(doc.text).toContain('本期台账新登记 2 件，答复 2 件；截至本期末超期未答复 1 件，24 小时内到期 1 件');
    expect(doc.text).toContain('本期涉及本地地点或单位的负面信息共 4 条');
    // untrusted text stays text; a javascript: URL never becomes a hyperlink
    expect(doc.text).toContain(HOSTILE);
    const rels = await doc.part('word/_rels/document.xml.rels');
    // Word keeps a URL's fragment as the hyperlink's anchor and appends it to the relationship target
    expect(rels).toContain('Target="https://desk.example.gov.cn/"');
    expect(doc.documentXml).toContain('w:anchor="/events/E1"');
    expect(doc.documentXml).toContain('w:anchor="/posts/p1"');
    expect(rels).not.toContain('javascript:');
    // charts as PNG images
    expect(doc.files.filter((f) => f.startsWith('word/media/') && f.endsWith('.png')).length).toBeGreaterThanOrEqual(1);
    // page numbers in the footer, Chinese fonts named in the eastAsia slot
    const footers = await Promise.all(
      doc.files.filter((f) => /^word\/footer\d*\.xml$/.test(f)).map((f) => doc.part(f)),
    );
    expect(footers.join('')).toMatch(/PAGE/);
    const styles = await doc.part('word/styles.xml');
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toContain('w:eastAsia="黑体"');
    expect(doc.documentXml).toContain('w:eastAsia="方正小标宋简体"');
  });

  it('template: sections on/off and in order, custom titles and office name', async () => {
    const data = await assembleDaily(dataSource(), '2026-03-05', options);
    const out = await renderReport(data, 'docx', {
      template: { officeName: '治河渡镇党委', sections: { daily: ['ledger', 'totals'] }, titles: { ledger: '台账' } },
    });
    const doc = await openDocx(out.body);
    expect(doc.paragraphs[0]).toBe('治河渡镇党委');
    expect(doc.paragraphs.filter((x) => /^[一二三]、/.test(x))).toEqual(['一、台账', '二、信息总量']);
    await expect(renderReport(data, 'docx', { template: { sections: { daily: ['nope'] } } })).rejects.toMatchObject({
      code: 'TF_ERR_REPORT_TEMPLATE',
    });
  });

  it('weekly and special reports carry their own figures', async () => {
    const w = await openDocx(
      (await renderReport(await assemblePeriodic(dataSource(), 'weekly', '2026-03-05', options), 'docx')).body,
    );
    expect(w.paragraphs).toContain('舆情周报〔2026〕第10期');
    const row = w.paragraphs.indexOf('合计', w.paragraphs.indexOf('责任单位'));
    expect(w.paragraphs.slice(row, row + 9)).toEqual(['合计', '3', '2', '66.7%', '1', '50.0%', '35.5', '2', '50.0%']);
    expect(w.text).toContain('本期共发布信息 2 条');
    const s = await openDocx((await renderReport(await assembleSpecial(dataSource(), 'E1', options), 'docx')).body);
    expect(s.paragraphs).toContain('舆情专报〔2026〕第1期');
    expect(s.text).toContain('相关信息共 6 条，分布于 3 个信息源');
    expect(s.text).toContain('请水务局立即核查，24小时内答复群众');
    expect(s.files.filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(2);
  });
});
