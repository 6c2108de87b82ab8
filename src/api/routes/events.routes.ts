import { z } from 'zod';
import { IdParams } from '../../contracts/common.ts';
import { EventDetail, EventQuery, EventSummary, MergeBody, SplitBody } from '../../contracts/events.ts';
import type { EventService } from '../../services/event.service.ts';
import type { App } from '../types.ts';

export function eventRoutes(app: App, deps: { events: EventService; now: () => Date }) {
  app.get(
    '/api/events',
    { config: { access: 'events:read' }, schema: { tags: ['events'], querystring: EventQuery, response: { 200: z.object({ events: z.array(EventSummary), total: z.number(), page: z.number(), pageSize: z.number() }) } } },
    async (req) => deps.events.list(req.query),
  );
  app.get('/api/events/:id', { config: { access: 'events:read' }, schema: { tags: ['events'], params: IdParams, response: { 200: EventDetail } } }, async (req) =>
    deps.events.get(req.params.id),
  );
  app.post('/api/events/:id/merge', { config: { access: 'events:write' }, schema: { tags: ['events'], params: IdParams, body: MergeBody, response: { 200: EventDetail } } }, async (req) =>
    deps.events.merge(req.actor!, req.params.id, req.body.otherEventId, deps.now().getTime()),
  );
  app.post('/api/events/:id/split', { config: { access: 'events:write' }, schema: { tags: ['events'], params: IdParams, body: SplitBody, response: { 200: EventDetail } } }, async (req) =>
    deps.events.split(req.actor!, req.params.id, req.body.postIds, deps.now().getTime()),
  );
}
