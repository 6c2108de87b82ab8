// Users and roles: list, add, enable/disable (admin: users:manage).
import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { Role, User } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAction } from '../../api/use-action.ts';
import { useUnits } from '../../api/ref-data.ts';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';

const ROLES: readonly Role[] = ['admin', 'analyst', 'duty_officer', 'leader', 'unit_liaison'];

interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  unitId?: string;
  password: string;
}

export function UsersTab() {
  const { t } = useI18n();
  const r = useApi<{ users: User[] }>('/api/users');
  const units = useUnits();
  const { busy, run } = useAction();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form);
  const unitName = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? id) : '—');
  const add = (v: NewUser) =>
    run(t('users.add'), async () => {
      await api.post('/api/users', { ...v, unitId: v.unitId ?? null, displayName: v.displayName?.trim() || undefined });
      form.resetFields();
      r.reload();
      return t('common.saved');
    });
  const toggle = (u: User) =>
    run(u.disabled ? t('users.enable') : t('users.disable'), async () => {
      await api.patch(`/api/users/${encodeURIComponent(u.id)}`, { disabled: !u.disabled });
      r.reload();
    });
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Form<NewUser>
        form={form}
        layout="inline"
        name="new-user"
        onFinish={(v) => void add(v)}
        initialValues={{ role: 'duty_officer' }}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_.@-]{2,64}$/ }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select style={{ width: 150 }} options={ROLES.map((x) => ({ value: x, label: t(`role.${x}`) }))} />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: role === 'unit_liaison' }]}>
          <Select style={{ width: 150 }} allowClear options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 10 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('users.add')}
        </Button>
      </Form>
      <PageState
        what={t('settings.loadFailed', { what: t('settings.users') })}
        loading={r.loading && !r.data}
        error={r.error}
        onRetry={r.reload}
      >
        <Table<User>
          rowKey="id"
          size="small"
          scroll={{ x: 700 }}
          dataSource={r.data?.users ?? []}
          pagination={false}
          columns={[
            { title: t('users.username'), dataIndex: 'username' },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            { title: t('users.role'), key: 'role', render: (_, u) => t(`role.${u.role}`) },
            { title: t('users.unit'), key: 'unit', render: (_, u) => unitName(u.unitId) },
            {
              title: t('users.status'),
              key: 'st',
              render: (_, u) =>
                u.disabled ? <Tag>{t('common.disabled')}</Tag> : <Tag color="green">{t('common.enabled')}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'act',
              render: (_, u) => (
                <Space>
                  <Button size="small" onClick={() => void toggle(u)}>
                    {u.disabled ? t('users.enable') : t('users.disable')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </PageState>
    </div>
  );
}
