// The navigation menu, shared by the desktop sider and the phone drawer. Entries are real links (#/path).
import { Menu } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { navKeyFor, visibleNavItems } from './nav-items.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/locale-context.tsx';

export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { permissions } = useAuth();
  return (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={[navKeyFor(pathname)]}
      onClick={onNavigate}
      items={visibleNavItems(permissions).map((item) => ({
        key: item.path,
        icon: item.icon,
        label: <Link to={item.path}>{t(item.label)}</Link>,
      }))}
    />
  );
}
