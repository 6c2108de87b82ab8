import { describe, expect, it } from 'vitest';
import type { Overview } from '../../api/types.ts';
import {
  EARLY_FRESH_MS,
  arrivedEarlyOverview,
  consumeEarlyOverview,
  earlyOverview,
  opensOnOverview,
  startEarlyOverview,
} from './overview-early.ts';

describe('early overview load', () => {
  it('knows the routes that open on the overview', () => {
    for (const h of ['', '#', '#/', '#/wall', '#/?x=1']) expect(opensOnOverview(h)).toBe(true);
    for (const h of ['#/stream', '#/events/ev-1', '#/login', '#/wallpaper']) expect(opensOnOverview(h)).toBe(false);
  });

  it('starts the data and chart loads only on the overview, hands the answer out while fresh, once used it is gone', async () => {
    const calls: string[] = [];
    const data = { totals: { posts: 3 } } as unknown as Overview;
    const load = () => {
      calls.push('data');
      return Promise.resolve(data);
    };
    const charts = () => {
      calls.push('charts');
      return Promise.resolve();
    };
    startEarlyOverview('#/stream', load, charts, 1000);
    expect(calls).toEqual([]);
    expect(earlyOverview(1000)).toBeNull();
    startEarlyOverview('#/', load, charts, 1000);
    expect(calls).toEqual(['charts', 'data']);
    expect(await earlyOverview(1000 + EARLY_FRESH_MS - 1)).toBe(data);
    expect(earlyOverview(1000 + EARLY_FRESH_MS)).toBeNull();
    consumeEarlyOverview();
    expect(earlyOverview(1001)).toBeNull();
  });

  it('turns a refused early request (not signed in yet) into no answer, not an error', async () => {
    startEarlyOverview(
      '#/',
      () => Promise.reject(new Error('401')),
      () => Promise.reject(new Error('offline')),
      5000,
    );
    expect(await earlyOverview(5000)).toBeNull();
    consumeEarlyOverview();
  });

  it('tells whether the early answer has arrived, so the page can draw it at its first render', async () => {
    let resolve!: (o: Overview) => void;
    const data = { totals: { posts: 5 } } as unknown as Overview;
    startEarlyOverview(
      '#/',
      () => new Promise<Overview>((r) => (resolve = r)),
      () => Promise.resolve(),
      2000,
    );
    expect(arrivedEarlyOverview(2000)).toBeUndefined();
    resolve(data);
    await earlyOverview(2000);
    expect(arrivedEarlyOverview(2000)).toBe(data);
    expect(arrivedEarlyOverview(2000 + EARLY_FRESH_MS)).toBeUndefined();
    consumeEarlyOverview();
    expect(arrivedEarlyOverview(2000)).toBeUndefined();

    startEarlyOverview(
      '#/wall',
      () => Promise.reject(new Error('401')),
      () => Promise.resolve(),
      3000,
    );
    await earlyOverview(3000);
    expect(arrivedEarlyOverview(3000)).toBeNull();
    consumeEarlyOverview();
  });
});
