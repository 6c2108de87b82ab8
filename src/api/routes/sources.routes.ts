import { z } from 'zod';
import { IdParams } from '../../contracts/common.ts';
import { ConnectorKind, RunResponse, Source, SourceBody, SourcePatch, TestFetchBody, TestFetchResponse } from '../../contracts/sources.ts';
import type { SourceService } from '../../services/source.service.ts';
import type { App } from '../types.ts';

export function sourceRoutes(app: App, deps: { sources: SourceService; now: () => Date }) {
  app.get('/api/connectors', { config: { access: 'sources:read' }, schema: { tags: ['sources'], response: { 200: z.object({ connectors: z.array(ConnectorKind) }) } } }, async () => ({
    connectors: deps.sources.connectors(),
  }));
  app.get('/api/sources', { config: { access: 'sources:read' }, schema: { tags: ['sources'], response: { 200: z.object({ sources: z.array(Source) }) } } }, async () => ({
    sources: await deps.sources.list(deps.now()),
  }));
  app.get('/api/sources/:id', { config: { access: 'sources:read' }, schema: { tags: ['sources'], params: IdParams, response: { 200: Source } } }, async (req) =>
    deps.sources.get(req.params.id, deps.now()),
  );
  app.post('/api/sources', { config: { access: 'sources:manage' }, schema: { tags: ['sources'], body: SourceBody, response: { 201: Source } } }, async (req, reply) => {
    reply.status(201);
    return deps.sources.create(req.actor!, req.body, deps.now());
  });
  app.patch('/api/sources/:id', { config: { access: 'sources:manage' }, schema: { tags: ['sources'], params: IdParams, body: SourcePatch, response: { 200: Source } } }, async (req) =>
    deps.sources.update(req.actor!, req.params.id, req.body, deps.now()),
  );
  app.post('/api/sources/test', { config: { access: 'sources:manage' }, schema: { tags: ['sources'], body: TestFetchBody, response: { 200: TestFetchResponse } } }, async (req) =>
    deps.sources.testFetch(req.actor!, req.body.kind, req.body.config, deps.now()),
  );
  app.post('/api/sources/:id/run', { config: { access: 'sources:manage' }, schema: { tags: ['sources'], params: IdParams, response: { 200: RunResponse } } }, async (req) =>
    deps.sources.runNow(req.actor!, req.params.id, deps.now()),
  );
}
