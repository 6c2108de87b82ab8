// The header's user button: name and role, changing one's password, and logging out.
import { useState } from 'react';
import { Avatar, Button, Dropdown, App as AntdApp } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/locale-context.tsx';
import { PasswordModal } from './password-modal.tsx';

export function UserMenu({ compact }: { compact?: boolean }) {
  const { user, logout } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = AntdApp.useApp();
  const [changing, setChanging] = useState(false);
  if (!user) return null;
  const onLogout = async () => {
    await logout().catch(() => undefined);
    void message.success(t('user.loggedOut'));
    void navigate('/login', { replace: true });
  };
  return (
    <>
      <PasswordModal open={changing} onClose={() => setChanging(false)} />
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', disabled: true, label: `${user.displayName} · ${t(`role.${user.role}`)}` },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: t('password.title'), onClick: () => setChanging(true) },
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
