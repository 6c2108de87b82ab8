// The shell around every signed-in page: side navigation (a drawer on phones), header with the office name,
// language switch and user menu, and the page in <main>.
import { useState, type MouseEvent } from 'react';
import { Button, Drawer, Grid, Layout, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Outlet } from 'react-router-dom';
import { NavMenu } from './nav-menu.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { UserMenu } from './user-menu.tsx';
import { useAuth } from '../auth/auth-context.tsx';
import { AlertNotifier } from '../live/alert-notifier.tsx';
import { useI18n } from '../i18n/locale-context.tsx';

const HEADER_BG = '#001529';

function Brand() {
  const { t } = useI18n();
  return (
    <div
      style={{
        height: 64,
        display: 'flex',
        alignItems: 'center',
        padding: '0 24px',
        color: '#fff',
        fontSize: 20,
        fontWeight: 600,
      }}
    >
      {t('app.name')}
    </div>
  );
}

/** The router owns the URL hash, so the skip link moves focus itself instead of navigating. */
function skipToMain(e: MouseEvent) {
  e.preventDefault();
  document.getElementById('tf-main')?.focus();
}

export function AppLayout() {
  const { t } = useI18n();
  const { office } = useAuth();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const officeName = office.name ?? t('app.defaultOffice');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AlertNotifier />
      <a className="tf-skip-link" href="#tf-main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      {isPhone ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          styles={{ body: { padding: 0, background: HEADER_BG } }}
          closable={false}
        >
          <Brand />
          <nav aria-label={t('nav.menu')}>
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={200}>
          <Brand />
          <nav aria-label={t('nav.menu')}>
            <NavMenu />
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: isPhone ? '0 8px' : '0 24px',
            background: HEADER_BG,
          }}
        >
          {isPhone && (
            <Button
              type="text"
              icon={<MenuOutlined style={{ color: '#fff' }} />}
              aria-label={t('nav.menu')}
              aria-expanded={drawerOpen}
              data-testid="nav-toggle"
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Typography.Text
            data-testid="office-name"
            ellipsis
            style={{ color: '#fff', fontSize: isPhone ? 16 : 18, flex: 1, minWidth: 0 }}
          >
            {officeName}
          </Typography.Text>
          <LanguageSwitch light />
          <UserMenu compact={isPhone} />
        </Layout.Header>
        <Layout.Content id="tf-main" tabIndex={-1} style={{ padding: isPhone ? 12 : 24, outline: 'none' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
