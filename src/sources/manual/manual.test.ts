import { describe, expect, it } from 'vitest';
import { validateManualItem } from './manual.connector.ts';

const ctx = { now: new Date('2026-11-25T03:00:00Z'), timeZone: 'Asia/Shanghai' };

describe('manual item', () => {
  it('validates and normalises one registered item', () => {
    const item = validateManualItem(
      {
        title: ' 来电：路灯不亮 ',
        text: '城南路路灯\n\n坏了一周 ',
        published_at: '今天 09:30',
        author: '热线',
        channel: '电话',
      },
      ctx,
    );
    expect(item).toMatchObject({
      title: '来电：路灯不亮',
      text: '城南路路灯\n坏了一周',
      published_at: '2026-11-25T09:30:00+08:00',
      author: '热线',
    });
    expect(item.url).toMatch(/^urn:tingfeng:manual:[0-9a-f]{64}$/);
    expect(validateManualItem({ text: '同样的内容', published_at: '2026-11-25 09:30' }, ctx).url).toBe(
      validateManualItem({ text: '同样的内容 ', published_at: '2026-11-25 09:30' }, ctx).url,
    );
  });

  it('says which field is wrong', () => {
    expect(() => validateManualItem({ title: 'x' }, ctx)).toThrow(/text/);
    expect(() => validateManualItem({ text: 'x', published_at: '某天' }, ctx)).toThrow(/published_at/);
    expect(() => validateManualItem({ text: 'x', published_at: '2030-01-01' }, ctx)).toThrow(/future/);
    expect(() => validateManualItem({ text: 'x', url: 'javascript:alert(1)' }, ctx)).toThrow(/url/);
  });
});
