// Shared editor for alert rules and channels: a table of {name, enabled, config} items, an add/edit form with the
// config as JSON, and optional extra actions per row (e.g. "send test").
import { useState, type ReactNode } from 'react';
import { Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { listOf, parseJsonObject, useAction } from '../../api/use-action.ts';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';

export interface ConfigItem {
  id: string;
  name: string;
  enabled: boolean;
  kind?: string;
  config: Record<string, unknown>;
  hasSecret?: boolean;
}

interface ItemForm {
  name: string;
  kind?: string;
  enabled: boolean;
  config: string;
}

export interface JsonConfigListProps {
  path: string;
  listKey: string;
  title: string;
  addLabel: string;
  configLabel: string;
  kinds?: readonly string[];
  canManage: boolean;
  canDelete: boolean;
  extra?: (item: ConfigItem) => ReactNode;
}

export function JsonConfigList({
  path,
  listKey,
  title,
  addLabel,
  configLabel,
  kinds,
  canManage,
  canDelete,
  extra,
}: JsonConfigListProps) {
  const { t } = useI18n();
  const r = useApi<unknown>(path);
  const { busy, run } = useAction();
  const [editing, setEditing] = useState<ConfigItem | 'new' | null>(null);
  const [form] = Form.useForm<ItemForm>();
  const items = listOf<ConfigItem>(r.data, listKey);
  const save = (v: ItemForm) =>
    run(title, async () => {
      const body = {
        name: v.name.trim(),
        enabled: v.enabled,
        ...(kinds ? { kind: v.kind } : {}),
        config: parseJsonObject(v.config, t('json.invalid')),
      };
      if (editing === 'new') await api.post(path, body);
      else if (editing) await api.put(`${path}/${encodeURIComponent(editing.id)}`, body);
      setEditing(null);
      r.reload();
      return t('common.saved');
    });
  const remove = (item: ConfigItem) =>
    run(t('common.delete'), async () => {
      await api.delete(`${path}/${encodeURIComponent(item.id)}`);
      r.reload();
    });
  const current = editing === 'new' || editing === null ? null : editing;
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      {canManage && (
        <div>
          <Button type="primary" onClick={() => setEditing('new')}>
            {addLabel}
          </Button>
        </div>
      )}
      <PageState
        what={t('settings.loadFailed', { what: title })}
        loading={r.loading && !r.data}
        error={r.error}
        onRetry={r.reload}
        empty={r.data !== undefined && items.length === 0}
      >
        <Table<ConfigItem>
          rowKey="id"
          size="small"
          scroll={{ x: 700 }}
          dataSource={items}
          pagination={false}
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            ...(kinds
              ? [{ title: t('channels.kind'), key: 'kind', render: (_: unknown, i: ConfigItem) => i.kind }]
              : []),
            {
              title: t('common.enabled'),
              key: 'en',
              render: (_, i) =>
                i.enabled ? <Tag color="green">{t('common.enabled')}</Tag> : <Tag>{t('common.disabled')}</Tag>,
            },
            {
              title: configLabel,
              key: 'cfg',
              render: (_, i) => <code style={{ fontSize: 12 }}>{JSON.stringify(i.config).slice(0, 120)}</code>,
            },
            {
              title: t('common.actions'),
              key: 'act',
              render: (_, i) => (
                <Space wrap>
                  {i.hasSecret && <Tag color="gold">{t('channels.secret')}</Tag>}
                  {extra?.(i)}
                  {canManage && (
                    <Button size="small" onClick={() => setEditing(i)}>
                      {t('common.edit')}
                    </Button>
                  )}
                  {canManage && canDelete && (
                    <Button size="small" danger onClick={() => void remove(i)}>
                      {t('common.delete')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </PageState>
      <Modal
        open={editing !== null}
        title={current ? current.name : addLabel}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        forceRender
        width={640}
      >
        {editing !== null && (
          <Form<ItemForm>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{
              name: current?.name ?? '',
              kind: current?.kind ?? kinds?.[0],
              enabled: current?.enabled ?? true,
              config: JSON.stringify(current?.config ?? {}, null, 2),
            }}
            onFinish={(v) => void save(v)}
          >
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input />
            </Form.Item>
            {kinds && (
              <Form.Item name="kind" label={t('channels.kind')} rules={[{ required: true }]}>
                <Select options={kinds.map((k) => ({ value: k, label: k }))} disabled={current !== null} />
              </Form.Item>
            )}
            <Form.Item name="enabled" label={t('common.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item
              name="config"
              label={configLabel}
              rules={[
                {
                  validator: (_, v: string) =>
                    parseJsonObjectSafe(v) ? Promise.resolve() : Promise.reject(new Error(t('json.invalid'))),
                },
              ]}
            >
              <Input.TextArea rows={10} spellCheck={false} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </div>
  );
}

function parseJsonObjectSafe(v: string): boolean {
  try {
    parseJsonObject(v ?? '', 'x');
    return true;
  } catch {
    return false;
  }
}
