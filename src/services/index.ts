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
import { createReportService } from './report.service.ts';
import { createPlanService } from './plan.service.ts';
import { createSourceService, type SourceRunner } from './source.service.ts';
import { Changes } from './changes.ts';
import { createRetentionService } from './retention.service.ts';
import { createSettingsService } from './settings.service.ts';
import { LiveHub } from './live.ts';
import { createIngestService, type IngestFn } from './ingest.service.ts';
import { createAlertingServices } from './alerting.ts';

export interface ServiceHooks {
  /** The live event tracker, when this process runs one (embedded mode). */
  tracker?: () => TrackerControl | null;
  /** The collector, when this process collects (embedded mode). */
  runner?: () => SourceRunner | null;
  changes?: Changes;
  live?: LiveHub;
  /** Where pushed and registered items go (the embedded runner, or the cluster's queue). */
  ingest?: () => IngestFn | null;
}

export function createServices(store: Store, config: Config, hooks: ServiceHooks = {}) {
  const changes = hooks.changes ?? new Changes();
  const live = hooks.live ?? new LiveHub();
  const cases = createCaseService(store, { timezone: config.timezone });
  return {
    changes,
    cases,
    overview: createOverviewService(store, { timezone: config.timezone, caseStats: (from, to, now) => cases.stats({ from, to }, undefined, now) }),
    live,
    auth: createAuthService(store),
    users: createUserService(store),
    units: createUnitService(store, changes),
    audit: createAuditService(store),
    posts: createPostService(store),
    events: createEventService(store, { timezone: config.timezone, tracker: hooks.tracker }),

    countPosts: (from: number, to: number) => store.repos.posts.count({ from, to }),
    plans: createPlanService(store, { timezone: config.timezone, changes }),
    sources: createSourceService(store, { userAgent: config.userAgent, changes, runner: hooks.runner }),
    reports: createReportService(store, { timeZone: config.timezone, officeName: config.officeName, baseUrl: (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '') }),
    ...createAlertingServices(store, config, { live }),
    ingest: createIngestService(store, { timezone: config.timezone, ingest: hooks.ingest ?? (() => null) }),
    retention: createRetentionService(store),
    settings: createSettingsService(store, { changes }),
    listTokens: () => store.repos.tokens.list(),
  };
}
export type Services = ReturnType<typeof createServices>;
