// Providers (Ant Design locale, auth) and the routes. HashRouter: the server serves index.html at `/` only.
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { HashRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context.tsx';
import { RequireAuth } from './auth/require-auth.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { PlaceholderPage } from './pages/placeholder-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { useI18n } from './i18n/locale-context.tsx';

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<OverviewPage />} />
        <Route path="stream" element={<PlaceholderPage title="nav.stream" description="stream.description" />} />
        <Route path="events" element={<PlaceholderPage title="nav.events" description="events.description" />} />
        <Route path="events/:id" element={<PlaceholderPage title="nav.events" description="event.description" />} />
        <Route path="alerts" element={<PlaceholderPage title="nav.alerts" description="alerts.description" />} />
        <Route path="cases" element={<PlaceholderPage title="nav.cases" description="cases.description" />} />
        <Route path="cases/:id" element={<PlaceholderPage title="nav.cases" description="case.description" />} />
        <Route path="reports" element={<PlaceholderPage title="nav.reports" description="reports.description" />} />
        <Route path="sources" element={<PlaceholderPage title="nav.sources" description="sources.description" />} />
        <Route path="plans" element={<PlaceholderPage title="nav.plans" description="plans.description" />} />
        <Route path="settings" element={<PlaceholderPage title="nav.settings" description="settings.description" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

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
