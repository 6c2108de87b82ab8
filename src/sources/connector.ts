/**
 * The connector contract. A connector knows one kind of source (RSS, a web list page, a JSON API …): its settings
 * schema and how to poll it once. The engine owns scheduling, cursors, rate limits, retries and health; the
 * dashboard draws each connector's settings form from `configSchema` (see `describeConnectors`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { FetchOptions, Fetcher } from './fetch/fetcher.ts';
import { isValidTimeZone } from '../time/zone.ts';

export interface Engagement {
  likes?: number;
  replies?: number;
  reposts?: number;
  views?: number;
}

/** The evidence: what was fetched for an item (the feed entry or the page HTML), as fetched. */
export interface RawEvidence {
  body: string | Buffer;
  contentType?: string;
  /** ISO 8601 time of the fetch. */
  fetchedAt: string;
  /** SHA-256 (hex) of `body` (UTF-8 for a string). */
  sha256: string;
}

/** One collected item, before normalisation and analysis. */
export interface RawItem {
  /** Canonical identity: the item's link, or a `urn:tingfeng:…` identity for items without one. */
  url: string;
  title: string;
  /** Plain text, one paragraph per line. */
  text: string;
  html?: string;
  /** ISO 8601 with offset, e.g. `2019-04-25T09:32:09+08:00`. */
  published_at: string;
  author?: string;
  engagement?: Engagement;
  raw?: RawEvidence;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** Pino-compatible logger subset. */
export interface SourceLogger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export const silentLogger: SourceLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface PollContext<Config> {
  config: Config;
  fetcher: Fetcher;
  now: Date;
  /** The source's IANA time zone for dates written without one (default Asia/Shanghai). */
  timeZone: string;
  logger: SourceLogger;
  signal: AbortSignal;
}

export interface PollResult<Cursor> {
  items: RawItem[];
  /** Stored by the engine with the items (same transaction) and handed back on the next poll. */
  nextCursor: Cursor | null;
}

export interface Connector<Config = unknown, Cursor = unknown> {
  kind: string;
  /** Short label for the settings form (zh-CN). */
  title: string;
  description: string;
  configSchema: z.ZodType<Config>;
  /** Pull-based connectors fetch here; push-based ones (webhook, manual) return no items. */
  poll(ctx: PollContext<Config>, cursor: Cursor | null): Promise<PollResult<Cursor>>;
}

/** Settings every fetching connector shares. `internal` and `ignore_robots` may only be set by an admin. */
export const commonConfigShape = {
  kind: z.string().optional().describe('connector kind'),
  name: z.string().min(1).max(200).optional().describe('显示名称 display name'),
  description: z.string().max(2000).optional(),
  internal: z.boolean().default(false).describe('内网源：允许访问内网/本机地址（仅管理员可设置）'),
  ignore_robots: z.boolean().default(false).describe('忽略 robots.txt（仅管理员可设置，留痕）'),
  timezone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai')
    .describe('时区：无时区的日期按此解释'),
  max_bytes: z
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .optional()
    .describe('单个响应的最大字节数'),
  rate_per_second: z.number().positive().max(50).optional().describe('对该主机每秒最多请求数'),
  concurrency: z.number().int().min(1).max(16).optional().describe('对该主机最多并发请求数'),
  timeout_ms: z.number().int().min(1000).max(120_000).optional(),
};

export interface CommonConfig {
  internal: boolean;
  ignore_robots: boolean;
  timezone: string;
  max_bytes?: number | undefined;
  rate_per_second?: number | undefined;
  concurrency?: number | undefined;
  timeout_ms?: number | undefined;
}

/** Fetch options implied by a source's settings. Internal sources (the office's own network) default to 10 requests/s. */
export function fetchPolicy(config: CommonConfig, signal?: AbortSignal): FetchOptions {
  const o: FetchOptions = { internal: config.internal, ignoreRobots: config.ignore_robots };
  if (signal) o.signal = signal;
  if (config.max_bytes) o.maxBytes = config.max_bytes;
  if (config.timeout_ms) o.timeoutMs = config.timeout_ms;
  if (config.internal && !config.rate_per_second) o.hostLimits = { ratePerSecond: 10, burst: 10 };
  if (config.rate_per_second || config.concurrency) {
    o.hostLimits ??= {};
    if (config.rate_per_second) o.hostLimits.ratePerSecond = config.rate_per_second;
    if (config.rate_per_second) o.hostLimits.burst = Math.max(1, Math.ceil(config.rate_per_second));
    if (config.concurrency) o.hostLimits.concurrency = config.concurrency;
  }
  return o;
}

/** Evidence record for fetched bytes or text. */
export function evidence(body: string | Buffer, fetchedAt: Date, contentType?: string): RawEvidence {
  const ev: RawEvidence = {
    body,
    fetchedAt: fetchedAt.toISOString(),
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  if (contentType) ev.contentType = contentType;
  return ev;
}

/** Keeps the last `max` entries of a seen-list, newest last, without duplicates. */
export function boundedSeen(previous: readonly string[], added: readonly string[], max: number): string[] {
  const set = new Set(previous);
  for (const a of added) {
    set.delete(a);
    set.add(a);
  }
  const all = [...set];
  return all.slice(Math.max(0, all.length - max));
}
