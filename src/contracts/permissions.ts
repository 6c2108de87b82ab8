/** Permissions, the roles that hold them, and the scopes an API token may carry. */
import type { Role } from './auth.ts';

export const PERMISSIONS = [
  'posts:read', 'posts:label', 'posts:ingest',
  'events:read', 'events:write',
  'alerts:read', 'alerts:ack', 'alerts:manage',
  'cases:read', 'cases:write', 'cases:instruct', 'cases:reply',
  'playbooks:activate', 'playbooks:manage',
  'releases:read', 'releases:write',
  'reports:read', 'reports:generate',
  'sources:read', 'sources:manage',
  'plans:read', 'plans:manage',
  'stats:read',
  'units:read', 'units:manage',
  'users:manage', 'settings:manage', 'audit:read', 'tokens:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Special route declarations besides a permission. */
export type RouteAccess = Permission | 'public' | 'authenticated';

const READ_ALL: Permission[] = ['posts:read', 'events:read', 'alerts:read', 'cases:read', 'releases:read', 'reports:read', 'sources:read', 'plans:read', 'stats:read', 'units:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  analyst: [...READ_ALL, 'posts:label', 'posts:ingest', 'events:write', 'alerts:ack', 'alerts:manage', 'cases:write', 'reports:generate', 'sources:manage', 'plans:manage', 'playbooks:manage', 'releases:write'],
  duty_officer: [...READ_ALL, 'posts:label', 'posts:ingest', 'events:write', 'alerts:ack', 'cases:write', 'reports:generate', 'releases:write'],
  leader: [...READ_ALL, 'alerts:ack', 'cases:write', 'cases:instruct', 'playbooks:activate', 'reports:generate', 'releases:write', 'audit:read'],
  // A liaison sees only its own unit's cases (enforced by the case service) and replies to them.
  unit_liaison: ['cases:read', 'cases:reply', 'units:read', 'releases:read'],
};

export function roleHas(role: Role, p: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(p);
}

export function isPermission(s: string): s is Permission {
  return (PERMISSIONS as readonly string[]).includes(s);
}
