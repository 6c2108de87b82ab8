import { z } from 'zod';
import { ChangePasswordBody, LoginBody, MeResponse, User } from '../../contracts/auth.ts';
import { Ok } from '../../contracts/common.ts';
import { ROLE_PERMISSIONS } from '../../contracts/permissions.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { SESSION_TTL_MS } from '../../services/auth.service.ts';
import type { UserService } from '../../services/user.service.ts';
import { toUser } from '../../services/user.service.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth-hook.ts';
import type { App } from '../types.ts';

export function authRoutes(app: App, deps: { auth: AuthService; users: UserService; now: () => Date; cookieSecure: boolean; office: { name: string; timezone: string } }) {
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: deps.cookieSecure, maxAge: SESSION_TTL_MS / 1000 };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: z.object({ user: User }) } },
    },
    async (req, reply) => {
      const { token, csrf, user } = await deps.auth.login(req.body.username, req.body.password, req.ip, deps.now().getTime());
      reply.setCookie(SESSION_COOKIE, token, { ...cookieBase, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, csrf, { ...cookieBase, httpOnly: false });
      return { user: toUser(user) };
    },
  );

  app.post('/api/auth/logout', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: Ok } } }, async (req, reply) => {
    if (req.sessionToken && req.actor) await deps.auth.logout(req.sessionToken, req.actor, deps.now().getTime());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.post('/api/auth/password', { config: { access: 'authenticated' }, schema: { tags: ['auth'], body: ChangePasswordBody, response: { 200: Ok } } }, async (req) => {
    await deps.auth.changeOwnPassword(req.actor!, req.body.current, req.body.next, req.sessionToken, deps.now().getTime());
    return { ok: true as const };
  });

  app.get('/api/auth/me', { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: MeResponse } } }, async (req) => {
    const actor = req.actor!;
    const user = await deps.users.find(actor.userId!);
    const permissions = actor.type === 'token' ? [...(actor.scopes ?? [])] : [...ROLE_PERMISSIONS[actor.role]];
    return { user: toUser(user), permissions, office: deps.office };
  });
}
