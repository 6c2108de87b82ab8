import { randomBytes } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { UsersTable } from '../store/schema.ts';
import { newId } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import type { Role, User } from '../contracts/auth.ts';
import { hashPassword } from './auth.service.ts';
import { auditActor, type Actor } from './actor.ts';

export function toUser(u: UsersTable): User {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, unitId: u.unit_id, disabled: u.disabled === 1 };
}

const redact = (u: User) => ({ ...u });

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  unitId?: string | null;
  password: string;
}

export function createUserService(store: Store) {
  async function checkUnit(role: Role, unitId: string | null | undefined): Promise<string | null> {
    if (role === 'unit_liaison' && !unitId) throw new AppError('TF_ERR_VALIDATION', 'a unit_liaison must be bound to a unit (--unit)', { path: ['unitId'] });
    if (!unitId) return null;
    const unit = (await store.repos.units.byId(unitId)) ?? (await store.repos.units.byName(unitId));
    if (!unit) throw new AppError('TF_ERR_VALIDATION', `unknown unit: ${unitId}`, { path: ['unitId'] });
    return unit.id;
  }

  return {
    async create(actor: Actor, input: NewUser, now: number): Promise<User> {
      if (await store.repos.users.byUsername(input.username)) throw new AppError('TF_ERR_CONFLICT', `user ${input.username} already exists`);
      const unitId = await checkUnit(input.role, input.unitId);
      const row: UsersTable = {
        id: newId('usr', now), username: input.username, display_name: input.displayName ?? input.username,
        password_hash: await hashPassword(input.password), role: input.role, unit_id: unitId, disabled: 0, failed_logins: 0,
        locked_until: null, created_at: now, updated_at: now,
      };
      await store.tx(async (r) => {
        await r.users.insert(row);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'user.create', entity: 'user', entityId: row.id, after: redact(toUser(row)) });
      });
      return toUser(row);
    },

    async list(): Promise<User[]> {
      return (await store.repos.users.list()).map(toUser);
    },

    async find(idOrName: string): Promise<UsersTable> {
      const u = (await store.repos.users.byId(idOrName)) ?? (await store.repos.users.byUsername(idOrName));
      if (!u) throw new AppError('TF_ERR_NOT_FOUND', `user ${idOrName} not found`);
      return u;
    },

    async update(actor: Actor, idOrName: string, patch: { displayName?: string; role?: Role; unitId?: string | null; disabled?: boolean; password?: string }, now: number): Promise<User> {
      const before = await this.find(idOrName);
      const role = patch.role ?? (before.role as Role);
      const unitId = patch.unitId !== undefined || patch.role ? await checkUnit(role, patch.unitId !== undefined ? patch.unitId : before.unit_id) : before.unit_id;
      const set: Partial<UsersTable> = { updated_at: now, role, unit_id: unitId };
      if (patch.displayName) set.display_name = patch.displayName;
      if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
      if (patch.password) set.password_hash = await hashPassword(patch.password);
      const after = { ...before, ...set };
      await store.tx(async (r) => {
        await r.users.update(before.id, set);
        if (patch.disabled || patch.password) await r.sessions.deleteForUser(before.id);
        await r.audit.append({
          at: now, ...auditActor(actor), action: patch.password ? 'user.password' : 'user.update', entity: 'user', entityId: before.id,
          before: toUser(before), after: toUser(after),
        });
      });
      return toUser(after);
    },

    /** On the first start with no users: create `admin` with a random password, returned once to be printed. */
    async ensureInitialAdmin(now: number): Promise<string | null> {
      if ((await store.repos.users.count()) > 0) return null;
      const password = randomBytes(12).toString('base64url');
      await this.create({ type: 'system', userId: null, role: 'admin', unitId: null }, { username: 'admin', displayName: '管理员', role: 'admin', password }, now);
      return password;
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
