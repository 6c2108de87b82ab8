import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from './csv.ts';

function toCsv(rows: string[][]): string {
  return rows
    .map((r) => r.map((f) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f)).join(','))
    .join('\r\n');
}

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, line breaks in fields, CRLF and semicolons', () => {
    expect(parseCsv('编号,内容\r\n1,"城南路""积水"",\n很严重"\r\n2,好\r\n')).toEqual([
      ['编号', '内容'],
      ['1', '城南路"积水",\n很严重'],
      ['2', '好'],
    ]);
    expect(parseCsv('a;b\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('decodes BOM UTF-8 and GBK files', () => {
    expect(decodeCsv(Buffer.from('\ufeff标题,内容', 'utf8'))).toBe('标题,内容');
    expect(decodeCsv(iconv.encode('标题,内容\n路灯,不亮', 'gbk'))).toBe('标题,内容\n路灯,不亮');
  });

  it('round-trips any table written per RFC 4180', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          expect(parseCsv(toCsv(rows), ',')).toEqual(rows);
        },
      ),
    );
  });
});
