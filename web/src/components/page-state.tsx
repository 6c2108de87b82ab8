// Loading, error and empty states for a page or panel. The error says what failed and shows the TF_ERR_* code.
import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { ApiError, CLIENT_ERROR_CODES } from '../api/api-error.ts';
import { useI18n } from '../i18n/locale-context.tsx';

export interface PageStateProps {
  loading?: boolean;
  error?: unknown;
  /** What was being done, e.g. t('overview.load'): the title reads "<what> failed". */
  what: string;
  empty?: boolean;
  emptyText?: ReactNode;
  onRetry?: () => void;
  children?: ReactNode;
}

function ErrorState({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const { t } = useI18n();
  const api = error instanceof ApiError ? error : null;
  const message = api?.code === CLIENT_ERROR_CODES.network ? t('error.network') : api ? api.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="page-error"
      title={t('state.errorTitle', { what })}
      description={
        <div>
          <div data-testid="error-message">{message}</div>
          {api && (
            <div>
              {t('state.errorCode')}: <code data-testid="error-code">{api.code}</code>
              {api.status > 0 ? ` (HTTP ${api.status})` : ''}
            </div>
          )}
        </div>
      }
      action={onRetry && <Button onClick={onRetry}>{t('state.retry')}</Button>}
    />
  );
}

export function PageState({ loading, error, what, empty, emptyText, onRetry, children }: PageStateProps) {
  const { t } = useI18n();
  if (error !== undefined && error !== null) return <ErrorState error={error} what={what} onRetry={onRetry} />;
  if (loading)
    return (
      <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
        <div style={{ marginTop: 12 }}>{t('state.loading')}</div>
      </div>
    );
  if (empty) return <Empty description={emptyText ?? t('state.empty')} />;
  return <>{children}</>;
}
