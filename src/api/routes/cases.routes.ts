import { z } from 'zod';
import { IdParams } from '../../contracts/common.ts';
import { Case, CaseActionBody, CaseDetail, CaseQuery, CaseStats, CaseStatsQuery, CreateCaseBody } from '../../contracts/cases.ts';
import type { CaseService } from '../../services/case.service.ts';
import type { App } from '../types.ts';

export function caseRoutes(app: App, deps: { cases: CaseService; countPosts(from: number, to: number): Promise<number>; now: () => Date }) {
  app.get(
    '/api/cases',
    { config: { access: 'cases:read' }, schema: { tags: ['cases'], querystring: CaseQuery, response: { 200: z.object({ cases: z.array(Case), total: z.number(), page: z.number(), pageSize: z.number() }) } } },
    async (req) => deps.cases.list(req.actor!, req.query, deps.now()),
  );
  app.post('/api/cases', { config: { access: 'cases:write' }, schema: { tags: ['cases'], body: CreateCaseBody, response: { 201: Case } } }, async (req, reply) => {
    reply.status(201);
    return deps.cases.create(req.actor!, req.body, deps.now());
  });
  app.get('/api/cases/:id', { config: { access: 'cases:read' }, schema: { tags: ['cases'], params: IdParams, response: { 200: CaseDetail } } }, async (req) =>
    deps.cases.get(req.actor!, req.params.id, deps.now()),
  );
  // Who may do which action is decided by the case state machine (roles, unit scope); the route only needs cases:read.
  app.post(
    '/api/cases/:id/actions',
    { config: { access: 'cases:read' }, schema: { tags: ['cases'], params: IdParams, body: CaseActionBody, response: { 200: CaseDetail } } },
    async (req) => deps.cases.act(req.actor!, req.params.id, req.body, deps.now()),
  );
  app.get('/api/stats/cases', { config: { access: 'stats:read' }, schema: { tags: ['stats'], querystring: CaseStatsQuery, response: { 200: CaseStats } } }, async (req) =>
    deps.cases.stats(req.query, await deps.countPosts(Date.parse(req.query.from), Date.parse(req.query.to)), deps.now()),
  );
}
