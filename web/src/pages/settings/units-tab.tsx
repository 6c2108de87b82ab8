// Units (责任单位): list and add; they are also the gazetteer the analysis finds places and units with.
import { Button, Form, Input, Select, Table } from 'antd';
import type { Unit } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAction } from '../../api/use-action.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';

const KINDS: readonly Unit['kind'][] = ['county', 'town', 'village', 'bureau', 'office', 'other'];

interface NewUnit {
  name: string;
  kind: Unit['kind'];
  parentId?: string;
  aliases: string[];
}

export function UnitsTab() {
  const { t } = useI18n();
  const { permissions } = useAuth();
  const r = useApi<{ units: Unit[] }>('/api/units');
  const { busy, run } = useAction();
  const [form] = Form.useForm<NewUnit>();
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
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      {permissions.has('units:manage') && (
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
            <Select style={{ width: 120 }} options={KINDS.map((k) => ({ value: k, label: t(`units.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="parentId" label={t('units.parent')}>
            <Select style={{ width: 150 }} allowClear options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="aliases" label={t('units.aliases')}>
            <Select mode="tags" style={{ minWidth: 160 }} tokenSeparators={[',', '，']} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('units.add')}
          </Button>
        </Form>
      )}
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
          columns={[
            { title: t('units.name'), dataIndex: 'name' },
            { title: t('units.kind'), key: 'kind', render: (_, u) => t(`units.kind.${u.kind}`) },
            {
              title: t('units.parent'),
              key: 'parent',
              render: (_, u) => units.find((p) => p.id === u.parentId)?.name ?? '—',
            },
            { title: t('units.aliases'), key: 'aliases', render: (_, u) => u.aliases.join('、') || '—' },
          ]}
        />
      </PageState>
    </div>
  );
}
