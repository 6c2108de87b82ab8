// The one error type every API call rejects with: HTTP status plus the server's stable TF_ERR_* code and message.

/** Codes the client makes up itself when the server could not answer in the agreed JSON shape. */
export const CLIENT_ERROR_CODES = {
  network: 'TF_ERR_NETWORK',
  badResponse: 'TF_ERR_BAD_RESPONSE',
  aborted: 'TF_ERR_ABORTED',
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** "TF_ERR_X: message" — what a person sees (and can quote to the admin). */
  describe(): string {
    return `${this.code}: ${this.message}`;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads `{ error: { code, message, details? } }` from a parsed body. Returns null when the body does not have that
 * shape, so the caller can fall back to a generic TF_ERR_BAD_RESPONSE naming the HTTP status.
 */
export function parseErrorBody(status: number, body: unknown): ApiError | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, details } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  return new ApiError(status, code, message, details);
}
