/**
 * The polite fetcher: every request of every connector goes through it. It honours robots.txt, limits each host's
 * concurrency and rate, times out, retries with backoff and jitter (5xx, 429, network; Retry-After honoured),
 * names itself with a clear User-Agent, follows a bounded number of redirects (loops detected), caps the response
 * size, undoes gzip/deflate/br, does conditional GETs and refuses non-public addresses unless `internal`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { SourceError, isSourceError } from '../errors.ts';
import { assertPublicHost, guardedLookup, systemResolver, type Resolver } from './address-guard.ts';
import { backoffDelay, isRetryableStatus, parseRetryAfter, type BackoffPolicy } from './backoff.ts';
import { HostLimiter, type HostLimits } from './host-limiter.ts';
import { decodeContent, readCapped } from './read-body.ts';
import { RobotsCache } from './robots.ts';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface FetcherOptions {
  /** Names the office and how to reach it, e.g. `TingfengBot/0.1 (+https://office.example; 某县网信办)`. */
  userAgent: string;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Retries after the first attempt. */
  retries?: number;
  backoff?: BackoffPolicy;
  /** A Retry-After longer than this is not waited for: the fetch fails (retryable) and the scheduler tries later. */
  maxRetryAfterMs?: number;
  hostLimits?: Partial<HostLimits>;
  resolver?: Resolver;
  random?: () => number;
}

export interface FetchOptions {
  /** The source is on the office's own network: private/loopback addresses allowed (admin-only setting). */
  internal?: boolean;
  /** robots.txt not consulted (admin-only setting, recorded with the source). */
  ignoreRobots?: boolean;
  /** Conditional GET: the ETag / Last-Modified of the previous fetch. */
  etag?: string;
  lastModified?: string;
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  maxBytes?: number;
  timeoutMs?: number;
  hostLimits?: Partial<HostLimits>;
  /** Retries after the first attempt for this call (default: the fetcher's). */
  retries?: number;
}

export interface FetchResult {
  requestedUrl: string;
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  /** A 304 answer to a conditional GET: nothing changed, body empty. */
  notModified: boolean;
  headers: Record<string, string>;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
  /** The decompressed body bytes (not yet charset-decoded). */
  body: Buffer;
  fetchedAt: Date;
}

/** What connectors see of the fetcher. */
export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchResult>;
}

const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5';

export class PoliteFetcher implements Fetcher {
  private readonly opts: Required<Omit<FetcherOptions, 'hostLimits'>>;
  private readonly limiter: HostLimiter;
  private readonly robots: RobotsCache;
  private readonly guardedAgent: Agent;
  private readonly openAgent: Agent;

  constructor(options: FetcherOptions) {
    this.opts = {
      userAgent: options.userAgent,
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      timeoutMs: options.timeoutMs ?? 20_000,
      maxRedirects: options.maxRedirects ?? 5,
      retries: options.retries ?? 2,
      backoff: options.backoff ?? { baseMs: 1000, maxMs: 30_000 },
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      resolver: options.resolver ?? systemResolver,
      random: options.random ?? Math.random,
    };
    this.limiter = new HostLimiter({ concurrency: 2, ratePerSecond: 2, burst: 4, ...options.hostLimits });
    this.guardedAgent = new Agent({ connect: { lookup: guardedLookup } as unknown as Agent.Options['connect'] });
    this.openAgent = new Agent();
    this.robots = new RobotsCache(async (robotsUrl, internal) => {
      const r = await this.fetchChain(
        robotsUrl,
        { internal, ignoreRobots: true, accept: 'text/plain,*/*;q=0.5', timeoutMs: 10_000, maxBytes: 512 * 1024 },
        true,
      );
      return { status: r.status, body: r.body.toString('utf8') };
    });
  }

