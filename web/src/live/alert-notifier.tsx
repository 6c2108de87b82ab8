// Pops up a notice when the server pushes an alert over the live stream (SSE `alert`), linking to the alerts page.
import { useEffect } from 'react';
import { App as AntdApp } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/locale-context.tsx';
import { levelKey } from '../components/level-tag.tsx';
import { subscribeLive } from './live-stream.ts';

function readAlert(data: unknown): { title: string; level: number | null } | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (typeof d.title !== 'string') return null;
  return { title: d.title, level: typeof d.level === 'number' ? d.level : null };
}

export function AlertNotifier() {
  const { notification } = AntdApp.useApp();
  const { permissions } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const enabled = permissions.has('alerts:read');
  useEffect(() => {
    if (!enabled) return;
    return subscribeLive((m) => {
      if (m.type !== 'alert') return;
      const a = readAlert(m.data);
      if (!a) return;
      notification.warning({
        message: a.level ? `${t('nav.alerts')} · ${t(levelKey(a.level))}` : t('nav.alerts'),
        description: a.title,
        duration: 0,
        onClick: () => void navigate('/alerts'),
      });
    });
  }, [enabled, notification, t, navigate]);
  return null;
}
