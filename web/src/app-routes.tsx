// The routes: login, the wall screen, and the signed-in sections inside the shell, each behind the permission it
// reads with. The overview and the wall screen (where the app opens) come with the app; every other page's code,
// and the login form's, is fetched when it is first shown, so the overview's first load carries only what it draws.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Route, Routes } from 'react-router-dom';
import { Spin } from 'antd';
import { RequireAuth } from './auth/require-auth.tsx';
import { HomeRoute, RequirePermission } from './auth/require-permission.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { OverviewPage } from './pages/overview/overview-page.tsx';
import { WallPage } from './pages/overview/wall-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import type { Permission } from './api/types.ts';

/** A page component loaded on first use from its module's named export. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const LoginPage = page(() => import('./pages/login-page.tsx'), 'LoginPage');
const StreamPage = page(() => import('./pages/stream/stream-page.tsx'), 'StreamPage');
const EventsPage = page(() => import('./pages/events/events-page.tsx'), 'EventsPage');
const EventPage = page(() => import('./pages/events/event-page.tsx'), 'EventPage');
const AlertsPage = page(() => import('./pages/alerts/alerts-page.tsx'), 'AlertsPage');
const CasesPage = page(() => import('./pages/cases/cases-page.tsx'), 'CasesPage');
const CasePage = page(() => import('./pages/cases/case-page.tsx'), 'CasePage');
const ReportsPage = page(() => import('./pages/reports/reports-page.tsx'), 'ReportsPage');
const SourcesPage = page(() => import('./pages/sources/sources-page.tsx'), 'SourcesPage');
const PlansPage = page(() => import('./pages/plans/plans-page.tsx'), 'PlansPage');
const SettingsPage = page(() => import('./pages/settings/settings-page.tsx'), 'SettingsPage');

/** Shown while a page's code arrives. */
function PageLoading() {
  return (
    <div role="status" style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

function loaded(element: ReactNode) {
  return <Suspense fallback={<PageLoading />}>{element}</Suspense>;
}

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
  return permission ? (
    <RequirePermission permission={permission}>{loaded(element)}</RequirePermission>
  ) : (
    loaded(element)
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={loaded(<LoginPage />)} />
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
