// 纠正标注: POST /api/posts/:id/label with the officer's sentiment and relevance (used when retraining the model).
import { useState } from 'react';
import { App as AntdApp, Button, Radio, Space, Switch, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { Post, Sentiment } from '../../api/types.ts';
import { useI18n } from '../../i18n/locale-context.tsx';

export function RelabelForm({ post, onSaved }: { post: Post; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const [sentiment, setSentiment] = useState<Sentiment | undefined>(post.sentiment?.label);
  const [relevant, setRelevant] = useState(post.relevant ?? true);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await api.post<Post>(`/api/posts/${encodeURIComponent(post.id)}/label`, {
        sentiment: sentiment ?? null,
        relevant,
      });
      void message.success(t('drawer.labelSaved'));
      onSaved();
    } catch (e) {
      void message.error(
        t('common.failed', {
          what: t('drawer.labelFailed'),
          message: e instanceof ApiError ? e.describe() : String(e),
        }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" data-testid="relabel-form">
      <Radio.Group
        aria-label={t('stream.sentiment')}
        value={sentiment}
        onChange={(e) => setSentiment(e.target.value as Sentiment)}
        optionType="button"
        options={(['negative', 'neutral', 'positive'] as const).map((s) => ({ value: s, label: t(`sentiment.${s}`) }))}
      />
      <Space>
        <Switch id={`tf-relevant-${post.id}`} checked={relevant} onChange={setRelevant} />
        <label htmlFor={`tf-relevant-${post.id}`}>{t('drawer.relevant')}</label>
        <Tag
          data-testid="relevance-mark"
          color={post.relevant === null ? undefined : post.relevant ? 'green' : 'orange'}
        >
          {post.relevant === null
            ? t('drawer.relevanceUnmarked')
            : post.relevant
              ? t('drawer.markedRelevant')
              : t('drawer.markedIrrelevant')}
        </Tag>
      </Space>
      <Button onClick={() => void save()} loading={busy} data-testid="relabel-save">
        {t('common.save')}
      </Button>
    </Space>
  );
}