  async fetch(url: string, options: FetchOptions = {}): Promise<FetchResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetchChain(url, options, false);
      } catch (e) {
        const retries = options.retries ?? this.opts.retries;
        if (!isSourceError(e) || !e.retryable || attempt >= retries || options.signal?.aborted) throw e;
        const retryAfter = (e as SourceError & { retryAfterMs?: number }).retryAfterMs;
        if (retryAfter !== undefined && retryAfter > this.opts.maxRetryAfterMs) throw e;
        const delay = retryAfter ?? backoffDelay(attempt, this.opts.backoff, this.opts.random());
        try {
          await sleep(delay, undefined, { signal: options.signal });
        } catch {
          throw new SourceError('TF_ERR_FETCH_ABORTED', `${url}: the fetch was cancelled`);
        }
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.guardedAgent.close(), this.openAgent.close()]);
  }

  /** One attempt: the request and its redirects. `errorsAsStatus` returns 4xx/5xx instead of throwing (robots.txt). */
  private async fetchChain(url: string, options: FetchOptions, errorsAsStatus: boolean): Promise<FetchResult> {
    const visited = new Set<string>();
    let current = parseHttpUrl(url);
    for (let hop = 0; ; hop++) {
      visited.add(current.href);
      const res = await this.fetchOne(current, options, hop === 0, errorsAsStatus, url);
      if ('redirect' in res) {
        const next = res.redirect;
        if (visited.has(next.href))
          throw new SourceError(
            'TF_ERR_FETCH_REDIRECT_LOOP',
            `${url}: redirect loop at ${next.href}; check the source URL`,
          );
        if (hop + 1 > this.opts.maxRedirects)
          throw new SourceError(
            'TF_ERR_FETCH_TOO_MANY_REDIRECTS',
            `${url}: more than ${this.opts.maxRedirects} redirects; use the final URL in the source settings`,
          );
        current = next;
        continue;
      }
      return res;
    }
  }

  private async fetchOne(
    url: URL,
    options: FetchOptions,
    first: boolean,
    errorsAsStatus: boolean,
    requestedUrl: string,
  ): Promise<FetchResult | { redirect: URL }> {
    if (!options.internal) await assertPublicHost(url.hostname, this.opts.resolver);
    this.limiter.configure(url.host, options.hostLimits);
    if (
      !options.ignoreRobots &&
      !(await this.robots.isAllowed(url.href, this.opts.userAgent, options.internal === true))
    ) {
      throw new SourceError(
        'TF_ERR_FETCH_ROBOTS_DISALLOWED',
        `${url.href}: robots.txt of ${url.host} does not allow this page (or could not be read); choose another page, or an admin may override robots.txt for this source`,
      );
    }
    const maxBytes = options.maxBytes ?? this.opts.maxBytes;
    const timeoutMs = options.timeoutMs ?? this.opts.timeoutMs;
    const release = await this.limiter.acquire(url.host, options.signal, options.hostLimits);
    // the time limit starts once the host's turn has come, not while waiting in its queue
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      const res = await request(url, {
        method: 'GET',
        headers: this.headersFor(options, first),
        dispatcher: options.internal ? this.openAgent : this.guardedAgent,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      }).catch((e: unknown) => {
        throw networkError(e, url.href, options.signal, timeout, timeoutMs);
      });
      const headers = flattenHeaders(res.headers);
      const status = res.statusCode;
      const location = headers['location'];
      if (status >= 300 && status < 400 && status !== 304 && location) {
        await res.body.dump();
        try {
          return { redirect: parseHttpUrl(new URL(location, url).href) };
        } catch {
          throw new SourceError(
            'TF_ERR_FETCH_BAD_URL',
            `${url.href}: redirect to an unusable location "${location.slice(0, 200)}"`,
          );
        }
      }
      const base = {
        requestedUrl,
        url: url.href,
        status,
        headers,
        contentType: headers['content-type'],
        etag: headers['etag'],
        lastModified: headers['last-modified'],
        fetchedAt: new Date(),
      };
      if (status === 304) {
        await res.body.dump();
        return {
          ...base,
          notModified: true,
          body: Buffer.alloc(0),
          etag: base.etag ?? options.etag,
          lastModified: base.lastModified ?? options.lastModified,
        };
      }
      if (status >= 400 && !errorsAsStatus) {
        await res.body.dump();
        const err = new SourceError('TF_ERR_FETCH_HTTP', `${url.href}: the server answered HTTP ${status}`, {
          status,
          retryable: isRetryableStatus(status),
        });
        const ra = parseRetryAfter(headers['retry-after'], Date.now());
        throw ra === null ? err : Object.assign(err, { retryAfterMs: ra });
      }
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        throw new SourceError(
          'TF_ERR_FETCH_TOO_LARGE',
          `${url.href}: the response (${declared} bytes) is larger than the ${maxBytes}-byte limit; point the source at a smaller page or raise its max_bytes`,
        );
      }
      const raw = await readCapped(res.body, maxBytes, url.href).catch((e: unknown) => {
        throw isSourceError(e) ? e : networkError(e, url.href, options.signal, timeout, timeoutMs);
      });
      return { ...base, notModified: false, body: decodeContent(raw, headers['content-encoding'], maxBytes, url.href) };
    } finally {
      release();
    }
  }

  private headersFor(options: FetchOptions, first: boolean): Record<string, string> {
    const h: Record<string, string> = {
      'user-agent': this.opts.userAgent,
      accept: options.accept ?? DEFAULT_ACCEPT,
      'accept-encoding': 'gzip, deflate, br',
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
      ...options.headers,
    };
    if (first && options.etag) h['if-none-match'] = options.etag;
    if (first && options.lastModified) h['if-modified-since'] = options.lastModified;
    return h;
  }
}

function parseHttpUrl(href: string): URL {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    throw new SourceError('TF_ERR_FETCH_BAD_URL', `"${href.slice(0, 200)}" is not a valid URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new SourceError('TF_ERR_FETCH_BAD_URL', `${u.href}: only http and https URLs can be fetched`);
  u.hash = '';
  return u;
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function networkError(
  e: unknown,
  url: string,
  outer: AbortSignal | undefined,
  timeout: AbortSignal,
  timeoutMs: number,
): SourceError {
  if (isSourceError(e)) return e;
  const cause = (e as { cause?: unknown }).cause;
  if (isSourceError(cause)) return cause;
  if (outer?.aborted) return new SourceError('TF_ERR_FETCH_ABORTED', `${url}: the fetch was cancelled`, { cause: e });
  const code = (e as { code?: string }).code ?? '';
  if (
    timeout.aborted ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new SourceError('TF_ERR_FETCH_TIMEOUT', `${url}: no complete answer within ${timeoutMs} ms`, {
      retryable: true,
      cause: e,
    });
  }
  const msg = e instanceof Error ? e.message : String(e);
  if (/private, loopback or link-local/.test(msg))
    return new SourceError('TF_ERR_FETCH_PRIVATE_ADDRESS', msg, { cause: e });
  return new SourceError('TF_ERR_FETCH_NETWORK', `${url}: network error (${code || msg})`, {
    retryable: true,
    cause: e,
  });
}
