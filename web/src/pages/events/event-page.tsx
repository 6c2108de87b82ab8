// One event: level with reasons, trend with forecast, sentiment evolution, sources, first poster and spread
// (originals against copies), timeline, keywords and places, representative posts (select to split), linked cases;
// merge with another event; register a case.
import { useState } from 'react';
import {
  App as AntdApp,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Row,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Case, EventDetail } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Chart } from '../../components/chart/chart.tsx';
import { LevelTag, levelKey } from '../../components/level-tag.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { PageFrame } from '../page-frame.tsx';
import { evolutionOption, trendOption } from './event-charts.ts';
import { EventPosts } from './event-posts.tsx';
import { EventSpreadPanel } from './event-spread.tsx';
import { MergeEventModal } from './merge-event-modal.tsx';

function Tags({ items }: { items: readonly string[] }) {
  const { t } = useI18n();
  return items.length ? (
    <Space size={[4, 4]} wrap>
      {items.map((x) => (
        <Tag key={x}>{x}</Tag>
      ))}
    </Space>
  ) : (
    <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
  );
}

function Timelines({ e }: { e: EventDetail }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const lvl = (l: number | null) => (l === null ? t('level.none') : t(levelKey(l)));
  const op = (o: string) => (['add', 'open', 'merge', 'split', 'remove'].includes(o) ? t(`event.op.${o as 'add'}`) : o);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12}>
        <Card title={t('event.levelHistory')} size="small">
          {e.levelHistory.length === 0 ? (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          ) : (
            <Timeline
              items={e.levelHistory.map((h, i) => ({
                key: i,
                content: (
                  <span>
                    {fmt(h.at)} · {t('event.levelChange', { from: lvl(h.from), to: lvl(h.to) })}
                    {h.reasons.length > 0 && <div>{h.reasons.join('；')}</div>}
                  </span>
                ),
              }))}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={t('event.membership')} size="small" styles={{ body: { maxHeight: 320, overflow: 'auto' } }}>
          <Timeline
            data-testid="event-membership"
            items={e.membership.slice(-50).map((m, i) => ({
              key: i,
              content: (
                <span>
                  {fmt(m.at)} · {op(m.op)}
                  {m.postId ? ` · ${m.postId}` : ''}
                  {m.otherEventId ? ` · ${m.otherEventId}` : ''}
                </span>
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}

function EventBody({ e, reload }: { e: EventDetail; reload: () => void }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const names = {
    negative: t('sentiment.negative'),
    neutral: t('sentiment.neutral'),
    positive: t('sentiment.positive'),
  };
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'level', label: t('events.level'), children: <LevelTag level={e.level} /> },
            { key: 'heat', label: t('events.heat'), children: Math.round(e.heat) },
            { key: 'posts', label: t('events.posts'), children: `${e.postCount} / ${e.sourceCount}` },
            { key: 'first', label: t('event.firstSeen'), children: fmt(e.firstSeen) },
            { key: 'last', label: t('events.lastSeen'), children: fmt(e.lastSeen) },
            { key: 'status', label: t('event.status'), children: e.status },
            {
              key: 'reasons',
              label: t('events.reasons'),
              span: 3,
              children: e.reasons.length ? (
                <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="event-reasons">
                  {e.reasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              ) : (
                t('common.none')
              ),
            },
            { key: 'kw', label: t('event.keywords'), span: 3, children: <Tags items={e.keywords} /> },
            { key: 'places', label: t('event.places'), children: <Tags items={e.places} /> },
            { key: 'units', label: t('event.units'), children: <Tags items={e.units} /> },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('event.trend')} size="small">
            {e.forecast ? (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 8 }}
                title={t('event.forecast', { direction: e.forecast.direction })}
                description={t('event.forecastBasis', { basis: e.forecast.basis })}
                data-testid="event-forecast"
              />
            ) : (
              <Typography.Text type="secondary">{t('event.noForecast')}</Typography.Text>
            )}
            <Chart
              option={trendOption(e, names)}
              height={260}
              label={t('event.trendLabel')}
              testId="chart-event-trend"
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('event.evolution')} size="small">
            <Chart
              option={evolutionOption(e, t('event.negativeShare'))}
              height={160}
              label={t('event.evolution')}
              testId="chart-event-evolution"
            />
          </Card>
          <Card title={t('event.sources')} size="small" style={{ marginTop: 16 }}>
            <List
              size="small"
              dataSource={e.sources}
              renderItem={(s) => (
                <List.Item key={s.sourceId}>
                  <span>{s.name ?? s.sourceId}</span>
                  <span>{t('common.posts', { count: s.count })}</span>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <EventSpreadPanel key={`${e.postCount}|${e.status}|${e.lastSeen}`} eventId={e.id} />
      <Timelines e={e} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('event.posts')} size="small">
            <EventPosts eventId={e.id} onChanged={reload} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('event.cases')} size="small">
            {e.caseIds.length === 0 ? (
              <Typography.Text type="secondary">{t('event.noCases')}</Typography.Text>
            ) : (
              e.caseIds.map((id) => (
                <div key={id}>
                  <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link>
                </div>
              ))
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

export function EventPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { permissions } = useAuth();
  const { message } = AntdApp.useApp();
  const navigate = useNavigate();
  const r = useApi<EventDetail>(`/api/events/${encodeURIComponent(id)}`);
  const [merging, setMerging] = useState(false);
  const e = r.data;
  const register = async () => {
    if (!e) return;
    try {
      const c = await api.post<Case>('/api/cases', {
        title: e.title.slice(0, 300),
        summary: e.reasons.join('；'),
        eventId: e.id,
        places: e.places.slice(0, 50),
        origin: 'event',
      });
      void navigate(`/cases/${encodeURIComponent(c.id)}`);
    } catch (err) {
      void message.error(
        t('common.failed', {
          what: t('register.failed'),
          message: err instanceof ApiError ? err.describe() : String(err),
        }),
      );
    }
  };
  return (
    <PageFrame
      title={e ? e.title : t('nav.events')}
      extra={
        e && (
          <Space wrap>
            {permissions.has('cases:write') && <Button onClick={() => void register()}>{t('event.register')}</Button>}
            {permissions.has('events:write') && (
              <Button onClick={() => setMerging(true)} data-testid="event-merge">
                {t('event.merge')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <PageState what={t('event.load')} loading={r.loading && !e} error={r.error} onRetry={r.reload}>
        {e && <EventBody e={e} reload={r.reload} />}
      </PageState>
      {e && <MergeEventModal eventId={e.id} open={merging} onClose={() => setMerging(false)} onMerged={r.reload} />}
    </PageFrame>
  );
}
