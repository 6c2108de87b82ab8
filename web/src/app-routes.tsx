// The routes: login, the wall screen, and the signed-in sections inside the shell, each behind the permission it
// reads with.
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/require-auth.tsx';
import { HomeRoute, RequirePermission } from './auth/require-permission.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { OverviewPage } from './pages/overview/overview-page.tsx';
import { WallPage } from './pages/overview/wall-page.tsx';
import { StreamPage } from './pages/stream/stream-page.tsx';
import { EventsPage } from './pages/events/events-page.tsx';
import { EventPage } from './pages/events/event-page.tsx';
import { AlertsPage } from './pages/alerts/alerts-page.tsx';
import { CasesPage } from './pages/cases/cases-page.tsx';
import { CasePage } from './pages/cases/case-page.tsx';
import { ReportsPage } from './pages/reports/reports-page.tsx';
import { SourcesPage } from './pages/sources/sources-page.tsx';
import { PlansPage } from './pages/plans/plans-page.tsx';
import { SettingsPage } from './pages/settings/settings-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import type { Permission } from './api/types.ts';

interface Section {
  path: string;
  permission?: Permission;
  element: ReactNode;
}

const SECTIONS: readonly Section[] = [
  { path: 'stream', permission: 'posts:read', element: <StreamPage /> },
  { path: 'events', permission: 'events:read', element: <EventsPage /> },
  { path: 'events/:id', permission: 'events:read', element: <EventPage /> },
  { path: 'alerts', permission: 'alerts:read', element: <AlertsPage /> },
  { path: 'cases', permission: 'cases:read', element: <CasesPage /> },
  { path: 'cases/:id', permission: 'cases:read', element: <CasePage /> },
  { path: 'reports', permission: 'reports:read', element: <ReportsPage /> },
  { path: 'sources', permission: 'sources:read', element: <SourcesPage /> },
  { path: 'plans', permission: 'plans:read', element: <PlansPage /> },
  { path: 'settings', element: <SettingsPage /> },
];

function guarded(permission: Permission | undefined, element: ReactNode) {
  return permission ? <RequirePermission permission={permission}>{element}</RequirePermission> : element;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/wall"
        element={
          <RequireAuth>
            <RequirePermission permission="stats:read">
              <WallPage />
            </RequirePermission>
          </RequireAuth>
        }
      />
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
          <Route key={s.path} path={s.path} element={guarded(s.permission, s.element)} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
