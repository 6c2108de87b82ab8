// Runs one write at a time for a form or button: busy flag, success message, and "<what> failed: TF_ERR_…" on error.
import { useCallback, useState } from 'react';
import { App as AntdApp } from 'antd';
import { ApiError } from './api-error.ts';
import { useI18n } from '../i18n/locale-context.tsx';

export function useAction(): {
  busy: boolean;
  run: (what: string, fn: () => Promise<string | void>) => Promise<boolean>;
} {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (what: string, fn: () => Promise<string | void>) => {
      setBusy(true);
      try {
        const ok = await fn();
        if (ok) void message.success(ok);
        return true;
      } catch (e) {
        void message.error(
          t('common.failed', {
            what,
            message: e instanceof ApiError ? e.describe() : e instanceof Error ? e.message : String(e),
          }),
        );
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message, t],
  );
  return { busy, run };
}

/** The list in a response that is either an array or `{ [key]: array }`. */
export function listOf<T>(data: unknown, key: string): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>)[key]))
    return (data as Record<string, T[]>)[key]!;
  return [];
}

/** Parses a JSON object typed into a text area; throws an Error with `invalid` as message otherwise. */
export function parseJsonObject(text: string, invalid: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new Error(invalid);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(invalid);
  return v as Record<string, unknown>;
}
