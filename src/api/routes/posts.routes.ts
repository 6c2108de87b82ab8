import { z } from 'zod';
import { IdParams } from '../../contracts/common.ts';
import { LabelBody, Post, PostList, PostQuery } from '../../contracts/posts.ts';
import type { PostService } from '../../services/post.service.ts';
import type { App } from '../types.ts';

export function postRoutes(app: App, deps: { posts: PostService; now: () => Date }) {
  app.get('/api/posts', { config: { access: 'posts:read' }, schema: { tags: ['posts'], querystring: PostQuery, response: { 200: PostList } } }, async (req) =>
    deps.posts.list(req.query),
  );
  app.get('/api/posts/:id', { config: { access: 'posts:read' }, schema: { tags: ['posts'], params: IdParams, response: { 200: Post } } }, async (req) =>
    deps.posts.get(req.params.id),
  );
  app.get(
    '/api/posts/:id/evidence',
    {
      config: { access: 'posts:read' },
      schema: { tags: ['posts'], params: IdParams, response: { 200: z.object({ evidence: z.array(z.object({ id: z.string(), fetchedAt: z.string(), sha256: z.string(), contentType: z.string().nullable() })) }) } },
    },
    async (req) => ({ evidence: await deps.posts.evidence(req.params.id) }),
  );
  app.post('/api/posts/:id/label', { config: { access: 'posts:label' }, schema: { tags: ['posts'], params: IdParams, body: LabelBody, response: { 200: Post } } }, async (req) =>
    deps.posts.label(req.actor!, req.params.id, req.body, deps.now().getTime()),
  );
}
