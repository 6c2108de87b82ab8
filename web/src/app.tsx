// Providers (Ant Design locale, auth) around the routes. HashRouter: the server serves index.html at `/` only.
// zeroRuntime: Ant Design's component styles come from antd/dist/antd.css (main.tsx) instead of being generated in the
// browser as each component first renders (the overview's first load spent ~0.1 s of its main thread on that); themes
// (the wall screen's dark one) still apply through the CSS variables.
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { HashRouter } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context.tsx';
import { AppRoutes } from './app-routes.tsx';
import { useI18n } from './i18n/locale-context.tsx';

export function App() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{ zeroRuntime: true }}
    >
      <AntdApp>
        <AuthProvider>
          <HashRouter>
            <AppRoutes />
          </HashRouter>
        </AuthProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
