// A section whose real content comes in phase 2: its title, what it will show, and an empty state.
import { Card, Empty } from 'antd';
import { useParams } from 'react-router-dom';
import { PageFrame } from './page-frame.tsx';
import { useI18n } from '../i18n/locale-context.tsx';
import type { MessageKey } from '../i18n/i18n.ts';

export interface PlaceholderPageProps {
  title: MessageKey;
  description: MessageKey;
}

export function PlaceholderPage({ title, description }: PlaceholderPageProps) {
  const { t } = useI18n();
  const { id } = useParams();
  const heading = id === undefined ? t(title) : `${t(title)} · ${id}`;
  return (
    <PageFrame title={heading} description={t(description)}>
      <Card>
        <Empty description={t('page.comingSoon')} />
      </Card>
    </PageFrame>
  );
}
