/**
 * `webhook`: systems that push. Pure verification of a request (a token per source, compared as SHA-256 digests in
 * constant time; optionally an HMAC-SHA256 signature over `timestamp.body` within a time tolerance) and parsing of
 * the pushed JSON into items. The HTTP route (`POST /api/ingest/:source`) lives in the API and calls these.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { sha256Hex } from '../canonical-url.ts';
import { commonConfigShape, evidence, type Connector, type RawItem } from '../connector.ts';
import { SourceError } from '../errors.ts';
import { getPath } from '../json-path.ts';
import { mapJsonItem, type JsonApiConfig } from '../json-api/json-api.connector.ts';

const path = z.string().max(200);

export const webhookConfigSchema = z
  .object({
    ...commonConfigShape,
    token_sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 (hex) of the token')
      .describe('令牌的 SHA-256（令牌本身只显示一次）'),
    hmac_secret: z.string().min(16).max(200).optional().describe('HMAC-SHA256 签名密钥（可选）'),
    signature_header: z.string().default('x-tingfeng-signature'),
    timestamp_header: z.string().default('x-tingfeng-timestamp'),
    tolerance_seconds: z.number().int().min(10).max(3600).default(300),
    items_path: path.default('').describe('条目数组所在路径；为空则接受单个对象、数组或 {items:[…]}'),
    max_items: z.number().int().min(1).max(5000).default(1000),
    fields: z
      .object({
        id: path.optional(),
        url: path.optional(),
        url_template: z.string().max(2000).optional(),
        title: path.optional(),
        text: path.optional(),
        published_at: path.optional(),
        author: path.optional(),
        likes: path.optional(),
        replies: path.optional(),
        reposts: path.optional(),
        views: path.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | string;
}

export type WebhookVerdict =
  { ok: true } | { ok: false; code: 'TF_ERR_WEBHOOK_AUTH' | 'TF_ERR_WEBHOOK_SIGNATURE'; message: string };

/** The value to store as `token_sha256` for a token handed to the pushing system. */
export function webhookTokenHash(token: string): string {
  return sha256Hex(token);
}

function header(req: WebhookRequest, name: string): string | undefined {
  const key = Object.keys(req.headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key ? req.headers[key] : undefined;
  return Array.isArray(v) ? v[0] : v;
}

function safeEqualHex(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ba.length === bb.length && ba.length > 0 && timingSafeEqual(ba, bb);
}

/** Checks the token and, when configured, the signature and its timestamp. */
export function verifyWebhook(
  req: WebhookRequest,
  config: Pick<
    WebhookConfig,
    'token_sha256' | 'hmac_secret' | 'signature_header' | 'timestamp_header' | 'tolerance_seconds'
  >,
  now: Date,
): WebhookVerdict {
  const bearer = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  const token = bearer ?? header(req, 'x-tingfeng-token');
  if (!token || !safeEqualHex(sha256Hex(token.trim()), config.token_sha256)) {
    return {
      ok: false,
      code: 'TF_ERR_WEBHOOK_AUTH',
      message: 'missing or wrong token: send it as "Authorization: Bearer TOKEN"',
    };
  }
  if (!config.hmac_secret) return { ok: true };
  const ts = header(req, config.timestamp_header)?.trim();
  const sig = header(req, config.signature_header)
    ?.trim()
    .replace(/^sha256=/i, '');
  if (!ts || !/^\d{9,13}$/.test(ts) || !sig) {
    return {
      ok: false,
      code: 'TF_ERR_WEBHOOK_SIGNATURE',
      message: `missing ${config.timestamp_header} (unix seconds) or ${config.signature_header} (sha256=HEX of HMAC over "timestamp.body")`,
    };
  }
  const tsMs = ts.length >= 13 ? Number(ts) : Number(ts) * 1000;
  if (Math.abs(now.getTime() - tsMs) > config.tolerance_seconds * 1000) {
    return {
      ok: false,
      code: 'TF_ERR_WEBHOOK_SIGNATURE',
      message: `timestamp outside the ${config.tolerance_seconds}-second tolerance: check the sender's clock`,
    };
  }
  const expected = createHmac('sha256', config.hmac_secret).update(`${ts}.`).update(req.rawBody).digest('hex');
  if (!/^[0-9a-f]+$/i.test(sig) || !safeEqualHex(sig.toLowerCase(), expected)) {
    return { ok: false, code: 'TF_ERR_WEBHOOK_SIGNATURE', message: 'signature does not match the body' };
  }
  return { ok: true };
}

const DEFAULT_FIELDS: JsonApiConfig['fields'] = {
  id: 'id',
  url: 'url',
  title: 'title',
  text: 'text',
  published_at: 'published_at',
  author: 'author',
  likes: 'engagement.likes',
  replies: 'engagement.replies',
  reposts: 'engagement.reposts',
  views: 'engagement.views',
};

/** Parses a pushed body: one object, an array, `{items:[…]}` or the array at `items_path`. Throws TF_ERR_WEBHOOK_PAYLOAD. */
export function parseWebhookPayload(
  rawBody: Buffer | string,
  config: Pick<WebhookConfig, 'items_path' | 'max_items' | 'fields'>,
  ctx: { now: Date; timeZone: string },
): RawItem[] {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch {
    throw new SourceError('TF_ERR_WEBHOOK_PAYLOAD', 'the body is not JSON: send application/json');
  }
  const at = config.items_path ? getPath(doc, config.items_path) : doc;
  const list = Array.isArray(at)
    ? at
    : at && typeof at === 'object' && Array.isArray((at as { items?: unknown }).items)
      ? (at as { items: unknown[] }).items
      : at && typeof at === 'object'
        ? [at]
        : null;
  if (!list)
    throw new SourceError(
      'TF_ERR_WEBHOOK_PAYLOAD',
      `no item object or array${config.items_path ? ` at "${config.items_path}"` : ''}`,
    );
  if (list.length > config.max_items)
    throw new SourceError(
      'TF_ERR_WEBHOOK_PAYLOAD',
      `${list.length} items in one push; send at most ${config.max_items}`,
    );
  const fields = { ...DEFAULT_FIELDS, ...config.fields, text: config.fields?.text ?? 'text' };
  return list.map((obj, i) => {
    const item = mapJsonItem(obj, { fields, url: '' }, ctx, ctx.now);
    if (!item.text && !item.title)
      throw new SourceError('TF_ERR_WEBHOOK_PAYLOAD', `item ${i + 1} has no text (field "${fields.text}")`);
    return { ...item, raw: evidence(JSON.stringify(obj), ctx.now, 'application/json') };
  });
}

export const webhookConnector: Connector<WebhookConfig, null> = {
  kind: 'webhook',
  title: '推送接口',
  description: '外部系统推送：POST /api/ingest/:source，按源令牌鉴权，可选 HMAC 签名',
  configSchema: webhookConfigSchema,
  async poll() {
    return { items: [], nextCursor: null };
  },
};
