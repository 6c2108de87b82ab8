// Loads one GET resource for a page: { data, error, loading, reload }. Cancels the request on unmount. An empty
// path means "nothing to load" (e.g. the role may not read it): no request, not loading.
import { useCallback, useEffect, useState } from 'react';
import { apiRequest, type QueryValue } from './client.ts';
import { ApiError, CLIENT_ERROR_CODES } from './api-error.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(path: string, query?: Record<string, QueryValue>): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === '') {
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    const q = JSON.parse(queryKey) as Record<string, QueryValue>;
    apiRequest<T>(path, { query: q, signal: ctrl.signal }).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.code === CLIENT_ERROR_CODES.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, CLIENT_ERROR_CODES.badResponse, String(e)));
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [path, queryKey, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
