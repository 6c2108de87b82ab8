import { z } from 'zod';
import { IdParams } from '../../contracts/common.ts';
import { AddPostBody, EventDetail, EventPostParams, EventQuery, EventSpread, EventSummary, MergeBody, RemovePostQuery, SplitBody } from '../../contracts/events.ts';
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
  app.post(
    '/api/events/:id/posts',
    {
      config: { access: 'events:write' },
      schema: {
        tags: ['events'],
        description:
          '归入事件: adds a post to this event; it leaves the event it was in (which is merged into this one when it would be left empty). Recorded in both events’ history (op add) and the audit log; the live tracker follows.',
        params: IdParams,
        body: AddPostBody,
        response: { 200: EventDetail },
      },
    },
    async (req) => deps.events.addPost(req.actor!, req.params.id, req.body.postId, req.body.withCopies, deps.now().getTime()),
  );
  app.delete(
    '/api/events/:id/posts/:postId',
    {
      config: { access: 'events:write' },
      schema: {
        tags: ['events'],
        description: '移出事件: takes a post out of this event (it then belongs to no event); an event keeps at least one post. Recorded in the event’s history (op remove) and the audit log.',
        params: EventPostParams,
        querystring: RemovePostQuery,
        response: { 200: EventDetail },
      },
    },
    async (req) => deps.events.removePost(req.actor!, req.params.id, req.params.postId, req.query.withCopies, deps.now().getTime()),
  );
  app.get(
    '/api/events/:id/spread',
    {
      config: { access: 'events:read' },
      schema: {
        tags: ['events'],
        description: '传播: the first poster, original posts against copies/reposts (near-duplicates) per hour (per day past four days) in the office time zone, and the top sources by copies.',
        params: IdParams,
        response: { 200: EventSpread },
      },
    },
    async (req) => deps.events.spread(req.params.id),
  );
}
