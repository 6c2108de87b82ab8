/**
 * The notification channel contract. Every channel formats an `AlertMessage` in its vendor's real request
 * format, signs it where the vendor signs, sends it with bounded retries and returns a `DeliveryResult` — a
 * failure is always returned (with a stable code and the vendor's answer), never swallowed.
 */
import type { z } from 'zod';

export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'email', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface AlertMessage {
  alertId: string;
  /** 1 = Ⅰ red … 4 = Ⅳ blue. */
  level: 1 | 2 | 3 | 4;
  /** Untrusted text may appear here (post titles): every channel escapes or neutralises it. */
  title: string;
  text: string;
  /** Link to the alert in the desk. */
  url?: string;
  /** When the alert was raised (UTC ISO). */
  at: string;
  fields?: ReadonlyArray<{ label: string; value: string }>;
  /** For showing `at` (default Asia/Shanghai). */
  timeZone?: string;
  /** Shown as the sender, e.g. "某县委网信办听风舆情工作台". */
  officeName?: string;
}

export type DeliveryErrorCode =
  | 'TF_ERR_CHANNEL_CONFIG'
  | 'TF_ERR_CHANNEL_NETWORK'
  | 'TF_ERR_CHANNEL_HTTP'
  | 'TF_ERR_CHANNEL_VENDOR'
  | 'TF_ERR_CHANNEL_SMTP';

export interface DeliveryError {
  code: DeliveryErrorCode;
  message: string;
  retryable: boolean;
}

export interface DeliveryResult {
  ok: boolean;
  channel: ChannelKind;
  attempts: number;
  httpStatus?: number;
  /** The vendor's own result code (errcode / code / SMTP reply code). */
  vendorCode?: number | string;
  /** The vendor's answer, truncated (for the delivery log). */
  response?: string;
  error?: DeliveryError;
  /** SMTP message id or similar. */
  providerId?: string;
  deliveredAt?: string;
}

export interface RetryPolicy {
  /** Total attempts including the first, 1–6. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

export interface SendOptions {
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout, default 10 s. */
  timeoutMs?: number;
  /** Clock for signing timestamps (default: the system clock). */
  now?: () => Date;
  /** Waits between attempts (default: setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

export interface Channel<C> {
  kind: ChannelKind;
  /** Validates the channel's settings (the dashboard draws its form from this). */
  configSchema: z.ZodType<C>;
  /** Settings that must be stored encrypted (secret-box) and never shown back. */
  secretFields: readonly (keyof C & string)[];
  send(message: AlertMessage, config: C, options?: SendOptions): Promise<DeliveryResult>;
}
