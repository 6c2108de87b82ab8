import type { LiveHub } from '../../services/live.ts';
import type { App } from '../types.ts';

/** GET /api/stream: server-sent events (ingest, alert, case, tick every 30 s). */
export function streamRoutes(app: App, deps: { live: LiveHub }) {
  app.get('/api/stream', { config: { access: 'authenticated' }, schema: { tags: ['live'], hide: false } }, (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const off = deps.live.subscribe(req.actor?.userId ?? null, (m) => send(m.event, m.data));
    const timer = setInterval(() => send('tick', { at: new Date().toISOString() }), 30_000);
    req.raw.on('close', () => {
      clearInterval(timer);
      off();
    });
  });
}
