import { z } from 'zod';
import { ApiToken, CreateTokenBody, CreateTokenResponse, CreateUserBody, UpdateUserBody, User } from '../../contracts/auth.ts';
import { IdParams, Ok } from '../../contracts/common.ts';
import type { AuthService } from '../../services/auth.service.ts';
import type { UserService } from '../../services/user.service.ts';
import type { ApiTokensTable } from '../../store/schema.ts';
import type { App } from '../types.ts';

const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString());
const toToken = (t: ApiTokensTable) => ({
  id: t.id, name: t.name, scopes: JSON.parse(t.scopes) as string[], createdAt: new Date(t.created_at).toISOString(),
  lastUsedAt: iso(t.last_used_at), revokedAt: iso(t.revoked_at),
});

export function userRoutes(app: App, deps: { users: UserService; auth: AuthService; listTokens(): Promise<ApiTokensTable[]>; now: () => Date }) {
  app.get('/api/users', { config: { access: 'users:manage' }, schema: { tags: ['users'], response: { 200: z.object({ users: z.array(User) }) } } }, async () => ({
    users: await deps.users.list(),
  }));
  // Names of the people on the desk (for case histories and rosters): every signed-in person may see them.
  app.get(
    '/api/users/directory',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['users'], response: { 200: z.object({ users: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string(), unitId: z.string().nullable() })) }) } },
    },
    async () => ({ users: (await deps.users.list()).filter((u) => !u.disabled).map((u) => ({ id: u.id, displayName: u.displayName, role: u.role, unitId: u.unitId })) }),
  );
  app.post('/api/users', { config: { access: 'users:manage' }, schema: { tags: ['users'], body: CreateUserBody, response: { 201: User } } }, async (req, reply) => {
    reply.status(201);
    return deps.users.create(req.actor!, req.body, deps.now().getTime());
  });
  app.patch('/api/users/:id', { config: { access: 'users:manage' }, schema: { tags: ['users'], params: IdParams, body: UpdateUserBody, response: { 200: User } } }, async (req) =>
    deps.users.update(req.actor!, req.params.id, req.body, deps.now().getTime()),
  );

  app.get('/api/tokens', { config: { access: 'tokens:manage' }, schema: { tags: ['tokens'], response: { 200: z.object({ tokens: z.array(ApiToken) }) } } }, async () => ({
    tokens: (await deps.listTokens()).map(toToken),
  }));
  app.post('/api/tokens', { config: { access: 'tokens:manage' }, schema: { tags: ['tokens'], body: CreateTokenBody, response: { 201: CreateTokenResponse } } }, async (req, reply) => {
    const { token, row } = await deps.auth.createToken(req.actor!, req.body.name, req.body.scopes, deps.now().getTime());
    reply.status(201);
    return { token, info: toToken(row) };
  });
  app.delete('/api/tokens/:id', { config: { access: 'tokens:manage' }, schema: { tags: ['tokens'], params: IdParams, response: { 200: Ok } } }, async (req) => {
    await deps.auth.revokeToken(req.actor!, req.params.id, deps.now().getTime());
    return { ok: true as const };
  });
}
