// The routes: login, and the signed-in sections inside the shell, each behind the permission it reads with.
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/require-auth.tsx';
import { HomeRoute, RequirePermission } from './auth/require-permission.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { OverviewPage } from './pages/overview/overview-page.tsx';
import { PlaceholderPage } from './pages/placeholder-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import type { Permission } from './api/types.ts';
import type { MessageKey } from './i18n/i18n.ts';

interface Section {
  path: string;
  permission?: Permission;
  title: MessageKey;
  description: MessageKey;
}

const SECTIONS: readonly Section[] = [
  { path: 'stream', permission: 'posts:read', title: 'nav.stream', description: 'stream.description' },
  { path: 'events', permission: 'events:read', title: 'nav.events', description: 'events.description' },
  { path: 'events/:id', permission: 'events:read', title: 'nav.events', description: 'event.description' },
  { path: 'alerts', permission: 'alerts:read', title: 'nav.alerts', description: 'alerts.description' },
  { path: 'cases', permission: 'cases:read', title: 'nav.cases', description: 'cases.description' },
  { path: 'cases/:id', permission: 'cases:read', title: 'nav.cases', description: 'case.description' },
  { path: 'reports', permission: 'reports:read', title: 'nav.reports', description: 'reports.description' },
  { path: 'sources', permission: 'sources:read', title: 'nav.sources', description: 'sources.description' },
  { path: 'plans', permission: 'plans:read', title: 'nav.plans', description: 'plans.description' },
  { path: 'settings', title: 'nav.settings', description: 'settings.description' },
];

function guarded(permission: Permission | undefined, element: ReactNode) {
  return permission ? <RequirePermission permission={permission}>{element}</RequirePermission> : element;
}

export function AppRoutes() {
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
        <Route
          index
          element={
            <HomeRoute>
              <OverviewPage />
            </HomeRoute>
          }
        />
        {SECTIONS.map((s) => (
          <Route key={s.path} path={s.path} element={guarded(s.permission, <PlaceholderPage title={s.title} description={s.description} />)} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
