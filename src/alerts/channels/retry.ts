/**
 * Bounded retries with exponential backoff and jitter, shared by all channels. Only failures marked retryable
 * (network errors, timeouts, HTTP 429/5xx, vendor rate limits, SMTP 4xx) are tried again; the last failure is
 * returned with the number of attempts.
 */
import { DEFAULT_RETRY, type ChannelKind, type DeliveryResult, type RetryPolicy, type SendOptions } from './channel.ts';

export type AttemptOutcome = Omit<DeliveryResult, 'channel' | 'attempts'> & { retryAfterMs?: number };

export function retryPolicy(options: SendOptions | undefined): RetryPolicy {
  const p = { ...DEFAULT_RETRY, ...options?.retry };
  return {
    maxAttempts: Math.min(6, Math.max(1, Math.floor(p.maxAttempts))),
    baseDelayMs: Math.max(0, p.baseDelayMs),
    maxDelayMs: Math.min(5 * 60_000, Math.max(0, p.maxDelayMs)),
  };
}

/** Delay before attempt `attempt + 1` (attempt ≥ 1): base·2^(attempt−1), ±25 % jitter, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  const jittered = exp * (0.75 + random() * 0.5);
  return Math.round(Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0)));
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function withRetries(
  channel: ChannelKind,
  options: SendOptions | undefined,
  attempt: (n: number) => Promise<AttemptOutcome>,
): Promise<DeliveryResult> {
  const policy = retryPolicy(options);
  const sleep = options?.sleep ?? defaultSleep;
  let last: AttemptOutcome | undefined;
  for (let n = 1; n <= policy.maxAttempts; n++) {
    try {
      last = await attempt(n);
    } catch (err) {
      last = {
        ok: false,
        error: { code: 'TF_ERR_CHANNEL_NETWORK', message: err instanceof Error ? err.message : String(err), retryable: true },
      };
    }
    const { retryAfterMs, ...outcome } = last;
    if (outcome.ok || !outcome.error?.retryable || n === policy.maxAttempts) {
      return { ...outcome, channel, attempts: n };
    }
    await sleep(backoffDelay(policy, n, retryAfterMs));
  }
  // unreachable: the loop always returns on its last attempt
  throw new Error('retry loop ended without a result');
}
