/**
 * Alerts: list, detail with deliveries, acknowledge, heightened mode, the signed-in user's notifications, and the
 * alert rules. PUT /api/alerts/heightened needs only alerts:ack: a duty officer switches 24-hour watch on for an
 * event at once (who and why are audited); the rules need alerts:manage.
 */
import { z } from 'zod';
import {
  AckBody,
  Alert,
  AlertDetail,
  AlertList,
  AlertQuery,
  AlertRule,
  AlertRuleBody,
  HeightenedMode,
  NotificationList,
  SetHeightenedBody,
} from '../../contracts/alerts.ts';
import { IdParams, Ok } from '../../contracts/common.ts';
import type { AlertService } from '../../services/alert.service.ts';
import type { App } from '../types.ts';

export function alertRoutes(app: App, deps: { alerts: AlertService; now: () => Date }) {
  const tags = ['alerts'];
  app.get(
    '/api/alerts',
    { config: { access: 'alerts:read' }, schema: { tags, querystring: AlertQuery, response: { 200: AlertList } } },
    async (req) => deps.alerts.list(req.query),
  );
  app.get(
    '/api/alerts/heightened',
    { config: { access: 'alerts:read' }, schema: { tags, response: { 200: HeightenedMode } } },
    async () => deps.alerts.heightened(deps.now()),
  );
  app.put(
    '/api/alerts/heightened',
    { config: { access: 'alerts:ack' }, schema: { tags, body: SetHeightenedBody, response: { 200: HeightenedMode } } },
    async (req) => deps.alerts.setHeightened(req.actor!, req.body, deps.now()),
  );
  app.get(
    '/api/alerts/:id',
    { config: { access: 'alerts:read' }, schema: { tags, params: IdParams, response: { 200: AlertDetail } } },
    async (req) => deps.alerts.get(req.params.id),
  );
  app.post(
    '/api/alerts/:id/ack',
    { config: { access: 'alerts:ack' }, schema: { tags, params: IdParams, body: AckBody, response: { 200: Alert } } },
    async (req) => deps.alerts.ack(req.actor!, req.params.id, req.body?.note, deps.now()),
  );
  app.get(
    '/api/notifications',
    { config: { access: 'authenticated' }, schema: { tags, response: { 200: NotificationList } } },
    async (req) => deps.alerts.notifications(req.actor!),
  );

  const rules = deps.alerts.rules;
  app.get(
    '/api/alert-rules',
    { config: { access: 'alerts:read' }, schema: { tags, response: { 200: z.object({ rules: z.array(AlertRule) }) } } },
    async () => rules.list(),
  );
  app.post(
    '/api/alert-rules',
    { config: { access: 'alerts:manage' }, schema: { tags, body: AlertRuleBody, response: { 201: AlertRule } } },
    async (req, reply) => {
      reply.status(201);
      return rules.create(req.actor!, req.body, deps.now());
    },
  );
  app.put(
    '/api/alert-rules/:id',
    {
      config: { access: 'alerts:manage' },
      schema: { tags, params: IdParams, body: AlertRuleBody, response: { 200: AlertRule } },
    },
    async (req) => rules.update(req.actor!, req.params.id, req.body, deps.now()),
  );
  app.delete(
    '/api/alert-rules/:id',
    { config: { access: 'alerts:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => rules.remove(req.actor!, req.params.id, deps.now()),
  );
}
