// 规则与时限: the office's document settings (warning rules, deadline table, holiday overrides, numbering, report
// template, default leaders), each edited as JSON, checked here before saving and validated again by the server,
// whose error names the path that is wrong (e.g. `value.0.date: …`).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { ApiError } from '../../api/api-error.ts';
import { useApi } from '../../api/use-api.ts';
import { useAction } from '../../api/use-action.ts';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';

export interface DocumentSetting {
  key: string;
  description: string;
  value: unknown;
  isDefault: boolean;
}

/** Parses the editor text; returns the value or null with `error` set when it is not JSON. */
export function parseSettingText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

function SettingEditor({ setting, onSaved }: { setting: DocumentSetting; onSaved: (s: DocumentSetting) => void }) {
  const { t } = useI18n();
  const { busy, run } = useAction();
  const [text, setText] = useState(() => JSON.stringify(setting.value, null, 2));
  const [serverError, setServerError] = useState<string>();
  useEffect(() => setText(JSON.stringify(setting.value, null, 2)), [setting.value]);
  const parsed = parseSettingText(text);
  const save = () =>
    run(setting.key, async () => {
      if (!parsed.ok) throw new Error(t('docSettings.invalidJson'));
      setServerError(undefined);
      try {
        const saved = await api.put<DocumentSetting>(`/api/settings/${encodeURIComponent(setting.key)}`, {
          value: parsed.value,
        });
        onSaved(saved);
        return t('common.saved');
      } catch (e) {
        if (e instanceof ApiError && e.status === 400) setServerError(e.message);
        throw e;
      }
    });
  const reset = () =>
    run(`${setting.key}:reset`, async () => {
      setServerError(undefined);
      onSaved(await api.delete<DocumentSetting>(`/api/settings/${encodeURIComponent(setting.key)}`));
      return t('docSettings.resetDone');
    });
  return (
    <Card
      size="small"
      data-testid={`setting-${setting.key}`}
      title={
        <Space wrap>
          <Typography.Text code>{setting.key}</Typography.Text>
          {setting.isDefault ? (
            <Tag data-testid="setting-default">{t('docSettings.isDefault')}</Tag>
          ) : (
            <Tag color="blue" data-testid="setting-changed">
              {t('docSettings.changed')}
            </Tag>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{setting.description}</Typography.Paragraph>
      <Input.TextArea
        aria-label={setting.key}
        rows={Math.min(16, Math.max(4, text.split('\n').length))}
        spellCheck={false}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        status={parsed.ok ? undefined : 'error'}
      />
      {!parsed.ok && (
        <Typography.Text type="danger" data-testid="setting-json-error">
          {t('docSettings.invalidJson')}: {parsed.error}
        </Typography.Text>
      )}
      {serverError && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="setting-server-error"
          title={t('docSettings.rejected')}
          description={<code>{serverError}</code>}
        />
      )}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" loading={busy} disabled={!parsed.ok} onClick={() => void save()}>
          {t('common.save')}
        </Button>
        <Button onClick={() => setText(JSON.stringify(setting.value, null, 2))}>{t('docSettings.revert')}</Button>
        {!setting.isDefault && (
          <Popconfirm
            title={t('docSettings.resetConfirm', { key: setting.key })}
            onConfirm={() => void reset()}
            okText={t('docSettings.reset')}
            cancelText={t('common.cancel')}
          >
            <Button danger data-testid="setting-reset">
              {t('docSettings.reset')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );
}

export function DocumentSettingsTab() {
  const { t } = useI18n();
  const r = useApi<{ settings: DocumentSetting[] }>('/api/settings');
  const [saved, setSaved] = useState<Record<string, DocumentSetting>>({});
  const list = (r.data?.settings ?? []).map((s) => saved[s.key] ?? s);
  return (
    <PageState
      what={t('settings.loadFailed', { what: t('settings.documents') })}
      loading={r.loading && !r.data}
      error={r.error}
      onRetry={r.reload}
      empty={r.data !== undefined && list.length === 0}
    >
      <div style={{ display: 'grid', gap: 12 }}>
        <Typography.Text type="secondary">{t('docSettings.hint')}</Typography.Text>
        {list.map((s) => (
          <SettingEditor key={s.key} setting={s} onSaved={(n) => setSaved((m) => ({ ...m, [n.key]: n }))} />
        ))}
      </div>
    </PageState>
  );
}
