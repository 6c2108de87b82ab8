import { z } from 'zod';
import { IdParams, Ok } from '../../contracts/common.ts';
import { CreateUnitBody, Unit, UpdateUnitBody } from '../../contracts/units.ts';
import type { UnitService } from '../../services/unit.service.ts';
import type { App } from '../types.ts';

export function unitRoutes(app: App, deps: { units: UnitService; now: () => Date }) {
  app.get(
    '/api/units',
    {
      config: { access: 'units:read' },
      schema: { tags: ['units'], response: { 200: z.object({ units: z.array(Unit) }) } },
    },
    async () => ({
      units: await deps.units.list(),
    }),
  );
  app.post(
    '/api/units',
    { config: { access: 'units:manage' }, schema: { tags: ['units'], body: CreateUnitBody, response: { 201: Unit } } },
    async (req, reply) => {
      reply.status(201);
      return deps.units.create(req.actor!, req.body, deps.now().getTime());
    },
  );
  app.patch(
    '/api/units/:id',
    {
      config: { access: 'units:manage' },
      schema: { tags: ['units'], params: IdParams, body: UpdateUnitBody, response: { 200: Unit } },
    },
    async (req) => deps.units.update(req.actor!, req.params.id, req.body, deps.now().getTime()),
  );
  app.delete(
    '/api/units/:id',
    {
      config: { access: 'units:manage' },
      schema: {
        tags: ['units'],
        description:
          'Refused with TF_ERR_CONFLICT (details.reasons) while open cases, child units, users or playbook steps still point at the unit.',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await deps.units.remove(req.actor!, req.params.id, deps.now().getTime());
      return { ok: true as const };
    },
  );
}
