/**
 * One JSON POST for the robot and webhook channels (undici), turned into an `AttemptOutcome`: HTTP and network
 * failures are classified here, the vendor's JSON answer by `vendorOutcome`.
 */
import { request } from 'undici';
import { z } from 'zod';
import type { DeliveryError } from './channel.ts';
import type { AttemptOutcome } from './retry.ts';

const MAX_RESPONSE_CHARS = 2000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface HttpAnswer {
  status: number;
  text: string;
  retryAfterMs?: number;
}

export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<HttpAnswer> {
  const res = await request(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    maxRedirections: 0,
  } as Parameters<typeof request>[1]);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buf.length;
    if (size > MAX_RESPONSE_BYTES) {
      res.body.destroy();
      break;
    }
    chunks.push(buf);
  }
  const retryAfter = Number(res.headers['retry-after']);
  return {
    status: res.statusCode,
    text: Buffer.concat(chunks).toString('utf8'),
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
  };
}

export const truncate = (s: string, n = MAX_RESPONSE_CHARS): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** A non-2xx answer: 408/429/5xx may be retried, other 4xx are configuration problems. */
export function httpFailure(answer: HttpAnswer): AttemptOutcome | null {
  if (answer.status >= 200 && answer.status < 300) return null;
  const retryable = answer.status === 408 || answer.status === 429 || answer.status >= 500;
  return {
    ok: false,
    httpStatus: answer.status,
    response: truncate(answer.text),
    retryAfterMs: answer.retryAfterMs,
    error: { code: 'TF_ERR_CHANNEL_HTTP', message: `HTTP ${answer.status} from the channel endpoint`, retryable },
  };
}

/**
 * Judges a vendor's JSON answer: `codeKey` (errcode / code / StatusCode) must be 0. `retryableCodes` are the
 * vendor's rate-limit or busy codes.
 */
export function vendorOutcome(
  answer: HttpAnswer,
  codeKeys: readonly string[],
  messageKeys: readonly string[],
  retryableCodes: ReadonlySet<number>,
  now: Date,
): AttemptOutcome {
  const failure = httpFailure(answer);
  if (failure) return failure;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    return invalid(answer, 'the vendor answered with something that is not JSON');
  }
  const obj = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  const key = codeKeys.find((k) => typeof obj[k] === 'number');
  if (!key) return invalid(answer, `the vendor's answer has no ${codeKeys.join('/')} field`);
  const code = obj[key] as number;
  if (code === 0) {
    return { ok: true, httpStatus: answer.status, vendorCode: 0, response: truncate(answer.text), deliveredAt: now.toISOString() };
  }
  const msgKey = messageKeys.find((k) => typeof obj[k] === 'string');
  const vendorMessage = msgKey ? String(obj[msgKey]) : 'no message';
  const error: DeliveryError = {
    code: 'TF_ERR_CHANNEL_VENDOR',
    message: `the vendor refused the message: ${key} ${code} (${truncate(vendorMessage, 300)})`,
    retryable: retryableCodes.has(code),
  };
  return { ok: false, httpStatus: answer.status, vendorCode: code, response: truncate(answer.text), error };
}

function invalid(answer: HttpAnswer, message: string): AttemptOutcome {
  return {
    ok: false,
    httpStatus: answer.status,
    response: truncate(answer.text),
    error: { code: 'TF_ERR_CHANNEL_VENDOR', message, retryable: false },
  };
}

/** An http(s) URL setting (vendor robots use https; http is allowed for intranet relays and local tests). */
export const HttpUrlSchema = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');
