// 事件: events ranked by heat (server order), with level, reasons and sentiment mix; paginated on the server.
import { useState } from 'react';
import { Card, Input, Progress, Select, Space, Table, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { EventList, EventSummary } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { LevelTag } from '../../components/level-tag.tsx';
import { PageState } from '../../components/page-state.tsx';
import { SENTIMENT_COLORS } from '../../components/sentiment-colors.ts';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { useLiveRefresh } from '../../live/use-live-refresh.ts';
import { PageFrame } from '../page-frame.tsx';

export function SentimentMix({ s }: { s: EventSummary['sentiment'] }) {
  const { t } = useI18n();
  const total = s.negative + s.neutral + s.positive;
  if (total === 0) return null;
  const neg = Math.round((s.negative / total) * 100);
  const pos = Math.round((s.positive / total) * 100);
  return (
    <Tooltip
      title={`${t('sentiment.negative')} ${s.negative} · ${t('sentiment.neutral')} ${s.neutral} · ${t('sentiment.positive')} ${s.positive}`}
    >
      <Progress
        percent={neg + (100 - neg - pos)}
        success={{ percent: neg, strokeColor: SENTIMENT_COLORS.negative }}
        strokeColor={SENTIMENT_COLORS.neutral}
        railColor={SENTIMENT_COLORS.positive}
        showInfo={false}
        size="small"
        aria-label={`${t('sentiment.negative')} ${neg}%`}
        style={{ width: 100 }}
      />
    </Tooltip>
  );
}

export function EventsPage() {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const [q, setQ] = useState('');
  const [minLevel, setMinLevel] = useState<number>();
  const [page, setPage] = useState(1);
  const list = useApi<EventList>('/api/events', { q: q || undefined, minLevel, page, pageSize: 20 });
  useLiveRefresh(list.reload, { minGapMs: 30_000 });
  const data = list.data;
  return (
    <PageFrame title={t('nav.events')} description={t('events.description')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('events.search')}
          placeholder={t('events.search')}
          allowClear
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          style={{ width: 280 }}
        />
        <Select
          aria-label={t('events.minLevel')}
          placeholder={t('events.minLevel')}
          allowClear
          value={minLevel}
          onChange={(v?: number) => (setMinLevel(v), setPage(1))}
          options={[1, 2, 3, 4].map((l) => ({ value: l, label: t(`level.${l as 1 | 2 | 3 | 4}`) }))}
          style={{ width: 180 }}
        />
      </Space>
      <Card>
        <PageState
          what={t('events.load')}
          loading={list.loading && !data}
          error={list.error}
          onRetry={list.reload}
          empty={data?.events.length === 0}
          emptyText={t('events.empty')}
        >
          {data && (
            <Table<EventSummary>
              data-testid="events-table"
              rowKey="id"
              size="middle"
              scroll={{ x: 900 }}
              dataSource={data.events}
              loading={list.loading}
              pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage, showSizeChanger: false }}
              columns={[
                {
                  title: t('events.title'),
                  key: 'title',
                  render: (_, e) => <Link to={`/events/${encodeURIComponent(e.id)}`}>{e.title}</Link>,
                },
                { title: t('events.level'), key: 'level', width: 130, render: (_, e) => <LevelTag level={e.level} /> },
                { title: t('events.heat'), dataIndex: 'heat', width: 80, render: (h: number) => Math.round(h) },
                { title: t('events.posts'), dataIndex: 'postCount', width: 80 },
                { title: t('events.sourceCount'), dataIndex: 'sourceCount', width: 80 },
                {
                  title: t('events.sentimentMix'),
                  key: 'mix',
                  width: 120,
                  render: (_, e) => <SentimentMix s={e.sentiment} />,
                },
                { title: t('events.lastSeen'), key: 'last', width: 150, render: (_, e) => fmt(e.lastSeen) },
                { title: t('events.reasons'), key: 'reasons', render: (_, e) => e.reasons.slice(0, 2).join('；') },
              ]}
            />
          )}
        </PageState>
      </Card>
    </PageFrame>
  );
}
