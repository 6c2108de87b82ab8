// 预警: open and past alerts with level, escalation state and deliveries; acknowledge; heightened monitoring.
import { useState } from 'react';
import { App as AntdApp, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Alert, AlertDetail, AlertList } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { useApi } from '../../api/use-api.ts';
import { useUserNames } from '../../api/ref-data.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { LevelTag } from '../../components/level-tag.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { useLiveRefresh } from '../../live/use-live-refresh.ts';
import { PageFrame } from '../page-frame.tsx';
import { HeightenedCard } from './heightened-card.tsx';

const STATUS_COLOR: Record<Alert['status'], string> = {
  pending: 'default',
  sent: 'blue',
  delivered: 'cyan',
  acknowledged: 'green',
  escalated: 'red',
  failed: 'volcano',
};

function Deliveries({ id }: { id: string }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const r = useApi<AlertDetail>(`/api/alerts/${encodeURIComponent(id)}`);
  return (
    <PageState
      what={t('alerts.deliveriesLoad')}
      loading={r.loading}
      error={r.error}
      onRetry={r.reload}
      empty={r.data?.deliveries.length === 0}
      emptyText={t('alerts.noDeliveries')}
    >
      <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="alert-deliveries">
        {r.data?.deliveries.map((d) => (
          <li key={d.id}>
            {d.channelKind} {d.recipient ? `→ ${d.recipient}` : ''} · {d.status} ·{' '}
            {t('alerts.attempts', { n: d.attempts })}
            {d.sentAt ? ` · ${fmt(d.sentAt)}` : ''}
            {d.lastError && <Typography.Text type="danger"> · {d.lastError}</Typography.Text>}
          </li>
        ))}
      </ul>
    </PageState>
  );
}

function AlertItem({ a, onChanged, name }: { a: Alert; onChanged: () => void; name: (id: string) => string }) {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { permissions } = useAuth();
  const { message } = AntdApp.useApp();
  const [busy, setBusy] = useState(false);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const acked = a.acknowledgedAt !== null;
  const ack = async () => {
    setBusy(true);
    try {
      await api.post(`/api/alerts/${encodeURIComponent(a.id)}/ack`, {});
      void message.success(t('alerts.acked'));
      onChanged();
    } catch (e) {
      void message.error(
        t('common.failed', { what: t('alerts.ackFailed'), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <List.Item key={a.id} data-testid="alert-item" data-alert-id={a.id} style={{ display: 'block' }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 240 }}>
          <Space size={4} wrap>
            <LevelTag level={a.level} />
            <Typography.Text strong>{a.title}</Typography.Text>
            <Tag color={STATUS_COLOR[a.status]} data-testid="alert-status">
              {t(`alerts.status.${a.status}`)}
            </Tag>
          </Space>
          <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{a.body}</Typography.Paragraph>
          <Space size={[12, 4]} wrap>
            <Typography.Text type="secondary">{fmt(a.createdAt)}</Typography.Text>
            {a.escalationStep > 0 && <Tag color="red">{t('alerts.escalation', { step: a.escalationStep })}</Tag>}
            {!acked && a.nextEscalationAt && (
              <Typography.Text type="warning">
                {t('alerts.nextEscalation', { time: fmt(a.nextEscalationAt) })}
              </Typography.Text>
            )}
            {acked && (
              <Typography.Text type="success">
                {t('alerts.ackedBy', {
                  who: a.acknowledgedBy ? name(a.acknowledgedBy) : '',
                  time: fmt(a.acknowledgedAt),
                })}
              </Typography.Text>
            )}
            {a.eventId && <Link to={`/events/${encodeURIComponent(a.eventId)}`}>{t('alerts.event')}</Link>}
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              aria-expanded={showDeliveries}
              onClick={() => setShowDeliveries((x) => !x)}
            >
              {t('alerts.deliveries')}
            </Button>
          </Space>
        </div>
        {!acked && permissions.has('alerts:ack') && (
          <Button
            type="primary"
            danger={a.level <= 2}
            loading={busy}
            onClick={() => void ack()}
            data-testid="alert-ack"
            size="large"
          >
            {t('alerts.ack')}
          </Button>
        )}
      </div>
      {showDeliveries && (
        <div style={{ marginTop: 8 }}>
          <Deliveries id={a.id} />
        </div>
      )}
    </List.Item>
  );
}

export function AlertsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'open' | 'all'>('open');
  const names = useUserNames();
  const [page, setPage] = useState(1);
  const r = useApi<AlertList>('/api/alerts', { open: tab === 'open' ? 'true' : undefined, page, pageSize: 20 });
  useLiveRefresh(r.reload, { minGapMs: 10_000 });
  return (
    <PageFrame title={t('nav.alerts')} description={t('alerts.description')}>
      <div style={{ display: 'grid', gap: 16 }}>
        <HeightenedCard />
        <Card
          size="small"
          title={
            <Segmented
              value={tab}
              onChange={(v) => (setTab(v as 'open' | 'all'), setPage(1))}
              options={[
                { value: 'open', label: t('alerts.open') },
                { value: 'all', label: t('alerts.past') },
              ]}
            />
          }
        >
          <div data-testid="alerts-state">
            <PageState
              what={t('alerts.load')}
              loading={r.loading && !r.data}
              error={r.error}
              onRetry={r.reload}
              empty={r.data?.alerts.length === 0}
              emptyText={t('alerts.empty')}
            >
              <List
                data-testid="alerts-list"
                dataSource={r.data?.alerts ?? []}
                renderItem={(a) => <AlertItem a={a} onChanged={r.reload} name={names.name} />}
                pagination={
                  r.data?.total !== undefined && r.data.total > 20
                    ? { current: page, pageSize: 20, total: r.data.total, onChange: setPage }
                    : false
                }
              />
            </PageState>
          </div>
        </Card>
      </div>
    </PageFrame>
  );
}
