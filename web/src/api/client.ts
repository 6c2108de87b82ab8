// fetch wrapper for /api: sends cookies, adds the CSRF header on writes, parses JSON, and turns every failure into
// an ApiError. A 401 (outside the login/me calls) notifies the registered handler, which sends the user to login.
import { ApiError, CLIENT_ERROR_CODES, parseErrorBody } from './api-error.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** false for calls where 401 is an expected answer (login, me): the global handler is not told. */
  notifyUnauthorized?: boolean;
}

export const CSRF_COOKIE = 'tf_csrf';
export const CSRF_HEADER = 'x-csrf-token';

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** Registers what to do when any API call answers 401 (the auth provider clears the user → login page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

/** Reads one cookie from a `document.cookie` string. */
export function readCookie(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

/** Builds `/api/path?a=1&b=x`, leaving out null, undefined and empty-string values. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    params.append(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function headersFor(method: HttpMethod, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = typeof document === 'undefined' ? null : readCookie(document.cookie, CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
  }
  return headers;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json'))
    throw new ApiError(
      res.status,
      CLIENT_ERROR_CODES.badResponse,
      `HTTP ${res.status}: expected JSON, got ${type || 'no content type'}`,
    );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(
      res.status,
      CLIENT_ERROR_CODES.badResponse,
      `HTTP ${res.status}: the JSON body could not be parsed`,
    );
  }
}

/**
 * Calls the API and resolves with the parsed JSON body (typed by the caller; the server validates with the shared
 * contracts). Rejects with ApiError: the server's code on 4xx/5xx, TF_ERR_NETWORK when unreachable.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const hasBody = options.body !== undefined;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, hasBody),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError')
      throw new ApiError(0, CLIENT_ERROR_CODES.aborted, 'request cancelled');
    throw new ApiError(0, CLIENT_ERROR_CODES.network, `${method} ${path}: the server could not be reached`);
  }
  if (res.status === 401 && options.notifyUnauthorized !== false) onUnauthorized?.();
  if (res.ok) return (await readBody(res)) as T;
  let body: unknown;
  try {
    body = await readBody(res);
  } catch {
    body = undefined;
  }
  throw (
    parseErrorBody(res.status, body) ??
    new ApiError(res.status, CLIENT_ERROR_CODES.badResponse, `${method} ${path}: HTTP ${res.status}`)
  );
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
