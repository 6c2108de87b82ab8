import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoliteFetcher } from '../../src/sources/fetch/fetcher.ts';
import { pollOnce } from '../../src/sources/index.ts';
import { boardConfig, boardHandler } from './board-fixture.ts';
import { startServer, type TestServer } from './http-fixture.ts';

let hosts: TestServer[] = [];

beforeAll(async () => {
  hosts = await Promise.all([0, 1, 2].map(() => startServer(boardHandler)));
});

afterAll(async () => {
  await Promise.all(hosts.map((h) => h.close()));
});

describe('many sources at once', () => {
  it('polls 50 web-page sources concurrently through one fetcher without exceeding any per-host limit', async () => {
    const fetcher = new PoliteFetcher({ userAgent: 'TingfengTest/1.0' });
    const configs = Array.from({ length: 50 }, (_, i) => ({
      ...boardConfig((hosts[i % hosts.length] as TestServer).origin),
      name: `source ${i}`,
      max_pages: 1,
      rate_per_second: 50,
      concurrency: 2,
    }));
    const results = await Promise.all(configs.map((c) => pollOnce('web-page', c, { fetcher, now: new Date() })));
    await fetcher.close();
    expect(results.every((r) => r.items.length === 5)).toBe(true);
    for (const h of hosts) {
      expect(h.maxConcurrent).toBeLessThanOrEqual(2);
      expect(h.requests.filter((r) => r.startsWith('/detail')).length).toBeGreaterThanOrEqual(16 * 5);
    }
  });
});
