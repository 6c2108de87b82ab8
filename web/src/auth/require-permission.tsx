// Route guard for one section: without the permission, a 403 page instead of requests that would fail.
import type { ReactNode } from 'react';
import { Result } from 'antd';
import { Navigate } from 'react-router-dom';
import { useAuth } from './auth-context.tsx';
import { useI18n } from '../i18n/locale-context.tsx';
import type { Permission } from '../api/types.ts';
import { visibleNavItems } from '../layout/nav-items.tsx';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { permissions } = useAuth();
  const { t } = useI18n();
  if (permissions.has(permission)) return <>{children}</>;
  return <Result status="403" title="403" subTitle={t('state.forbidden')} />;
}

/** `/`: the overview for those who may read statistics, otherwise the first section the user may open. */
export function HomeRoute({ children }: { children: ReactNode }) {
  const { permissions } = useAuth();
  if (permissions.has('stats:read')) return <>{children}</>;
  const first = visibleNavItems(permissions).find((item) => item.path !== '/');
  return first ? (
    <Navigate to={first.path} replace />
  ) : (
    <RequirePermission permission="stats:read">{children}</RequirePermission>
  );
}
