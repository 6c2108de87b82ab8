import { z } from 'zod';
import { CreateUnitBody, Unit } from '../../contracts/units.ts';
import type { UnitService } from '../../services/unit.service.ts';
import type { App } from '../types.ts';

export function unitRoutes(app: App, deps: { units: UnitService; now: () => Date }) {
  app.get('/api/units', { config: { access: 'units:read' }, schema: { tags: ['units'], response: { 200: z.object({ units: z.array(Unit) }) } } }, async () => ({
    units: await deps.units.list(),
  }));
  app.post('/api/units', { config: { access: 'units:manage' }, schema: { tags: ['units'], body: CreateUnitBody, response: { 201: Unit } } }, async (req, reply) => {
    reply.status(201);
    return deps.units.create(req.actor!, req.body, deps.now().getTime());
  });
}
