// 值班表: who is on duty now, gaps, the shifts; add and remove shifts.
import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { RosterView, Shift } from '../../api/types.ts';
import { useUserNames } from '../../api/ref-data.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAction } from '../../api/use-action.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { useOfficeTime } from '../../format/use-office-time.ts';

interface NewShift {
  userId: string;
  range: [Dayjs, Dayjs];
  chainOrder: number;
  note?: string;
}

export function RosterTab() {
  const { t } = useI18n();
  const { fmt } = useOfficeTime();
  const { permissions } = useAuth();
  const r = useApi<RosterView>('/api/roster');
  const { users, name } = useUserNames();
  const { busy, run } = useAction();
  const [form] = Form.useForm<NewShift>();
  const order = (n: number) =>
    n === 0 ? t('roster.order.0') : n === 20 ? t('roster.order.20') : t('roster.order.n', { n });
  const add = (v: NewShift) =>
    run(t('roster.add'), async () => {
      await api.post('/api/roster', {
        userId: v.userId,
        startsAt: v.range[0].toISOString(),
        endsAt: v.range[1].toISOString(),
        chainOrder: v.chainOrder,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      form.resetFields();
      r.reload();
      return t('common.saved');
    });
  const remove = (s: Shift) =>
    run(t('common.delete'), async () => {
      await api.delete(`/api/roster/${encodeURIComponent(s.id)}`);
      r.reload();
    });
  const canManage = permissions.has('alerts:manage');
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      {canManage && (
        <Form<NewShift>
          form={form}
          layout="inline"
          name="new-shift"
          onFinish={(v) => void add(v)}
          initialValues={{ chainOrder: 0 }}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="userId" label={t('roster.user')} rules={[{ required: true }]}>
            {users.length > 0 ? (
              <Select
                style={{ width: 160 }}
                showSearch={{ optionFilterProp: 'label' }}
                options={users.map((u) => ({ value: u.id, label: u.displayName }))}
              />
            ) : (
              <Input style={{ width: 160 }} />
            )}
          </Form.Item>
          <Form.Item name="range" label={`${t('roster.start')} – ${t('roster.end')}`} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="chainOrder" label={t('roster.order')}>
            <InputNumber min={0} max={20} />
          </Form.Item>
          <Form.Item name="note" label={t('roster.note')}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('roster.add')}
          </Button>
        </Form>
      )}
      <PageState
        what={t('settings.loadFailed', { what: t('settings.roster') })}
        loading={r.loading && !r.data}
        error={r.error}
        onRetry={r.reload}
      >
        {r.data && (
          <>
            <Typography.Paragraph>
              {r.data.now.onDuty.length
                ? t('roster.onDuty', { names: r.data.now.onDuty.map(name).join('、') })
                : t('roster.nobody')}
            </Typography.Paragraph>
            {r.data.gaps.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('roster.gaps', { count: r.data.gaps.length })}
                description={r.data.gaps
                  .slice(0, 5)
                  .map((g) => `${fmt(g.from)} – ${fmt(g.to)}`)
                  .join('；')}
                style={{ marginBottom: 12 }}
              />
            )}
            <Table<Shift>
              rowKey="id"
              size="small"
              scroll={{ x: 700 }}
              dataSource={r.data.shifts}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: t('roster.user'), key: 'user', render: (_, s) => name(s.userId) },
                { title: t('roster.start'), key: 'start', render: (_, s) => fmt(s.startsAt) },
                { title: t('roster.end'), key: 'end', render: (_, s) => fmt(s.endsAt) },
                { title: t('roster.order'), key: 'order', render: (_, s) => order(s.chainOrder) },
                { title: t('roster.note'), key: 'note', render: (_, s) => s.note ?? '' },
                ...(canManage
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'act',
                        render: (_: unknown, s: Shift) => (
                          <Button size="small" danger onClick={() => void remove(s)}>
                            {t('common.delete')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </PageState>
    </div>
  );
}
