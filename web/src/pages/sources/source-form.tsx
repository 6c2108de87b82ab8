// Add or edit a source: name, kind, schedule, and the connector's settings drawn from its JSON Schema; a test
// fetch previews what the settings would collect (titles and text shown as text).
import { useMemo, useState } from 'react';
import {
  Alert,
  App as AntdApp,
  Button,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import type { ConnectorKind, Source, TestFetchResponse } from '../../api/types.ts';
import { SchemaFormItems } from '../../components/schema-form/schema-form.tsx';
import { cleanConfig, configToValues, schemaFields, secretsSet } from '../../components/schema-form/schema-fields.ts';
import { useI18n } from '../../i18n/locale-context.tsx';
import { excerpt } from '../stream/post-item.tsx';

interface SourceFormValues {
  name: string;
  kind: string;
  enabled: boolean;
  intervalSeconds: number;
  weight: number;
  config?: Record<string, unknown>;
}

export interface SourceFormProps {
  open: boolean;
  source: Source | null;
  connectors: ConnectorKind[];
  onClose: () => void;
  onSaved: () => void;
}

function Preview({ result }: { result: TestFetchResponse }) {
  const { t } = useI18n();
  if (!result.ok)
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.failed', { what: t('sources.testFailed'), message: result.error ?? '' })}
      />
    );
  return (
    <div data-testid="source-preview">
      <Typography.Text strong>{t('sources.preview', { n: Math.min(10, result.items.length) })}</Typography.Text>
      <List
        size="small"
        dataSource={result.items.slice(0, 10)}
        renderItem={(it, i) => (
          <List.Item key={i} style={{ display: 'block' }}>
            <div>
              <Typography.Text strong>{it.title}</Typography.Text>{' '}
              <Typography.Text type="secondary">{it.published_at}</Typography.Text>
            </div>
            <div>{excerpt(it.text, 120)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {it.url}
            </Typography.Text>
          </List.Item>
        )}
      />
    </div>
  );
}

export function SourceForm({ open, source, connectors, onClose, onSaved }: SourceFormProps) {
  const { t } = useI18n();
  const { message } = AntdApp.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<SourceFormValues>();
  const kind = Form.useWatch('kind', form) ?? source?.kind;
  const connector = connectors.find((c) => c.kind === kind);
  const fields = useMemo(() => (connector ? schemaFields(connector.schema) : []), [connector]);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<TestFetchResponse | null>(null);

  const configOf = (v: SourceFormValues) => {
    const props = (connector?.schema.properties ?? {}) as Record<string, unknown>;
    const own = { ...('kind' in props ? { kind: v.kind } : {}), ...('name' in props ? { name: v.name } : {}) };
    return { ...own, ...cleanConfig(v.config ?? {}, fields) };
  };
  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      void message.error(
        t('common.failed', {
          what,
          message: e instanceof ApiError ? e.describe() : e instanceof Error ? e.message : String(e),
        }),
      );
    } finally {
      setBusy(false);
    }
  };
  const test = () =>
    form.validateFields().then(
      (v) =>
        run(t('sources.testFailed'), async () => {
          setPreview(await api.post<TestFetchResponse>('/api/sources/test', { kind: v.kind, config: configOf(v) }));
        }),
      () => undefined,
    );
  const save = (v: SourceFormValues) =>
    run(t('sources.saveFailed'), async () => {
      const body = {
        name: v.name.trim(),
        kind: v.kind,
        enabled: v.enabled,
        intervalSeconds: v.intervalSeconds,
        weight: v.weight,
        config: configOf(v),
      };
      if (source) await api.patch(`/api/sources/${encodeURIComponent(source.id)}`, body);
      else await api.post('/api/sources', body);
      void message.success(t('sources.saved'));
      onSaved();
      onClose();
    });

  const initial: Partial<SourceFormValues> = source
    ? {
        name: source.name,
        kind: source.kind,
        enabled: source.enabled,
        intervalSeconds: source.intervalSeconds,
        weight: source.weight,
        config: configToValues(
          source.config,
          source ? schemaFields(connectors.find((c) => c.kind === source.kind)?.schema ?? {}) : [],
        ),
      }
    : { enabled: true, intervalSeconds: 900, weight: 1, kind: connectors[0]?.kind };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={source ? t('sources.edit') : t('sources.add')}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      data-testid="source-form"
    >
      <Form<SourceFormValues>
        form={form}
        layout="vertical"
        name="source"
        initialValues={initial}
        onFinish={(v) => void save(v)}
        onValuesChange={(c: Partial<SourceFormValues>) => 'kind' in c && setPreview(null)}
      >
        <Form.Item name="name" label={t('sources.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('sources.kind')} rules={[{ required: true }]} extra={connector?.description}>
          <Select
            disabled={source !== null}
            options={connectors.map((c) => ({ value: c.kind, label: `${c.title} (${c.kind})` }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="enabled" label={t('sources.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="intervalSeconds" label={t('sources.interval')} rules={[{ required: true }]}>
            <InputNumber min={60} max={604800} step={60} />
          </Form.Item>
          <Form.Item name="weight" label={t('sources.weight')}>
            <InputNumber min={0} max={10} step={0.1} />
          </Form.Item>
        </Space>
        <SchemaFormItems
          key={kind}
          fields={fields}
          namePrefix={['config']}
          secrets={source && source.kind === kind ? secretsSet(source.config) : undefined}
        />
        <Space wrap>
          <Button onClick={() => void test()} loading={busy} data-testid="source-test">
            {t('sources.test')}
          </Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="source-save">
            {t('common.save')}
          </Button>
        </Space>
      </Form>
      {preview && (
        <div style={{ marginTop: 16 }}>
          <Preview result={preview} />
        </div>
      )}
    </Drawer>
  );
}
