import { describe, expect, it } from 'vitest';
import { actionBody } from './action-body.ts';

describe('actionBody', () => {
  it('trims texts, drops empty optional fields and writes times as ISO', () => {
    const at = new Date('2026-05-01T08:00:00Z');
    expect(
      actionBody('reply', {
        channel: 'weibo',
        text: '  已修复 ',
        publishedAt: at,
        url: '  ',
        replierUnitId: 'water',
        note: undefined,
      }),
    ).toEqual({
      type: 'reply',
      channel: 'weibo',
      text: '已修复',
      publishedAt: '2026-05-01T08:00:00.000Z',
      replierUnitId: 'water',
    });
  });
  it('keeps booleans, numbers and arrays', () => {
    expect(actionBody('assess', { verified: false, level: 3, category: '供水' })).toEqual({
      type: 'assess',
      verified: false,
      level: 3,
      category: '供水',
    });
    expect(actionBody('assign', { leadUnitId: 'water', coUnitIds: [] })).toEqual({
      type: 'assign',
      leadUnitId: 'water',
      coUnitIds: [],
    });
  });
});
