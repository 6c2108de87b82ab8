// Units (责任单位): list, add, edit (name, kind, parent, aliases) and delete; they are also the gazetteer the analysis
// finds places and units with. A unit still in use is not deleted: the reasons are listed.
import { useState } from 'react';
import { Alert, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { Unit } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { useApi } from '../../api/use-api.ts';
import { useAction } from '../../api/use-action.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { UNIT_KINDS, UnitEditModal } from './unit-edit-modal.tsx';

const PLACE_KINDS = new Set<Unit['kind']>(['county', 'town', 'village']);

interface NewUnit {
  name: string;
  kind: Unit['kind'];
  parentId?: string;
  aliases: string[];
}

type InUseReason = 'open_cases' | 'child_units' | 'users' | 'playbooks';
interface InUse {
  name: string;
  code: string;
  reasons: { reason: InUseReason; count: number; items: string[] }[];
}

/** The reasons of a TF_ERR_CONFLICT refusal to delete, when the server gave them. */
function inUseOf(e: unknown, name: string): InUse | null {
  if (!(e instanceof ApiError) || e.code !== 'TF_ERR_CONFLICT') return null;
  const reasons = (e.details as { reasons?: InUse['reasons'] } | undefined)?.reasons;
  return Array.isArray(reasons) ? { name, code: e.code, reasons } : null;
}

function InUseAlert({ inUse, onClose }: { inUse: InUse; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ onClose }}
      data-testid="unit-in-use"
      title={
        <Space size={8} wrap>
          {t('units.inUse', { name: inUse.name })}
          <Typography.Text type="secondary" code>
            {inUse.code}
          </Typography.Text>
        </Space>
      }
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {inUse.reasons.map((r) => (
            <li key={r.reason}>
              {t(`units.inUse.${r.reason}`, {
                count: r.count,
                items: r.items.join('、') + (r.count > r.items.length ? '…' : ''),
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

export function UnitsTab() {
  const { t } = useI18n();
  const { permissions } = useAuth();
  const manage = permissions.has('units:manage');
  const r = useApi<{ units: Unit[] }>('/api/units');
  const { busy, run } = useAction();
  const [form] = Form.useForm<NewUnit>();
  const [editing, setEditing] = useState<Unit | null>(null);
  const [inUse, setInUse] = useState<InUse | null>(null);
  const units = r.data?.units ?? [];
  const add = (v: NewUnit) =>
    run(t('units.add'), async () => {
      await api.post('/api/units', {
        name: v.name.trim(),
        kind: v.kind,
        parentId: v.parentId ?? null,
        aliases: v.aliases ?? [],
      });
      form.resetFields();
      r.reload();
      return t('common.saved');
    });
  const remove = (u: Unit) =>
    run(t('units.delete'), async () => {
      setInUse(null);
      try {
        await api.delete(`/api/units/${encodeURIComponent(u.id)}`);
      } catch (e) {
        const why = inUseOf(e, u.name);
        if (!why) throw e;
        setInUse(why);
        return;
      }
      r.reload();
      return t('units.deleted', { name: u.name });
    });
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Typography.Text type="secondary">{t('units.gazetteerHint')}</Typography.Text>
      {manage && (
        <Form<NewUnit>
          form={form}
          layout="inline"
          name="new-unit"
          onFinish={(v) => void add(v)}
          initialValues={{ kind: 'bureau', aliases: [] }}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('units.kind')}>
            <Select
              style={{ width: 120 }}
              options={UNIT_KINDS.map((k) => ({ value: k, label: t(`units.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="parentId" label={t('units.parent')}>
            <Select style={{ width: 150 }} allowClear options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="aliases" label={t('units.aliases')}>
            <Select mode="tags" style={{ minWidth: 160 }} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('units.add')}
          </Button>
        </Form>
      )}
      {inUse && <InUseAlert inUse={inUse} onClose={() => setInUse(null)} />}
      <PageState
        what={t('settings.loadFailed', { what: t('settings.units') })}
        loading={r.loading && !r.data}
        error={r.error}
        onRetry={r.reload}
      >
        <Table<Unit>
          rowKey="id"
          size="small"
          dataSource={units}
          pagination={false}
          data-testid="units-table"
          columns={[
            { title: t('units.name'), dataIndex: 'name' },
            {
              title: t('units.kind'),
              key: 'kind',
              render: (_, u) => (
                <Space size={4}>
                  {t(`units.kind.${u.kind}`)}
                  <Tag color={PLACE_KINDS.has(u.kind) ? 'green' : 'blue'}>
                    {PLACE_KINDS.has(u.kind) ? t('units.isPlace') : t('units.isUnit')}
                  </Tag>
                </Space>
              ),
            },
            {
              title: t('units.parent'),
              key: 'parent',
              render: (_, u) => units.find((p) => p.id === u.parentId)?.name ?? '—',
            },
            {
              title: t('units.aliases'),
              key: 'aliases',
              render: (_, u) => <span data-testid="unit-aliases-cell">{u.aliases.join('、') || '—'}</span>,
            },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, u: Unit) => (
                      <Space>
                        <Button size="small" onClick={() => setEditing(u)} data-testid="unit-edit">
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t('units.deleteConfirm', { name: u.name })}
                          onConfirm={() => void remove(u)}
                          okText={t('common.delete')}
                          cancelText={t('common.cancel')}
                        >
                          <Button size="small" danger data-testid="unit-delete">
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </PageState>
      <UnitEditModal
        unit={editing}
        units={units}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          r.reload();
        }}
      />
    </div>
  );
}
