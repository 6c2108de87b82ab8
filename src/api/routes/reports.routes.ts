import { IdParams } from '../../contracts/common.ts';
import {
  CasesExportQuery,
  GenerateReportBody,
  ReportList,
  ReportListQuery,
  ReportMeta,
} from '../../contracts/reports.ts';
import type { ReportService } from '../../services/report.service.ts';
import type { App } from '../types.ts';

export function reportRoutes(app: App, deps: { reports: ReportService; now: () => Date }) {
  app.get(
    '/api/reports',
    {
      config: { access: 'reports:read' },
      schema: { tags: ['reports'], querystring: ReportListQuery, response: { 200: ReportList } },
    },
    async (req) => ({ reports: await deps.reports.list(req.query.limit) }),
  );
  app.post(
    '/api/reports',
    {
      config: { access: 'reports:generate' },
      schema: { tags: ['reports'], body: GenerateReportBody, response: { 201: ReportMeta } },
    },
    async (req, reply) => {
      const meta = await deps.reports.generate(req.actor!, req.body, deps.now());
      return reply.status(201).send(meta);
    },
  );
  app.get(
    '/api/reports/:id/download',
    { config: { access: 'reports:read' }, schema: { tags: ['reports'], params: IdParams } },
    async (req, reply) => {
      const f = await deps.reports.get(req.params.id);
      return reply
        .type(f.meta.contentType)
        .header('content-disposition', f.contentDisposition)
        .header('cache-control', 'private, no-store')
        .send(f.body);
    },
  );
  // The ledger export; a unit liaison gets only its unit's cases (decided by the service).
  app.get(
    '/api/cases/export.xlsx',
    { config: { access: 'cases:read' }, schema: { tags: ['cases'], querystring: CasesExportQuery } },
    async (req, reply) => {
      const f = await deps.reports.exportCases(req.actor!, req.query.from, req.query.to, deps.now());
      return reply
        .type(f.contentType)
        .header('content-disposition', f.contentDisposition)
        .header('cache-control', 'private, no-store')
        .send(f.body);
    },
  );
}
