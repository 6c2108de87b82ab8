/** Creates the application services over a store. Each route module receives only the services it uses. */
import type { Config } from '../config/config.ts';
import type { Store } from '../store/store.ts';
import { createAuthService } from './auth.service.ts';
import { createUserService } from './user.service.ts';
import { createUnitService } from './unit.service.ts';
import { createAuditService } from './audit.service.ts';

export function createServices(store: Store, _config: Config) {
  return {
    auth: createAuthService(store),
    users: createUserService(store),
    units: createUnitService(store),
    audit: createAuditService(store),
    listTokens: () => store.repos.tokens.list(),
  };
}
export type Services = ReturnType<typeof createServices>;
