/**
 * Collection throughput on local servers: 50 web-page sources (a GBK message board: list page + 5 detail pages
 * each) polled at once through one PoliteFetcher, spread over several hosts. Reports the wall time, requests,
 * items per second and the highest number of requests in flight per host (must not exceed the host limit).
 *
 *   node bin/run-ts.mjs bench/sources-poll.ts [--sources 50] [--hosts 10]
 */
import { PoliteFetcher } from '../src/sources/fetch/fetcher.ts';
import { pollOnce } from '../src/sources/index.ts';
import { boardConfig, boardHandler } from '../test/sources/board-fixture.ts';
import { startServer } from '../test/sources/http-fixture.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const nSources = arg('--sources', 50);
const nHosts = arg('--hosts', 10);

async function scenario(label: string, limits: Record<string, number>): Promise<void> {
  const hosts = await Promise.all(Array.from({ length: nHosts }, () => startServer(boardHandler)));
  const fetcher = new PoliteFetcher({ userAgent: 'TingfengBench/1.0' });
  const configs = Array.from({ length: nSources }, (_, i) => ({
    ...boardConfig(hosts[i % nHosts]!.origin),
    max_pages: 1,
    ...limits,
  }));
  const t0 = performance.now();
  const results = await Promise.all(configs.map((c) => pollOnce('web-page', c, { fetcher, now: new Date() })));
  const ms = performance.now() - t0;
  const items = results.reduce((n, r) => n + r.items.length, 0);
  const requests = hosts.reduce((n, h) => n + h.requests.length, 0);
  const maxConc = Math.max(...hosts.map((h) => h.maxConcurrent));
  console.log(
    `${label}: ${nSources} sources on ${nHosts} hosts, ${requests} requests, ${items} items in ${(ms / 1000).toFixed(2)} s ` +
      `(${((items * 1000) / ms).toFixed(0)} items/s); max in flight per host ${maxConc}`,
  );
  await fetcher.close();
  await Promise.all(hosts.map((h) => h.close()));
}

await scenario('polite defaults for internal sources (10 req/s, 2 at a time per host)', {});
await scenario('limits raised (50 req/s, 8 at a time per host)', { rate_per_second: 50, concurrency: 8 });
