/** Retry timing: exponential backoff with jitter, and the Retry-After header. Pure (random and now passed in). */

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before retry number `attempt` (0-based): base·2^attempt capped at max, scaled by a jitter in [0.5, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(exp * (0.5 + Math.min(Math.max(random, 0), 1) / 2));
}

/** Milliseconds to wait according to a Retry-After value (delta seconds or an HTTP date), or null if unreadable. */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** True for statuses worth retrying: 408, 425, 429 and 5xx except 501. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status !== 501);
}
