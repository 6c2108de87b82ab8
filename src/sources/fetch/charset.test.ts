import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, detectCharset, normaliseCharset } from './charset.ts';

const gbk = (s: string) => iconv.encode(s, 'gbk');

describe('charset detection', () => {
  it('treats gb2312 and gbk labels as gb18030, big5 as big5-hkscs', () => {
    expect(normaliseCharset('GB2312')).toBe('gb18030');
    expect(normaliseCharset('"gbk"')).toBe('gb18030');
    expect(normaliseCharset('big5')).toBe('big5hkscs');
    expect(normaliseCharset('no-such-charset')).toBeNull();
  });

  it('uses the BOM, then the header, then <meta>, then sniffing', () => {
    expect(detectCharset(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'text/html; charset=gbk')).toBe('utf-8');
    expect(detectCharset(gbk('<p>你好</p>'), 'text/html; charset=GBK')).toBe('gb18030');
    expect(
      detectCharset(
        Buffer.concat([
          Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
          gbk('你好'),
        ]),
      ),
    ).toBe('gb18030');
    expect(detectCharset(Buffer.from('<?xml version="1.0" encoding="GBK"?><rss/>'))).toBe('gb18030');
    expect(detectCharset(Buffer.from('<p>你好，世界</p>'))).toBe('utf-8');
    expect(detectCharset(gbk('<p>你好，世界</p>'))).toBe('gb18030');
  });

  it('does not believe a UTF-8 label on bytes that are not UTF-8', () => {
    const body = gbk('<html><head><meta charset="utf-8"></head><body>县长信箱</body></html>');
    expect(decodeBody(body, 'text/html; charset=utf-8').text).toContain('县长信箱');
  });

  it('decodes characters outside GB2312 that GBK pages use (GB18030 superset)', () => {
    const text = '镕 堃 喆 赟';
    expect(decodeBody(gbk(text), 'text/html; charset=gb2312').text).toBe(text);
  });

  it('strips the BOM', () => {
    expect(decodeBody(Buffer.from('\ufeff标题', 'utf8')).text).toBe('标题');
  });
});
