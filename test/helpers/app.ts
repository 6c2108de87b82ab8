/** Builds the real app over a fresh test store, with helpers to sign in as a role. */
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import { buildApp } from '../../src/api/app.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { SYSTEM_ACTOR } from '../../src/services/actor.ts';
import type { Role } from '../../src/contracts/auth.ts';
import type { App } from '../../src/api/types.ts';
import { openTestStore, type TestStore } from './store.ts';

export interface TestApp extends TestStore {
  app: App;
  services: Services;
  login(username: string, password?: string): Promise<Session>;
  addUser(username: string, role: Role, unitId?: string | null): Promise<Session>;
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  /** Inject a request with this session's cookie and, for writes, its CSRF header. */
  req(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export const PASSWORD = 'correct-horse-battery';

export async function openTestApp(opts: { now?: () => Date } = {}): Promise<TestApp> {
  const ts = await openTestStore();
  const config = loadConfig({ overrides: { dataDir: ts.dataDir, logLevel: 'silent', databaseUrl: ts.databaseUrl } });
  const services = createServices(ts.store, config);
  const app = await buildApp({ config, store: ts.store, services, logger: false, now: opts.now });
  await app.ready();
  const login = async (username: string, password = PASSWORD): Promise<Session> => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
    const cookies = r.cookies as { name: string; value: string }[];
    const session = cookies.find((c) => c.name === 'tf_session')!.value;
    const csrf = cookies.find((c) => c.name === 'tf_csrf')!.value;
    const cookie = `tf_session=${session}; tf_csrf=${csrf}`;
    const userId = (JSON.parse(r.body) as { user: { id: string } }).user.id;
    return {
      cookie, csrf, userId,
      req: (method, url, body) =>
        app.inject({ method: method as 'GET', url, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) }, ...(body === undefined ? {} : { payload: body as object }) }),
    };
  };
  return {
    ...ts,
    app,
    services,
    login,
    addUser: async (username, role, unitId = null) => {
      await services.users.create(SYSTEM_ACTOR, { username, role, unitId, password: PASSWORD }, Date.now());
      return login(username);
    },
    cleanup: async () => {
      await app.close();
      await ts.cleanup();
    },
  };
}
