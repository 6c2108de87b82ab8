// 信息源: each source with its health (status, last success, last error, failures, recent volume), add/edit
// through the connector's schema, run now.
import { useState } from 'react';
import { App as AntdApp, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { ConnectorKind, RunResponse, Source } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { Sparkline } from '../../components/sparkline.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { PageFrame } from '../page-frame.tsx';
import { SourceForm } from './source-form.tsx';

const HEALTH_COLOR: Record<Source['health']['status'], string> = {
  'never-run': 'default',
  ok: 'green',
  failing: 'red',
  stale: 'orange',
};

function RunButton({ s, onDone }: { s: Source; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await api.post<RunResponse>(`/api/sources/${encodeURIComponent(s.id)}/run`);
      if (r.ok) void message.success(t('sources.ran', { items: r.items, stored: r.stored }));
      else void message.error(t('common.failed', { what: t('sources.runFailed'), message: r.error ?? '' }));
      onDone();
    } catch (e) {
      void message.error(
        t('common.failed', { what: t('sources.runFailed'), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" loading={busy} onClick={() => void run()}>
      {t('sources.run')}
    </Button>
  );
}

export function SourcesPage() {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { permissions } = useAuth();
  const r = useApi<{ sources: Source[] }>('/api/sources');
  const connectors = useApi<{ connectors: ConnectorKind[] }>('/api/connectors');
  const [editing, setEditing] = useState<Source | null | 'new'>(null);
  const canManage = permissions.has('sources:manage');
  return (
    <PageFrame
      title={t('nav.sources')}
      description={t('sources.description')}
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            disabled={!connectors.data}
            data-testid="source-add"
          >
            {t('sources.add')}
          </Button>
        )
      }
    >
      <Card>
        <PageState
          what={t('sources.load')}
          loading={r.loading && !r.data}
          error={r.error}
          onRetry={r.reload}
          empty={r.data?.sources.length === 0}
          emptyText={t('sources.empty')}
        >
          <Table<Source>
            data-testid="sources-table"
            rowKey="id"
            size="middle"
            scroll={{ x: 1000 }}
            dataSource={r.data?.sources ?? []}
            pagination={false}
            columns={[
              {
                title: t('sources.name'),
                key: 'name',
                render: (_, s) => (
                  <Space size={4}>
                    {s.name}
                    {s.demo && <Tag color="purple">{t('sources.demo')}</Tag>}
                    {!s.enabled && <Tag>{t('common.disabled')}</Tag>}
                  </Space>
                ),
              },
              { title: t('sources.kind'), dataIndex: 'kind', width: 100 },
              {
                title: t('sources.health'),
                key: 'health',
                width: 90,
                render: (_, s) => (
                  <Tag color={HEALTH_COLOR[s.health.status]} data-testid="source-health">
                    {t(`sources.status.${s.health.status}`)}
                  </Tag>
                ),
              },
              {
                title: t('sources.lastSuccess'),
                key: 'ok',
                width: 140,
                render: (_, s) => fmt(s.health.lastSuccessAt) || '—',
              },
              {
                title: t('sources.lastError'),
                key: 'err',
                render: (_, s) =>
                  s.health.lastError ? (
                    <Tooltip title={fmt(s.health.lastErrorAt)}>
                      <Typography.Text type="danger">
                        {s.health.lastError.code}: {s.health.lastError.message}
                      </Typography.Text>
                      {s.health.consecutiveFailures > 0 && (
                        <div>
                          <Typography.Text type="secondary">
                            {t('sources.failures', { n: s.health.consecutiveFailures })}
                          </Typography.Text>
                        </div>
                      )}
                    </Tooltip>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('sources.volume'),
                key: 'vol',
                width: 120,
                render: (_, s) => (
                  <Sparkline
                    values={s.health.recentItems}
                    label={t('sources.volumeLabel', {
                      n: s.health.recentItems.length,
                      values: s.health.recentItems.join(', '),
                    })}
                  />
                ),
              },
              { title: t('sources.interval'), dataIndex: 'intervalSeconds', width: 100 },
              ...(canManage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'act',
                      width: 170,
                      render: (_: unknown, s: Source) => (
                        <Space>
                          <Button size="small" onClick={() => setEditing(s)}>
                            {t('common.edit')}
                          </Button>
                          <RunButton s={s} onDone={r.reload} />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </PageState>
        {connectors.error && (
          <PageState what={t('sources.connectorsLoad')} error={connectors.error} onRetry={connectors.reload} />
        )}
      </Card>
      {editing !== null && connectors.data && (
        <SourceForm
          open
          source={editing === 'new' ? null : editing}
          connectors={connectors.data.connectors}
          onClose={() => setEditing(null)}
          onSaved={r.reload}
        />
      )}
    </PageFrame>
  );
}
