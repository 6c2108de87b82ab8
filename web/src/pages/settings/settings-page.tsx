// 设置: users and roles, units (the gazetteer), the user dictionary, duty roster, playbooks, alert rules and
// channels, document settings — each tab only for the roles that manage it.
import type { ReactNode } from 'react';
import { Button, Card, Empty, Tabs } from 'antd';
import type { ChannelTestResult } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useAuth } from '../../auth/auth-context.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { PageFrame } from '../page-frame.tsx';
import { DictionaryTab } from './dictionary-tab.tsx';
import { DocumentSettingsTab } from './document-settings-tab.tsx';
import { JsonConfigList, type ConfigItem } from './json-config-list.tsx';
import { PlaybooksTab } from './playbooks-tab.tsx';
import { RosterTab } from './roster-tab.tsx';
import { UnitsTab } from './units-tab.tsx';
import { UsersTab } from './users-tab.tsx';

const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'email', 'webhook', 'in_app'] as const;

function TestSend({ item }: { item: ConfigItem }) {
  const { t } = useI18n();
  const { busy, run } = useAction();
  const send = () =>
    run(t('channels.testFailed'), async () => {
      const r = await api.post<ChannelTestResult>(`/api/channels/${encodeURIComponent(item.id)}/test`, {});
      if (!r.ok) throw new Error(r.error ? `${r.error.code}: ${r.error.message}` : `HTTP ${r.httpStatus ?? '?'}`);
      return t('channels.testOk', { n: r.attempts });
    });
  return (
    <Button size="small" loading={busy} onClick={() => void send()} data-testid="channel-test">
      {t('channels.test')}
    </Button>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  const { permissions } = useAuth();
  const manageAlerts = permissions.has('alerts:manage');
  const tabs: ({ key: string; label: string; children: ReactNode } | false)[] = [
    permissions.has('users:manage') && { key: 'users', label: t('settings.users'), children: <UsersTab /> },
    permissions.has('units:read') && { key: 'units', label: t('settings.units'), children: <UnitsTab /> },
    permissions.has('settings:manage') && {
      key: 'dictionary',
      label: t('settings.dictionary'),
      children: <DictionaryTab />,
    },
    permissions.has('alerts:read') && { key: 'roster', label: t('settings.roster'), children: <RosterTab /> },
    (permissions.has('playbooks:manage') || permissions.has('playbooks:activate')) && {
      key: 'playbooks',
      label: t('settings.playbooks'),
      children: <PlaybooksTab />,
    },
    manageAlerts && {
      key: 'rules',
      label: t('settings.rules'),
      children: (
        <JsonConfigList
          path="/api/alert-rules"
          listKey="rules"
          title={t('settings.rules')}
          addLabel={t('rules.add')}
          configLabel={t('rules.config')}
          canManage
          canDelete
        />
      ),
    },
    permissions.has('settings:manage') && {
      key: 'channels',
      label: t('settings.channels'),
      children: (
        <JsonConfigList
          path="/api/channels"
          listKey="channels"
          title={t('settings.channels')}
          addLabel={t('channels.add')}
          configLabel={t('channels.config')}
          kinds={CHANNEL_KINDS}
          canManage
          canDelete={false}
          extra={(i) => <TestSend item={i} />}
        />
      ),
    },
    permissions.has('settings:manage') && {
      key: 'documents',
      label: t('settings.documents'),
      children: <DocumentSettingsTab />,
    },
  ];
  const visible = tabs.filter((x) => x !== false);
  return (
    <PageFrame title={t('nav.settings')} description={t('settings.description')}>
      <Card>
        {visible.length === 0 ? (
          <Empty description={t('settings.nothing')} />
        ) : (
          <Tabs items={visible} destroyOnHidden />
        )}
      </Card>
    </PageFrame>
  );
}
