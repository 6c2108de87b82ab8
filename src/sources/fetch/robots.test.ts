import { describe, expect, it } from 'vitest';
import { RobotsCache } from './robots.ts';

describe('RobotsCache', () => {
  const UA = 'TingfengBot/0.1 (+office)';

  it('applies the rules for our product token, and caches per origin', async () => {
    let loads = 0;
    const cache = new RobotsCache(async () => {
      loads++;
      return {
        status: 200,
        body: 'User-agent: *\nDisallow: /search\n\nUser-agent: TingfengBot\nDisallow: /private/\n',
      };
    });
    expect(await cache.isAllowed('http://a.example/private/x', UA)).toBe(false);
    expect(await cache.isAllowed('http://a.example/search', UA)).toBe(true);
    expect(await cache.isAllowed('http://a.example/list?page=2', UA)).toBe(true);
    expect(loads).toBe(1);
  });

  it('4xx means no rules; 5xx or unreachable means disallow, except on internal sites', async () => {
    const answer = (status: number) => new RobotsCache(async () => ({ status, body: '' }));
    expect(await answer(404).isAllowed('http://a.example/x', UA)).toBe(true);
    expect(await answer(503).isAllowed('http://a.example/x', UA)).toBe(false);
    expect(await answer(503).isAllowed('http://a.example/x', UA, true)).toBe(true);
    const down = new RobotsCache(async () => {
      throw new Error('ECONNREFUSED');
    });
    expect(await down.isAllowed('http://a.example/x', UA)).toBe(false);
  });

  it('re-reads robots.txt after the cache time', async () => {
    let t = 0;
    let loads = 0;
    const cache = new RobotsCache(
      async () => ({ status: 200, body: `User-agent: *\nDisallow: /v${++loads}\n` }),
      () => t,
      1000,
    );
    expect(await cache.isAllowed('http://a.example/v1', UA)).toBe(false);
    t = 2000;
    expect(await cache.isAllowed('http://a.example/v1', UA)).toBe(true);
    expect(loads).toBe(2);
  });
});
