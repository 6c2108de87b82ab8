/**
 * The collection layer's public face: the connector registry, `describeConnectors()` for settings forms, and
 * `pollOnce()` which validates a source's settings and polls it once.
 */
import { z } from 'zod';
import { silentLogger, type Connector, type PollResult, type SourceLogger } from './connector.ts';
import { SourceError } from './errors.ts';
import type { Fetcher } from './fetch/fetcher.ts';
import { jsonApiConnector } from './json-api/json-api.connector.ts';
import { manualConnector } from './manual/manual.connector.ts';
import { rssConnector } from './rss/rss.connector.ts';
import { spreadsheetConnector } from './spreadsheet/spreadsheet.connector.ts';
import { webPageConnector } from './web-page/web-page.connector.ts';
import { webhookConnector } from './webhook/webhook.connector.ts';

export const connectors = {
  rss: rssConnector,
  'web-page': webPageConnector,
  'json-api': jsonApiConnector,
  spreadsheet: spreadsheetConnector,
  webhook: webhookConnector,
  manual: manualConnector,
} as const;

export type ConnectorKind = keyof typeof connectors;

export const connectorKinds = Object.keys(connectors) as ConnectorKind[];

/** A connector with its config and cursor types erased, for code that dispatches on the kind at run time. */
export function connectorOf(kind: ConnectorKind): Connector {
  return connectors[kind];
}

export function isConnectorKind(kind: string): kind is ConnectorKind {
  return Object.prototype.hasOwnProperty.call(connectors, kind);
}

export interface ConnectorDescription {
  kind: ConnectorKind;
  title: string;
  description: string;
  /** JSON Schema (draft 2020-12) of the settings, as input (defaults optional). */
  schema: Record<string, unknown>;
}

/** Each connector's settings as JSON Schema, for the dashboard's settings forms. */
export function describeConnectors(): ConnectorDescription[] {
  return connectorKinds.map((kind) => {
    const c = connectorOf(kind);
    return {
      kind,
      title: c.title,
      description: c.description,
      schema: z.toJSONSchema(c.configSchema, { io: 'input', unrepresentable: 'any' }),
    };
  });
}

/** Validates raw settings for a kind; throws TF_ERR_SOURCE_CONFIG naming each bad field. */
export function parseSourceConfig(kind: string, raw: unknown): { kind: ConnectorKind; config: unknown } {
  if (!isConnectorKind(kind))
    throw new SourceError(
      'TF_ERR_SOURCE_CONFIG',
      `unknown source kind "${kind}"; use one of: ${connectorKinds.join(', ')}`,
    );
  const r = connectorOf(kind).configSchema.safeParse(raw);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ');
    throw new SourceError('TF_ERR_SOURCE_CONFIG', `the ${kind} source settings are not valid: ${msg}`);
  }
  return { kind, config: r.data };
}

/**
 * Removes settings the kind does not know (for tolerant readers such as `tingfeng source test`, where a settings
 * file may carry scheduling fields); returns the cleaned settings and the dotted names removed.
 */
export function withoutUnknownSettings(
  kind: string,
  raw: Record<string, unknown>,
): { config: Record<string, unknown>; removed: string[] } {
  if (!isConnectorKind(kind)) return { config: raw, removed: [] };
  const config = structuredClone(raw);
  const removed: string[] = [];
  const r = connectorOf(kind).configSchema.safeParse(config);
  if (r.success) return { config, removed };
  for (const issue of r.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    let target: unknown = config;
    for (const seg of issue.path)
      target = target && typeof target === 'object' ? (target as Record<PropertyKey, unknown>)[seg] : undefined;
    if (!target || typeof target !== 'object') continue;
    for (const key of issue.keys) {
      delete (target as Record<string, unknown>)[key];
      removed.push([...issue.path.map(String), key].join('.'));
    }
  }
  return { config, removed };
}

export interface PollOnceOptions {
  fetcher: Fetcher;
  now: Date;
  logger?: SourceLogger;
  signal?: AbortSignal;
  cursor?: unknown;
}

/** Validates the settings and polls the source once. */
export async function pollOnce(kind: string, rawConfig: unknown, opts: PollOnceOptions): Promise<PollResult<unknown>> {
  const { config } = parseSourceConfig(kind, rawConfig);
  const connector = connectorOf(kind as ConnectorKind);
  const timeZone = (config as { timezone?: string }).timezone ?? 'Asia/Shanghai';
  return connector.poll(
    {
      config,
      fetcher: opts.fetcher,
      now: opts.now,
      timeZone,
      logger: opts.logger ?? silentLogger,
      signal: opts.signal ?? new AbortController().signal,
    },
    opts.cursor ?? null,
  );
}

export type {
  Connector,
  PollContext,
  PollResult,
  RawItem,
  RawEvidence,
  Engagement,
  SourceLogger,
  JsonValue,
} from './connector.ts';
export {
  PoliteFetcher,
  type Fetcher,
  type FetchOptions,
  type FetchResult,
  type FetcherOptions,
} from './fetch/fetcher.ts';
export { SourceError, isSourceError, type SourceErrorCode } from './errors.ts';
export { parseDate } from './dates.ts';
export { canonicalUrl, contentHash, postKey } from './canonical-url.ts';
export { formatInZone, DEFAULT_TIME_ZONE } from '../time/zone.ts';
export { decodeBody, detectCharset } from './fetch/charset.ts';
export { htmlToText } from './html/html-text.ts';
export {
  nextDueAt,
  isDue,
  dueSources,
  isHeightened,
  scheduleSpecSchema,
  type ScheduleSpec,
  type HeightenedMode,
  type SourceRunState,
  type ScheduledSource,
} from './schedule.ts';
export {
  initialHealth,
  recordSuccess,
  recordFailure,
  healthStatus,
  volumeChange,
  type SourceHealth,
  type VolumeFlag,
  type HealthStatus,
} from './health.ts';
export {
  verifyWebhook,
  parseWebhookPayload,
  webhookTokenHash,
  type WebhookConfig,
  type WebhookVerdict,
} from './webhook/webhook.connector.ts';
export { validateManualItem, manualItemSchema, type ManualItemInput } from './manual/manual.connector.ts';
export {
  preview as previewSpreadsheet,
  importSheet,
  type SheetPreview,
  type ImportResult,
} from './spreadsheet/spreadsheet.connector.ts';
export { columnMappingSchema, type ColumnMapping } from './spreadsheet/mapping.ts';
