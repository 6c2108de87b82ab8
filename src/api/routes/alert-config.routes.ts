/** Notification channels (settings:manage; secrets never returned) and the duty roster (read: alerts:read, change: alerts:manage). */
import { z } from 'zod';
import {
  Channel,
  ChannelBody,
  ChannelTestResult,
  RosterImportBody,
  RosterImportResult,
  RosterQuery,
  RosterView,
  Shift,
  ShiftBody,
} from '../../contracts/alerts.ts';
import { IdParams, Ok } from '../../contracts/common.ts';
import type { ChannelService } from '../../services/channel.service.ts';
import type { RosterService } from '../../services/roster.service.ts';
import type { App } from '../types.ts';

export function alertConfigRoutes(
  app: App,
  deps: { channels: ChannelService; roster: RosterService; now: () => Date },
) {
  const tags = ['alerts'];
  app.get(
    '/api/channels',
    {
      config: { access: 'settings:manage' },
      schema: { tags, response: { 200: z.object({ channels: z.array(Channel) }) } },
    },
    async () => deps.channels.list(),
  );
  app.post(
    '/api/channels',
    { config: { access: 'settings:manage' }, schema: { tags, body: ChannelBody, response: { 201: Channel } } },
    async (req, reply) => {
      reply.status(201);
      return deps.channels.create(req.actor!, req.body, deps.now());
    },
  );
  app.put(
    '/api/channels/:id',
    {
      config: { access: 'settings:manage' },
      schema: { tags, params: IdParams, body: ChannelBody, response: { 200: Channel } },
    },
    async (req) => deps.channels.update(req.actor!, req.params.id, req.body, deps.now()),
  );
  app.post(
    '/api/channels/:id/test',
    { config: { access: 'settings:manage' }, schema: { tags, params: IdParams, response: { 200: ChannelTestResult } } },
    async (req) => deps.channels.test(req.actor!, req.params.id, deps.now()),
  );

  app.get(
    '/api/roster',
    { config: { access: 'alerts:read' }, schema: { tags, querystring: RosterQuery, response: { 200: RosterView } } },
    async (req) => deps.roster.view(req.query, deps.now()),
  );
  app.post(
    '/api/roster',
    { config: { access: 'alerts:manage' }, schema: { tags, body: ShiftBody, response: { 201: Shift } } },
    async (req, reply) => {
      reply.status(201);
      return deps.roster.add(req.actor!, req.body, deps.now());
    },
  );
  app.delete(
    '/api/roster/:id',
    { config: { access: 'alerts:manage' }, schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => deps.roster.remove(req.actor!, req.params.id, deps.now()),
  );
  app.post(
    '/api/roster/import',
    {
      config: { access: 'alerts:manage' },
      schema: { tags, body: RosterImportBody, response: { 200: RosterImportResult } },
    },
    async (req) => deps.roster.import(req.actor!, req.body, deps.now()),
  );
}
