/** Registers the alerting and ledger-extras routes (alerts, rules, channels, roster, notifications, playbooks, releases). */
import type { AlertingServices } from '../../services/alerting.ts';
import type { App } from '../types.ts';
import { alertConfigRoutes } from './alert-config.routes.ts';
import { alertRoutes } from './alerts.routes.ts';
import { ledgerExtrasRoutes } from './ledger-extras.routes.ts';

export function alertingRoutes(app: App, deps: AlertingServices & { now: () => Date }) {
  alertRoutes(app, { alerts: deps.alerts, now: deps.now });
  alertConfigRoutes(app, { channels: deps.channels, roster: deps.roster, now: deps.now });
  ledgerExtrasRoutes(app, { playbooks: deps.playbooks, releases: deps.releases, now: deps.now });
}
