// The side navigation: one entry per section, in the order officers use them.
import type { ReactNode } from 'react';
import {
  AimOutlined,
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FireOutlined,
  SettingOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n/i18n.ts';
import type { Permission } from '../api/types.ts';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only to users holding this permission; none → every signed-in user. */
  permission?: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.overview', icon: <DashboardOutlined />, permission: 'stats:read' },
  { path: '/stream', label: 'nav.stream', icon: <UnorderedListOutlined />, permission: 'posts:read' },
  { path: '/events', label: 'nav.events', icon: <FireOutlined />, permission: 'events:read' },
  { path: '/alerts', label: 'nav.alerts', icon: <AlertOutlined />, permission: 'alerts:read' },
  { path: '/cases', label: 'nav.cases', icon: <AuditOutlined />, permission: 'cases:read' },
  { path: '/reports', label: 'nav.reports', icon: <FileTextOutlined />, permission: 'reports:read' },
  { path: '/sources', label: 'nav.sources', icon: <ApiOutlined />, permission: 'sources:read' },
  { path: '/plans', label: 'nav.plans', icon: <AimOutlined />, permission: 'plans:read' },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined /> },
];

/** The nav entry a route belongs to: '/events/12' → '/events'. */
export function navKeyFor(pathname: string): string {
  const first = pathname.split('/').filter(Boolean)[0];
  return first ? `/${first}` : '/';
}

/** The entries a user with these permissions may open. */
export function visibleNavItems(permissions: ReadonlySet<string>): NavItem[] {
  return NAV_ITEMS.filter((item) => item.permission === undefined || permissions.has(item.permission));
}
