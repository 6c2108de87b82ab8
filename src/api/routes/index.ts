import type { Config } from '../../config/config.ts';
import type { Store } from '../../store/store.ts';
import type { Services } from '../../services/index.ts';
import type { App } from '../types.ts';
import { healthRoutes } from './health.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { userRoutes } from './users.routes.ts';
import { unitRoutes } from './units.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { postRoutes } from './posts.routes.ts';
import { eventRoutes } from './events.routes.ts';
import { statsRoutes } from './stats.routes.ts';
import { caseRoutes } from './cases.routes.ts';
import { reportRoutes } from './reports.routes.ts';
import { planRoutes } from './plans.routes.ts';
import { sourceRoutes } from './sources.routes.ts';
import { streamRoutes } from './stream.routes.ts';
import { ingestRoutes } from './ingest.routes.ts';
import { settingsRoutes } from './settings.routes.ts';
import { alertingRoutes } from './alerting.routes.ts';

export interface RouteDeps {
  config: Config;
  store: Store;
  services: Services;
  now: () => Date;
  version: string;
}

export function registerRoutes(app: App, d: RouteDeps) {
  healthRoutes(app, { store: d.store, version: d.version });
  authRoutes(app, { auth: d.services.auth, users: d.services.users, now: d.now, cookieSecure: d.config.cookieSecure, office: { name: d.config.officeName, timezone: d.config.timezone } });
  userRoutes(app, { users: d.services.users, auth: d.services.auth, listTokens: d.services.listTokens, now: d.now });
  unitRoutes(app, { units: d.services.units, now: d.now });
  auditRoutes(app, { audit: d.services.audit });
  postRoutes(app, { posts: d.services.posts, now: d.now });
  eventRoutes(app, { events: d.services.events, now: d.now });
  caseRoutes(app, { cases: d.services.cases, countPosts: d.services.countPosts, now: d.now });
  planRoutes(app, { plans: d.services.plans, now: d.now });
  sourceRoutes(app, { sources: d.services.sources, now: d.now });
  settingsRoutes(app, { settings: d.services.settings, now: d.now });
  ingestRoutes(app, { ingest: d.services.ingest, now: d.now });
  streamRoutes(app, { live: d.services.live });
  reportRoutes(app, { reports: d.services.reports, now: d.now });
  alertingRoutes(app, { ...d.services, now: d.now });
  statsRoutes(app, { overview: d.services.overview, now: d.now });
}
