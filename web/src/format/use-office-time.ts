// Date formatting in the office's time zone (from /api/auth/me), for components.
import { useCallback } from 'react';
import { useAuth } from '../auth/auth-context.tsx';
import { DEFAULT_TIMEZONE, formatDateTime, type DateFormatOptions } from './date.ts';

export type OfficeTimeFormatter = (
  value: string | number | Date | null | undefined,
  style?: DateFormatOptions['style'],
) => string;

export function useOfficeTime(): { timeZone: string; fmt: OfficeTimeFormatter } {
  const { office } = useAuth();
  const timeZone = office.timezone ?? DEFAULT_TIMEZONE;
  const fmt = useCallback<OfficeTimeFormatter>(
    (value, style) => (value === null || value === undefined ? '' : formatDateTime(value, { timeZone, style })),
    [timeZone],
  );
  return { timeZone, fmt };
}
