// Starts the real API server (buildApp over a fresh temp store, serving web/dist) on 127.0.0.1 for browser tests.
import type { AddressInfo } from 'node:net';
import { openTestApp, PASSWORD, type TestApp } from '../helpers/app.ts';
import { SYSTEM_ACTOR } from '../../src/services/actor.ts';
import type { Role } from '../../src/contracts/auth.ts';

export { PASSWORD };

export interface RealServer {
  url: string;
  app: TestApp;
  /** Creates a user who signs in with PASSWORD. */
  addUser: (username: string, role: Role, displayName?: string, unitId?: string | null) => Promise<void>;
  close: () => Promise<void>;
}

export async function startRealServer(): Promise<RealServer> {
  const t = await openTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app: t,
    addUser: async (username, role, displayName, unitId = null) => {
      await t.services.users.create(
        SYSTEM_ACTOR,
        { username, role, unitId, password: PASSWORD, displayName },
        Date.now(),
      );
    },
    close: () => t.cleanup(),
  };
}
