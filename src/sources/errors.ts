/**
 * Errors raised by the collection layer. Each carries a stable `TF_ERR_*` code and a message that says what to fix.
 */
export type SourceErrorCode =
  | 'TF_ERR_FETCH_TOO_LARGE'
  | 'TF_ERR_FETCH_TIMEOUT'
  | 'TF_ERR_FETCH_NETWORK'
  | 'TF_ERR_FETCH_HTTP'
  | 'TF_ERR_FETCH_REDIRECT_LOOP'
  | 'TF_ERR_FETCH_TOO_MANY_REDIRECTS'
  | 'TF_ERR_FETCH_ROBOTS_DISALLOWED'
  | 'TF_ERR_FETCH_PRIVATE_ADDRESS'
  | 'TF_ERR_FETCH_BAD_URL'
  | 'TF_ERR_FETCH_ABORTED'
  | 'TF_ERR_FETCH_DECODE'
  | 'TF_ERR_SOURCE_CONFIG'
  | 'TF_ERR_SOURCE_PARSE'
  | 'TF_ERR_SOURCE_FILE'
  | 'TF_ERR_WEBHOOK_AUTH'
  | 'TF_ERR_WEBHOOK_SIGNATURE'
  | 'TF_ERR_WEBHOOK_PAYLOAD'
  | 'TF_ERR_MANUAL_ITEM';

export class SourceError extends Error {
  readonly code: SourceErrorCode;
  /** HTTP status when the error comes from a response. */
  readonly status: number | undefined;
  /** True when trying again later may succeed (5xx, 429, network, timeout). */
  readonly retryable: boolean;

  constructor(
    code: SourceErrorCode,
    message: string,
    opts: { status?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SourceError';
    this.code = code;
    this.status = opts.status;
    this.retryable = opts.retryable ?? false;
  }
}

export function isSourceError(e: unknown): e is SourceError {
  return e instanceof SourceError;
}
