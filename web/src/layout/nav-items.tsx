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

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.overview', icon: <DashboardOutlined /> },
  { path: '/stream', label: 'nav.stream', icon: <UnorderedListOutlined /> },
  { path: '/events', label: 'nav.events', icon: <FireOutlined /> },
  { path: '/alerts', label: 'nav.alerts', icon: <AlertOutlined /> },
  { path: '/cases', label: 'nav.cases', icon: <AuditOutlined /> },
  { path: '/reports', label: 'nav.reports', icon: <FileTextOutlined /> },
  { path: '/sources', label: 'nav.sources', icon: <ApiOutlined /> },
  { path: '/plans', label: 'nav.plans', icon: <AimOutlined /> },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined /> },
];

/** The nav entry a route belongs to: '/events/12' → '/events'. */
export function navKeyFor(pathname: string): string {
  const first = pathname.split('/').filter(Boolean)[0];
  return first ? `/${first}` : '/';
}
