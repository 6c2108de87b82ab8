import type { Role } from '../contracts/auth.ts';
import type { Permission } from '../contracts/permissions.ts';
import { ROLE_PERMISSIONS } from '../contracts/permissions.ts';

/** Who is acting: a signed-in person, an API token (limited to its scopes), or the system itself. */
export interface Actor {
  type: 'user' | 'token' | 'system';
  userId: string | null;
  role: Role;
  unitId: string | null;
  /** For tokens: the scopes granted (a subset of the owner's permissions). */
  scopes?: readonly Permission[];
  tokenId?: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', userId: null, role: 'admin', unitId: null };

export function can(actor: Actor, p: Permission): boolean {
  if (!ROLE_PERMISSIONS[actor.role].includes(p)) return false;
  if (actor.type === 'token') return (actor.scopes ?? []).includes(p);
  return true;
}

export function auditActor(actor: Actor): { actorType: Actor['type']; actorId: string | null } {
  return { actorType: actor.type, actorId: actor.type === 'token' ? (actor.tokenId ?? null) : actor.userId };
}
