// 台账: cases with workflow status and deadline countdowns (overdue in red), filters, and export to Excel.
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Switch, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Case, CaseList, CaseStatus } from '../../api/types.ts';
import { buildUrl } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useUnits } from '../../api/ref-data.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { Deadline } from '../../components/deadline.tsx';
import { LevelTag } from '../../components/level-tag.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { PageFrame } from '../page-frame.tsx';
import { CASE_STATUSES } from '../../../../src/contracts/case-lists.ts';
import { StatusTag } from './status-tag.tsx';

const STATUSES: readonly CaseStatus[] = CASE_STATUSES;

function ExportLink() {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const { fmt } = useOfficeTime();
  const [now] = useState(() => new Date());
  const href = buildUrl('/api/cases/export.xlsx', {
    from: fmt(new Date(now.getTime() - days * 86_400_000), 'date'),
    to: fmt(now, 'date'),
  });
  return (
    <Space.Compact>
      <Select
        aria-label={t('cases.exportRange')}
        value={days}
        onChange={setDays}
        options={[
          { value: 30, label: t('cases.range30') },
          { value: 90, label: t('cases.range90') },
          { value: 365, label: t('cases.range365') },
        ]}
        style={{ width: 120 }}
      />
      <Button icon={<DownloadOutlined />} href={href} download data-testid="cases-export">
        {t('cases.export')}
      </Button>
    </Space.Compact>
  );
}

export function CasesPage() {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { permissions } = useAuth();
  const units = useUnits();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string[]>([]);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const r = useApi<CaseList>('/api/cases', {
    q: q || undefined,
    status: status.join(',') || undefined,
    overdue: overdue ? 'true' : undefined,
    page,
    pageSize: 20,
  });
  const unitName = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? id) : '—');
  return (
    <PageFrame
      title={t('nav.cases')}
      description={t('cases.description')}
      extra={permissions.has('stats:read') && <ExportLink />}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('cases.search')}
          placeholder={t('cases.search')}
          allowClear
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          style={{ width: 240 }}
        />
        <Select
          aria-label={t('cases.status')}
          placeholder={t('cases.status')}
          mode="multiple"
          value={status}
          onChange={(v: string[]) => (setStatus(v), setPage(1))}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          style={{ minWidth: 200 }}
        />
        <Space>
          <Switch id="tf-overdue" checked={overdue} onChange={(v) => (setOverdue(v), setPage(1))} />
          <label htmlFor="tf-overdue">{t('cases.overdueOnly')}</label>
        </Space>
      </Space>
      <Card>
        <div data-testid="cases-state">
          <PageState
            what={t('cases.load')}
            loading={r.loading && !r.data}
            error={r.error}
            onRetry={r.reload}
            empty={r.data?.cases.length === 0}
            emptyText={t('cases.empty')}
          >
            {r.data && (
              <Table<Case>
                data-testid="cases-table"
                rowKey="id"
                size="middle"
                scroll={{ x: 960 }}
                dataSource={r.data.cases}
                loading={r.loading}
                rowClassName={(c) => (c.overdue ? 'tf-overdue-row' : '')}
                pagination={{
                  current: page,
                  pageSize: 20,
                  total: r.data.total,
                  onChange: setPage,
                  showSizeChanger: false,
                }}
                columns={[
                  {
                    title: t('cases.number'),
                    dataIndex: 'number',
                    width: 150,
                    render: (n: string, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{n}</Link>,
                  },
                  {
                    title: t('cases.title'),
                    key: 'title',
                    render: (_, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link>,
                  },
                  {
                    title: t('cases.status'),
                    key: 'status',
                    width: 110,
                    render: (_, c) => <StatusTag status={c.status} />,
                  },
                  { title: t('cases.level'), key: 'level', width: 130, render: (_, c) => <LevelTag level={c.level} /> },
                  { title: t('cases.leadUnit'), key: 'lead', width: 120, render: (_, c) => unitName(c.leadUnitId) },
                  {
                    title: t('cases.firstDue'),
                    key: 'first',
                    width: 150,
                    render: (_, c) =>
                      c.status === 'closed' || c.status === 'merged' ? (
                        '—'
                      ) : (
                        <Deadline due={c.firstResponseDueAt} doneAt={c.firstResponseAt} />
                      ),
                  },
                  {
                    title: t('cases.replyDue'),
                    key: 'reply',
                    width: 150,
                    render: (_, c) =>
                      c.status === 'closed' || c.status === 'merged' ? (
                        '—'
                      ) : (
                        <Deadline due={c.replyDueAt} doneAt={c.repliedAt} />
                      ),
                  },
                  {
                    title: t('cases.created'),
                    key: 'created',
                    width: 140,
                    render: (_, c) => <Typography.Text type="secondary">{fmt(c.createdAt)}</Typography.Text>,
                  },
                ]}
              />
            )}
          </PageState>
        </div>
      </Card>
    </PageFrame>
  );
}
