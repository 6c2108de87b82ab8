/**
 * Prometheus metrics per stage (prom-client): messages by outcome, batch durations, messages in flight, plus the
 * process defaults. `serveMetrics` exposes them at GET /metrics on the given port (0 = any free port).
 */
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Outcome = 'ok' | 'duplicate' | 'retry' | 'dead';

export class StageMetrics {
  readonly registry = new Registry();
  readonly messages: Counter<'stage' | 'outcome'>;
  readonly batchSeconds: Histogram<'stage'>;
  readonly inFlight: Gauge<'stage'>;
  readonly published: Counter<'stage'>;

  constructor(readonly role: string) {
    this.registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: this.registry, prefix: 'tingfeng_' });
    this.messages = new Counter({ name: 'tingfeng_stage_messages_total', help: 'Messages handled per stage by outcome', labelNames: ['stage', 'outcome'], registers: [this.registry] });
    this.batchSeconds = new Histogram({ name: 'tingfeng_stage_batch_seconds', help: 'Time to handle one fetched batch', labelNames: ['stage'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry] });
    this.inFlight = new Gauge({ name: 'tingfeng_stage_in_flight', help: 'Messages fetched and not yet acknowledged', labelNames: ['stage'], registers: [this.registry] });
    this.published = new Counter({ name: 'tingfeng_stage_published_total', help: 'Messages published to the next stage', labelNames: ['stage'], registers: [this.registry] });
  }

  count(stage: string, outcome: Outcome, n = 1): void {
    if (n > 0) this.messages.inc({ stage, outcome }, n);
  }
}

export async function serveMetrics(metrics: StageMetrics, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry
      .metrics()
      .then((body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return { server, port: typeof addr === 'object' && addr ? addr.port : port };
}
