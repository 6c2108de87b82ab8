// Lists the pickers need (sources, plans, units, people), loaded once per page; a list the role cannot read stays
// empty.
import { useAuth } from '../auth/auth-context.tsx';
import { useApi } from './use-api.ts';
import type { Plan, Source, Unit } from './types.ts';

export function useUnits(): Unit[] {
  const { permissions } = useAuth();
  const r = useApi<{ units: Unit[] }>(permissions.has('units:read') ? '/api/units' : '');
  return r.data?.units ?? [];
}

export function useSources(): Source[] {
  const { permissions } = useAuth();
  const r = useApi<{ sources: Source[] }>(permissions.has('sources:read') ? '/api/sources' : '');
  return r.data?.sources ?? [];
}

export function usePlans(): Plan[] {
  const { permissions } = useAuth();
  const r = useApi<{ plans: Plan[] }>(permissions.has('plans:read') ? '/api/plans' : '');
  return r.data?.plans ?? [];
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  role: string;
  unitId: string | null;
}

/** Everyone's display name by user id (any signed-in person may read the directory); ids not found stay as they are. */
export function useUserNames(): { users: DirectoryUser[]; name: (id: string) => string } {
  const r = useApi<{ users: DirectoryUser[] }>('/api/users/directory');
  const users = r.data?.users ?? [];
  const byId = new Map(users.map((u) => [u.id, u.displayName]));
  return { users, name: (id: string) => byId.get(id) ?? id };
}
