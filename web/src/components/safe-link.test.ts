import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-link.tsx';

describe('safeHref', () => {
  it('keeps http and https URLs', () => {
    expect(safeHref('https://bbs.example.cn/t/1?a=b')).toBe('https://bbs.example.cn/t/1?a=b');
    expect(safeHref('http://x.cn')).toBe('http://x.cn/');
  });
  it('refuses script and data URLs, relative paths and junk', () => {
    for (const u of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/api/x',
      'vbscript:x',
      '',
      null,
    ])
      expect(safeHref(u)).toBeNull();
  });
});
