import { describe, expect, it } from 'vitest';
import { translate } from './i18n.ts';
import { zhCN } from './zh-CN.ts';
import { enUS } from './en-US.ts';

describe('translate', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(translate('zh-CN', 'state.errorTitle', { what: '加载总览数据' })).toBe('加载总览数据失败');
    expect(translate('en-US', 'state.errorTitle', { what: 'Loading the overview' })).toBe(
      'Loading the overview failed',
    );
    expect(translate('en-US', 'error.badResponse')).toContain('{status}');
  });
  it('has the same keys and placeholders in both languages, and no empty text', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, zh] of Object.entries(zhCN)) {
      const en = enUS[k as keyof typeof zhCN];
      expect(zh.trim(), k).not.toBe('');
      expect(en.trim(), k).not.toBe('');
      expect(holes(en), k).toEqual(holes(zh));
    }
  });
});
