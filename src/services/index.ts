/** Creates the application services over a store. Each route module receives only the services it uses. */
import type { Config } from '../config/config.ts';
import type { Store } from '../store/store.ts';
import { createAuthService } from './auth.service.ts';
import { createUserService } from './user.service.ts';
import { createUnitService } from './unit.service.ts';
import { createAuditService } from './audit.service.ts';
import { createPostService } from './post.service.ts';
import { createEventService, type TrackerControl } from './event.service.ts';
import { createOverviewService } from './overview.service.ts';
import { createCaseService } from './case.service.ts';

export interface ServiceHooks {
  /** The live event tracker, when this process runs one (embedded mode). */
  tracker?: () => TrackerControl | null;
}

export function createServices(store: Store, config: Config, hooks: ServiceHooks = {}) {
  return {
    auth: createAuthService(store),
    users: createUserService(store),
    units: createUnitService(store),
    audit: createAuditService(store),
    posts: createPostService(store),
    events: createEventService(store, { timezone: config.timezone, tracker: hooks.tracker }),
    overview: createOverviewService(store, { timezone: config.timezone }),
    cases: createCaseService(store, { timezone: config.timezone }),
    countPosts: (from: number, to: number) => store.repos.posts.count({ from, to }),
    listTokens: () => store.repos.tokens.list(),
  };
}
export type Services = ReturnType<typeof createServices>;
