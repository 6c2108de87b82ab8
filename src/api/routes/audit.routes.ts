import { z } from 'zod';
import type { AuditService } from '../../services/audit.service.ts';
import type { App } from '../types.ts';

const AuditRow = z.object({
  seq: z.number(), at: z.string(), actorType: z.string(), actorId: z.string().nullable(), action: z.string(), entity: z.string(),
  entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(),
});

export function auditRoutes(app: App, deps: { audit: AuditService }) {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        querystring: z.object({ entity: z.string().optional(), entityId: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ rows: z.array(AuditRow) }) },
      },
    },
    async (req) => ({ rows: await deps.audit.recent(req.query.limit, req.query.entity, req.query.entityId) }),
  );
  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit:read' },
      schema: { tags: ['audit'], response: { 200: z.object({ ok: z.boolean(), rows: z.number(), broken: z.object({ seq: z.number(), reason: z.string() }).optional() }) } },
    },
    async () => deps.audit.verify(),
  );
}
