// Sentiment label tag (负面 red, 中性 grey, 正面 green); marks an officer's correction.
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/locale-context.tsx';
import type { Sentiment } from '../api/types.ts';

const TAG: Record<Sentiment, string> = { negative: 'red', neutral: 'default', positive: 'green' };

export function SentimentTag({ label, corrected }: { label: Sentiment | null | undefined; corrected?: boolean }) {
  const { t } = useI18n();
  if (!label) return <Tag>{t('sentiment.unknown')}</Tag>;
  const tag = (
    <Tag color={TAG[label]} data-testid="sentiment-tag">
      {t(`sentiment.${label}`)}
      {corrected ? ' ✓' : ''}
    </Tag>
  );
  return corrected ? <Tooltip title={t('sentiment.corrected')}>{tag}</Tooltip> : tag;
}
