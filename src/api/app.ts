/** Builds the fastify app: schemas from src/contracts, OpenAPI, security headers, auth on every route, the web app. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.ts';
import type { Store } from '../store/store.ts';
import { VERSION } from '../version.ts';
import { createServices, type Services } from '../services/index.ts';
import { errorHandler } from './errors.ts';
import { registerAuthHook } from './auth-hook.ts';
import { registerMetrics } from './metrics.ts';
import { registerRoutes } from './routes/index.ts';
import { registerWebStatic } from './web-static.ts';
import type { App } from './types.ts';

export interface BuildOptions {
  config: Config;
  store: Store;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  logger?: boolean | object;
  /** A shared pino logger (the serve command's), used instead of creating one. */
  loggerInstance?: import('pino').Logger;
  services?: Services;
  /** The built dashboard to serve at `/` (default web/dist); tests pass their own. */
  webDist?: string;
}

const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export async function buildApp(opts: BuildOptions): Promise<App> {
  const now = opts.now ?? (() => new Date());
  const app = (Fastify as unknown as (o: object) => App)({
    ...(opts.loggerInstance
      ? { loggerInstance: opts.loggerInstance }
      : { logger: opts.logger ?? { level: opts.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'] } }),
    bodyLimit: opts.config.bodyLimit,
    genReqId: () => `req-${Math.random().toString(36).slice(2, 10)}`,
    requestIdHeader: 'x-request-id',
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: { code: 'TF_ERR_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` } }));
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: '听风 Tingfeng API', version: VERSION, description: 'Public-opinion monitoring and response desk' },
      components: { securitySchemes: { cookie: { type: 'apiKey', in: 'cookie', name: 'tf_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  const services = opts.services ?? createServices(opts.store, opts.config);
  registerAuthHook(app, services.auth, now);
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  registerMetrics(app);
  registerRoutes(app, { config: opts.config, store: opts.store, services, now, version: VERSION });

  const webDist = opts.webDist ?? WEB_DIST;
  if (existsSync(webDist)) {
    registerWebStatic(app, webDist);
  } else {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>听风 Tingfeng</title><p>听风 Tingfeng API is running. The dashboard is not built: run <code>npm run build</code>. API docs: <a href="/docs">/docs</a></p>'),
    );
  }
  return app;
}
