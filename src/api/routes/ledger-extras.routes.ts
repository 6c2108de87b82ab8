/**
 * Playbooks (read: cases:read so a leader can choose one; create, edit, delete: playbooks:manage), activation on a case
 * (playbooks:activate — leaders), task check-off (the service decides who), releases (releases:read/write).
 */
import { IdParams, Ok } from '../../contracts/common.ts';
import { CaseTask } from '../../contracts/cases.ts';
import {
  ActivatePlaybookBody,
  ActivatePlaybookResult,
  Playbook,
  PlaybookBody,
  PlaybookList,
  Release,
  ReleaseBody,
  ReleaseList,
  ReleaseQuery,
  TaskParams,
} from '../../contracts/ledger-extras.ts';
import type { PlaybookService } from '../../services/playbook.service.ts';
import type { ReleaseService } from '../../services/release.service.ts';
import type { App } from '../types.ts';

export function ledgerExtrasRoutes(
  app: App,
  deps: { playbooks: PlaybookService; releases: ReleaseService; now: () => Date },
) {
  app.get(
    '/api/playbooks',
    { config: { access: 'cases:read' }, schema: { tags: ['playbooks'], response: { 200: PlaybookList } } },
    async () => deps.playbooks.list(),
  );
  app.post(
    '/api/playbooks',
    {
      config: { access: 'playbooks:manage' },
      schema: { tags: ['playbooks'], body: PlaybookBody, response: { 201: Playbook } },
    },
    async (req, reply) => {
      reply.status(201);
      return deps.playbooks.create(req.actor!, req.body, deps.now());
    },
  );
  app.put(
    '/api/playbooks/:id',
    {
      config: { access: 'playbooks:manage' },
      schema: { tags: ['playbooks'], params: IdParams, body: PlaybookBody, response: { 200: Playbook } },
    },
    async (req) => deps.playbooks.update(req.actor!, req.params.id, req.body, deps.now()),
  );
  app.delete(
    '/api/playbooks/:id',
    {
      config: { access: 'playbooks:manage' },
      schema: { tags: ['playbooks'], params: IdParams, response: { 200: Ok } },
    },
    async (req) => {
      await deps.playbooks.remove(req.actor!, req.params.id, deps.now());
      return { ok: true as const };
    },
  );
  app.post(
    '/api/cases/:id/playbook',
    {
      config: { access: 'playbooks:activate' },
      schema: {
        tags: ['playbooks'],
        params: IdParams,
        body: ActivatePlaybookBody,
        response: { 201: ActivatePlaybookResult },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return deps.playbooks.activate(req.actor!, req.params.id, req.body.playbookId, deps.now());
    },
  );
  app.post(
    '/api/cases/:id/tasks/:taskId/done',
    {
      config: { access: 'cases:read' },
      schema: { tags: ['playbooks'], params: TaskParams, response: { 200: CaseTask } },
    },
    async (req) => deps.playbooks.taskDone(req.actor!, req.params.id, req.params.taskId, deps.now()),
  );

  app.get(
    '/api/releases',
    {
      config: { access: 'releases:read' },
      schema: { tags: ['releases'], querystring: ReleaseQuery, response: { 200: ReleaseList } },
    },
    async (req) => deps.releases.list(req.query),
  );
  app.post(
    '/api/releases',
    {
      config: { access: 'releases:write' },
      schema: { tags: ['releases'], body: ReleaseBody, response: { 201: Release } },
    },
    async (req, reply) => {
      reply.status(201);
      return deps.releases.create(req.actor!, req.body, deps.now());
    },
  );
}
