import { z } from 'zod';
import type { IngestService } from '../../services/ingest.service.ts';
import type { App } from '../types.ts';

const IngestResult = z.object({ accepted: z.number(), stored: z.number(), duplicates: z.number(), ids: z.array(z.string()) });

export function ingestRoutes(app: App, deps: { ingest: IngestService; now: () => Date }) {
  // Push endpoint for other systems. Authenticated by the source's own token (and optional HMAC over the raw
  // body), so the body is kept as bytes for signature checking.
  void app.register(async (plain) => {
    const scope = plain as unknown as App;
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/ingest/:source',
      {
        config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: { tags: ['ingest'], params: z.object({ source: z.string().min(1).max(100) }), response: { 200: IngestResult } },
      },
      async (req) => deps.ingest.webhook(req.params.source, { headers: req.headers, rawBody: req.body as Buffer }, deps.now()),
    );
  });
  app.post('/api/posts/manual', { config: { access: 'posts:ingest' }, schema: { tags: ['posts'], body: z.record(z.string(), z.unknown()), response: { 200: IngestResult } } }, async (req) =>
    deps.ingest.manual(req.actor!, req.body, deps.now()),
  );
}
