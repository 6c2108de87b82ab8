import { Overview, OverviewQuery } from '../../contracts/stats.ts';
import type { OverviewService } from '../../services/overview.service.ts';
import type { App } from '../types.ts';

export function statsRoutes(app: App, deps: { overview: OverviewService; now: () => Date }) {
  app.get('/api/stats/overview', { config: { access: 'stats:read' }, schema: { tags: ['stats'], querystring: OverviewQuery, response: { 200: Overview } } }, async (req) =>
    deps.overview.overview(req.query, deps.now().getTime()),
  );
}
