// Sets the browser tab title for pages that do not use <PageFrame>.
import { useEffect } from 'react';
import { useI18n } from '../i18n/locale-context.tsx';

export function PageFrameTitle({ title }: { title: string }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return null;
}
