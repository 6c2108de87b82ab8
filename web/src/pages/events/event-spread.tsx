// 传播 on the event page, from GET /api/events/:id/spread: the first poster (首发: source, author as published, time,
// title — shown as text) and originals against copies/reposts over time, with the sources that copied most.
import { Card, Col, Descriptions, List, Row, Typography } from 'antd';
import { useApi } from '../../api/use-api.ts';
import { Chart } from '../../components/chart/chart.tsx';
import { PageState } from '../../components/page-state.tsx';
import { SafeLink } from '../../components/safe-link.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { spreadOption, type EventSpread } from './event-charts.ts';

function FirstPoster({ s }: { s: EventSpread }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const f = s.first;
  if (!f) return <Typography.Text type="secondary">{t('event.noFirst')}</Typography.Text>;
  return (
    <div data-testid="event-first-post">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'source', label: t('event.firstSource'), children: f.sourceName ?? f.sourceId },
          { key: 'author', label: t('event.firstAuthor'), children: f.author ?? t('common.none') },
          { key: 'at', label: t('event.firstAt'), children: fmt(f.publishedAt) },
          { key: 'title', label: t('event.firstTitle'), children: f.title || t('stream.untitled') },
          ...(f.url ? [{ key: 'url', label: t('drawer.link'), children: <SafeLink url={f.url} /> }] : []),
        ]}
      />
      {f.outsideEvent && <Typography.Text type="secondary">{t('event.firstOutside')}</Typography.Text>}
    </div>
  );
}

export function EventSpreadPanel({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const r = useApi<EventSpread>(`/api/events/${encodeURIComponent(eventId)}/spread`);
  const s = r.data;
  const text = { originals: t('event.originals'), copies: t('event.copies'), copyShare: t('event.copyShare') };
  return (
    <PageState what={t('event.spreadLoad')} loading={r.loading && !s} error={r.error} onRetry={r.reload}>
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={8}>
            <Card title={t('event.first')} size="small" data-testid="event-first" style={{ height: '100%' }}>
              <FirstPoster s={s} />
            </Card>
          </Col>
          <Col xs={24} xl={16}>
            <Card title={t('event.spread')} size="small" data-testid="event-spread">
              <Typography.Text type="secondary" data-testid="event-spread-totals">
                {t('event.spreadTotals', { originals: s.totals.originals, copies: s.totals.copies })}
              </Typography.Text>
              <Chart
                option={spreadOption(s, text)}
                height={240}
                label={t('event.spreadLabel')}
                testId="chart-event-spread"
              />
              {s.sources.some((x) => x.copies > 0) && (
                <>
                  <Typography.Title level={5} style={{ marginTop: 8 }}>
                    {t('event.topCopiers')}
                  </Typography.Title>
                  <List
                    size="small"
                    data-testid="event-top-copiers"
                    dataSource={s.sources.filter((x) => x.copies > 0)}
                    renderItem={(x) => (
                      <List.Item key={x.sourceId}>
                        <span>{x.name ?? x.sourceId}</span>
                        <span>{t('event.sourceSpread', { originals: x.originals, copies: x.copies })}</span>
                      </List.Item>
                    )}
                  />
                </>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </PageState>
  );
}
