import { z } from 'zod';
import { IdParams, Ok } from '../../contracts/common.ts';
import { Plan, PlanBody, PlanCheck, PlanTestBody, PlanTestResponse } from '../../contracts/plans.ts';
import type { PlanService } from '../../services/plan.service.ts';
import type { App } from '../types.ts';

export function planRoutes(app: App, deps: { plans: PlanService; now: () => Date }) {
  app.get('/api/plans', { config: { access: 'plans:read' }, schema: { tags: ['plans'], response: { 200: z.object({ plans: z.array(Plan) }) } } }, async () => ({ plans: await deps.plans.list() }));
  app.post('/api/plans', { config: { access: 'plans:manage' }, schema: { tags: ['plans'], body: PlanBody, response: { 201: Plan } } }, async (req, reply) => {
    reply.status(201);
    return deps.plans.create(req.actor!, req.body, deps.now().getTime());
  });
  app.put('/api/plans/:id', { config: { access: 'plans:manage' }, schema: { tags: ['plans'], params: IdParams, body: PlanBody, response: { 200: Plan } } }, async (req) =>
    deps.plans.update(req.actor!, req.params.id, req.body, deps.now().getTime()),
  );
  app.delete('/api/plans/:id', { config: { access: 'plans:manage' }, schema: { tags: ['plans'], params: IdParams, response: { 200: Ok } } }, async (req) => {
    await deps.plans.remove(req.actor!, req.params.id, deps.now().getTime());
    return { ok: true as const };
  });
  app.post('/api/plans/check', { config: { access: 'plans:read' }, schema: { tags: ['plans'], body: z.object({ expression: z.string().max(5000) }), response: { 200: PlanCheck } } }, async (req) =>
    deps.plans.check(req.body.expression),
  );
  app.post('/api/plans/test', { config: { access: 'plans:read' }, schema: { tags: ['plans'], body: PlanTestBody, response: { 200: PlanTestResponse } } }, async (req) =>
    deps.plans.backtest(req.body.expression, req.body.days, req.body.sample, deps.now().getTime()),
  );
}
