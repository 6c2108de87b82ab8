/** Sign-in with argon2id hashes, cookie sessions with CSRF tokens, lock-out, and scoped API tokens. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Store } from '../store/store.ts';
import type { UsersTable } from '../store/schema.ts';
import { newId, sha256Hex } from '../store/ids.ts';
import { AppError } from '../errors.ts';
import { isPermission, ROLE_PERMISSIONS, type Permission } from '../contracts/permissions.ts';
import type { Role } from '../contracts/auth.ts';
import { auditActor, type Actor } from './actor.ts';

export const SESSION_TTL_MS = 12 * 3600_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

export async function hashPassword(password: string): Promise<string> {
  return hash(password); // argon2id by default
}

const DUMMY_HASH_P = hash('tingfeng-dummy-password');

export function userActor(u: UsersTable): Actor {
  return { type: 'user', userId: u.id, role: u.role as Role, unitId: u.unit_id };
}

function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function createAuthService(store: Store) {
  return {
    async login(username: string, password: string, ip: string | null, now: number) {
      const user = await store.repos.users.byUsername(username);
      if (!user) {
        await verify(await DUMMY_HASH_P, password).catch(() => false); // same work as a real check
        throw new AppError('TF_ERR_AUTH', 'wrong username or password');
      }
      if (user.locked_until && user.locked_until > now) {
        throw new AppError('TF_ERR_LOCKED', `too many failed sign-ins; try again after ${new Date(user.locked_until).toISOString()}`);
      }
      const ok = user.disabled === 0 && (await verify(user.password_hash, password).catch(() => false));
      if (!ok) {
        const failed = user.failed_logins + 1;
        const locked = failed >= MAX_FAILED_LOGINS ? now + LOCK_MS : null;
        await store.tx(async (r) => {
          await r.users.update(user.id, { failed_logins: locked ? 0 : failed, locked_until: locked });
          if (locked) await r.audit.append({ at: now, actorType: 'system', actorId: null, action: 'user.locked', entity: 'user', entityId: user.id, after: { lockedUntil: locked } });
        });
        throw new AppError('TF_ERR_AUTH', 'wrong username or password');
      }
      const token = randomToken();
      const csrf = randomToken(24);
      await store.tx(async (r) => {
        await r.users.update(user.id, { failed_logins: 0, locked_until: null });
        await r.sessions.insert({ id: sha256Hex(token), user_id: user.id, csrf, created_at: now, expires_at: now + SESSION_TTL_MS, ip });
        await r.audit.append({ at: now, actorType: 'user', actorId: user.id, action: 'auth.login', entity: 'user', entityId: user.id, after: { ip } });
      });
      return { token, csrf, user };
    },

    async session(token: string, now: number): Promise<{ actor: Actor; csrf: string; user: UsersTable } | null> {
      const s = await store.repos.sessions.byId(sha256Hex(token));
      if (!s || s.expires_at < now) return null;
      const user = await store.repos.users.byId(s.user_id);
      if (!user || user.disabled) return null;
      return { actor: userActor(user), csrf: s.csrf, user };
    },

    async logout(token: string, actor: Actor, now: number): Promise<void> {
      await store.tx(async (r) => {
        await r.sessions.delete(sha256Hex(token));
        await r.audit.append({ at: now, ...auditActor(actor), action: 'auth.logout', entity: 'user', entityId: actor.userId });
      });
    },

    /** A person changes their own password (the current one is checked; other sessions end). */
    async changeOwnPassword(actor: Actor, current: string, next: string, keepSession: string | null, now: number): Promise<void> {
      if (actor.type !== 'user' || !actor.userId) throw new AppError('TF_ERR_FORBIDDEN', 'only a signed-in person can change their password');
      const user = await store.repos.users.byId(actor.userId);
      if (!user || !(await verify(user.password_hash, current).catch(() => false))) throw new AppError('TF_ERR_VALIDATION', 'current: the current password is wrong', { path: ['current'] });
      if (current === next) throw new AppError('TF_ERR_VALIDATION', 'next: choose a password different from the current one', { path: ['next'] });
      const hashed = await hashPassword(next);
      const kept = keepSession ? await store.repos.sessions.byId(sha256Hex(keepSession)) : undefined;
      await store.tx(async (r) => {
        await r.users.update(user.id, { password_hash: hashed, updated_at: now });
        await r.sessions.deleteForUser(user.id);
        if (kept) await r.sessions.insert(kept);
        await r.audit.append({ at: now, actorType: 'user', actorId: user.id, action: 'user.password', entity: 'user', entityId: user.id });
      });
    },

    async bearer(token: string, now: number): Promise<Actor | null> {
      const t = await store.repos.tokens.byHash(sha256Hex(token));
      if (!t || t.revoked_at) return null;
      const owner = await store.repos.users.byId(t.user_id);
      if (!owner || owner.disabled) return null;
      await store.repos.tokens.touch(t.id, now);
      const scopes = (JSON.parse(t.scopes) as string[]).filter(isPermission);
      return { type: 'token', userId: owner.id, role: owner.role as Role, unitId: owner.unit_id, scopes, tokenId: t.id };
    },

    async createToken(actor: Actor, name: string, scopes: string[], now: number) {
      if (!actor.userId) throw new AppError('TF_ERR_FORBIDDEN', 'tokens belong to a person');
      const bad = scopes.filter((s) => !isPermission(s));
      if (bad.length) throw new AppError('TF_ERR_VALIDATION', `unknown scope(s): ${bad.join(', ')}`, { path: ['scopes'] });
      const owned = ROLE_PERMISSIONS[actor.role];
      const beyond = scopes.filter((s) => !owned.includes(s as Permission));
      if (beyond.length) throw new AppError('TF_ERR_FORBIDDEN', `you cannot grant scopes you do not hold: ${beyond.join(', ')}`);
      const token = `tf_${randomToken()}`;
      const id = newId('tok', now);
      const row = { id, name, token_hash: sha256Hex(token), scopes: JSON.stringify(scopes), user_id: actor.userId, created_at: now, last_used_at: null, revoked_at: null };
      await store.tx(async (r) => {
        await r.tokens.insert(row);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'token.create', entity: 'api_token', entityId: id, after: { name, scopes } });
      });
      return { token, row };
    },

    async revokeToken(actor: Actor, id: string, now: number): Promise<void> {
      const t = await store.repos.tokens.byId(id);
      if (!t) throw new AppError('TF_ERR_NOT_FOUND', 'token not found');
      await store.tx(async (r) => {
        await r.tokens.revoke(id, now);
        await r.audit.append({ at: now, ...auditActor(actor), action: 'token.revoke', entity: 'api_token', entityId: id });
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
