/** Application errors with stable codes. User errors say what to fix; 5xx hide internals. */
export type ErrorCode =
  | 'TF_ERR_VALIDATION'
  | 'TF_ERR_AUTH'
  | 'TF_ERR_LOCKED'
  | 'TF_ERR_FORBIDDEN'
  | 'TF_ERR_CSRF'
  | 'TF_ERR_NOT_FOUND'
  | 'TF_ERR_CONFLICT'
  | 'TF_ERR_INVALID_TRANSITION'
  | 'TF_ERR_RATE_LIMIT'
  | 'TF_ERR_TOO_LARGE'
  | 'TF_ERR_PLAN_SYNTAX'
  | 'TF_ERR_INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  TF_ERR_VALIDATION: 400,
  TF_ERR_PLAN_SYNTAX: 400,
  TF_ERR_AUTH: 401,
  TF_ERR_FORBIDDEN: 403,
  TF_ERR_CSRF: 403,
  TF_ERR_NOT_FOUND: 404,
  TF_ERR_CONFLICT: 409,
  TF_ERR_INVALID_TRANSITION: 409,
  TF_ERR_TOO_LARGE: 413,
  TF_ERR_LOCKED: 429,
  TF_ERR_RATE_LIMIT: 429,
  TF_ERR_INTERNAL: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('TF_ERR_NOT_FOUND', `${what} not found`);
export const forbidden = (why = 'you do not have permission for this') => new AppError('TF_ERR_FORBIDDEN', why);
