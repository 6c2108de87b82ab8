import client from 'prom-client';
import type { App } from './types.ts';

/** Prometheus metrics: process defaults plus request duration by route and status. */
export function registerMetrics(app: App) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'tingfeng_' });
  const duration = new client.Histogram({
    name: 'tingfeng_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
