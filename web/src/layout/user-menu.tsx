// The header's user button: name and role, changing one's password, and logging out.
import { lazy, Suspense, useState } from 'react';
import { Avatar, Button, Dropdown, App as AntdApp } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/locale-context.tsx';

// The form's code is fetched the first time the officer opens it, not with the shell.
const PasswordModal = lazy(() => import('./password-modal.tsx').then((m) => ({ default: m.PasswordModal })));

export function UserMenu({ compact }: { compact?: boolean }) {
  const { user, logout } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = AntdApp.useApp();
  const [changing, setChanging] = useState(false);
  // mounted from the first opening on (so its closing animation runs)
  const [opened, setOpened] = useState(false);
  if (!user) return null;
  const onLogout = async () => {
    await logout().catch(() => undefined);
    void message.success(t('user.loggedOut'));
    void navigate('/login', { replace: true });
  };
  return (
    <>
      {opened && (
        <Suspense fallback={null}>
          <PasswordModal open={changing} onClose={() => setChanging(false)} />
        </Suspense>
      )}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', disabled: true, label: `${user.displayName} · ${t(`role.${user.role}`)}` },
            { type: 'divider' },
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: t('password.title'),
              onClick: () => {
                setOpened(true);
                setChanging(true);
              },
            },
            { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: () => void onLogout() },
          ],
        }}
      >
        <Button type="text" aria-label={t('user.menu')} data-testid="user-menu" style={{ color: '#fff' }}>
          <Avatar size="small" icon={<UserOutlined />} />
          {!compact && <span style={{ marginLeft: 8 }}>{user.displayName}</span>}
        </Button>
      </Dropdown>
    </>
  );
}
