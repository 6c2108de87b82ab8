// Providers (Ant Design locale, auth) around the routes. HashRouter: the server serves index.html at `/` only.
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
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} button={{ autoInsertSpace: false }}>
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
