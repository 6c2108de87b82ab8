// 报告: generate a daily/weekly/monthly/special-topic report (docx, xlsx or html), list the archive, download.
import { useState } from 'react';
import { App as AntdApp, Button, Card, DatePicker, Form, Select, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { EventList, GenerateReportBody, ReportMeta } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';
import { PageFrame } from '../page-frame.tsx';

type Kind = GenerateReportBody['kind'];
const KINDS: readonly Kind[] = ['daily', 'weekly', 'monthly', 'event'];
const FORMATS = ['docx', 'xlsx', 'html'] as const;

interface GenerateForm {
  kind: Kind;
  date?: Dayjs;
  eventId?: string;
  format: (typeof FORMATS)[number];
}

function GenerateCard({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<GenerateForm>();
  const kind = Form.useWatch('kind', form);
  const events = useApi<EventList>(kind === 'event' ? '/api/events' : '', { pageSize: 50 });
  const [busy, setBusy] = useState(false);
  const submit = async (v: GenerateForm) => {
    setBusy(true);
    try {
      const body: GenerateReportBody = {
        kind: v.kind,
        format: v.format,
        ...(v.date ? { date: v.date.format('YYYY-MM-DD') } : {}),
        ...(v.kind === 'event' && v.eventId ? { eventId: v.eventId } : {}),
      };
      const meta = await api.post<ReportMeta>('/api/reports', body);
      void message.success(t('reports.generated', { name: meta.fileName }));
      onDone();
    } catch (e) {
      void message.error(
        t('common.failed', { what: t('reports.failed'), message: e instanceof ApiError ? e.describe() : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('reports.generate')}>
      <Form<GenerateForm>
        form={form}
        layout="inline"
        name="generate-report"
        initialValues={{ kind: 'daily', format: 'docx' }}
        onFinish={(v) => void submit(v)}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="kind" label={t('reports.kind')}>
          <Select style={{ width: 140 }} options={KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))} />
        </Form.Item>
        {kind === 'event' ? (
          <Form.Item name="eventId" label={t('reports.event')} rules={[{ required: true }]}>
            <Select
              style={{ width: 280 }}
              loading={events.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(events.data?.events ?? []).map((e) => ({ value: e.id, label: e.title }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="date" label={t('reports.date')} tooltip={t('reports.dateHelp')}>
            <DatePicker />
          </Form.Item>
        )}
        <Form.Item name="format" label={t('reports.format')}>
          <Select style={{ width: 100 }} options={FORMATS.map((f) => ({ value: f, label: f }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="report-generate">
          {busy ? t('reports.generating') : t('reports.generate')}
        </Button>
      </Form>
    </Card>
  );
}

export function ReportsPage() {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { permissions } = useAuth();
  const r = useApi<{ reports: ReportMeta[] }>('/api/reports');
  return (
    <PageFrame title={t('nav.reports')} description={t('reports.description')}>
      <div style={{ display: 'grid', gap: 16 }}>
        {permissions.has('reports:generate') && <GenerateCard onDone={r.reload} />}
        <Card size="small">
          <PageState
            what={t('reports.load')}
            loading={r.loading && !r.data}
            error={r.error}
            onRetry={r.reload}
            empty={r.data?.reports.length === 0}
            emptyText={t('reports.empty')}
          >
            <Table<ReportMeta>
              data-testid="reports-table"
              rowKey="id"
              size="middle"
              scroll={{ x: 800 }}
              dataSource={r.data?.reports ?? []}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              columns={[
                { title: t('reports.number'), key: 'number', render: (_, m) => m.number ?? m.fileName },
                { title: t('reports.kind'), key: 'kind', width: 110, render: (_, m) => t(`reports.kind.${m.kind}`) },
                {
                  title: t('reports.period'),
                  key: 'period',
                  render: (_, m) => `${fmt(m.periodStart)} – ${fmt(m.periodEnd)}`,
                },
                { title: t('reports.format'), dataIndex: 'format', width: 80 },
                {
                  title: t('reports.by'),
                  key: 'by',
                  width: 120,
                  render: (_, m) =>
                    m.generatedBy === 'system' ? t('reports.system') : (m.generatedByName ?? m.generatedBy),
                },
                {
                  title: t('reports.created'),
                  key: 'created',
                  width: 150,
                  render: (_, m) => <Typography.Text type="secondary">{fmt(m.createdAt)}</Typography.Text>,
                },
                {
                  title: t('reports.download'),
                  key: 'dl',
                  width: 110,
                  render: (_, m) => (
                    <a
                      href={`/api/reports/${encodeURIComponent(m.id)}/download`}
                      download={m.fileName}
                      data-testid="report-download"
                    >
                      <DownloadOutlined /> {t('reports.download')}
                    </a>
                  ),
                },
              ]}
            />
          </PageState>
        </Card>
      </div>
    </PageFrame>
  );
}
