// Checks a plan expression as the analyst types: POST /api/plans/check, debounced, latest answer wins.
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { PlanCheck } from '../../api/types.ts';

export interface PlanCheckState {
  checking: boolean;
  result: PlanCheck | null;
  error: ApiError | null;
}

export function usePlanCheck(expression: string, delayMs = 400): PlanCheckState {
  const [state, setState] = useState<PlanCheckState>({ checking: false, result: null, error: null });
  useEffect(() => {
    if (expression.trim() === '') {
      setState({ checking: false, result: null, error: null });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      api.post<PlanCheck>('/api/plans/check', { expression }).then(
        (result) => live && setState({ checking: false, result, error: null }),
        (e: unknown) =>
          live &&
          setState({
            checking: false,
            result: null,
            error: e instanceof ApiError ? e : new ApiError(0, 'TF_ERR_BAD_RESPONSE', String(e)),
          }),
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [expression, delayMs]);
  return state;
}
