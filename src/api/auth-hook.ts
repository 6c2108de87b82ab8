/**
 * Authentication and authorisation for every route: resolves the actor from the session cookie or a bearer token,
 * enforces the route's declared access, and checks CSRF on cookie-authenticated writes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { AuthService } from '../services/auth.service.ts';
import { safeEqual } from '../services/auth.service.ts';
import { can } from '../services/actor.ts';
import type { App } from './types.ts';

export const SESSION_COOKIE = 'tf_session';
export const CSRF_COOKIE = 'tf_csrf';
export interface RouteInfo {
  method: string;
  url: string;
  access: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with its declared access (for the route audit test and docs). */
    routeTable: RouteInfo[];
  }
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuthHook(app: App, auth: AuthService, now: () => Date) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  const table: RouteInfo[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    // API docs and the dashboard's static files are public; everything under /api must declare its access.
    const isStatic = !route.url.startsWith('/api') && (route.method === 'GET' || route.method === 'HEAD' || (Array.isArray(route.method) && route.method.every((m) => m === 'GET' || m === 'HEAD')));
    if (!route.config?.access && (route.url.startsWith('/docs') || isStatic)) {
      route.config = { ...(route.config ?? {}), access: 'public' };
    }
    if (!route.config?.access) throw new Error(`route ${[route.method].flat().join(',')} ${route.url} declares no access (config.access)`);
    for (const m of [route.method].flat()) table.push({ method: m, url: route.url, access: route.config.access });
  });

  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const access = req.routeOptions.config?.access;
    if (!access) throw new AppError('TF_ERR_NOT_FOUND', 'not found');
    const t = now().getTime();
    const authz = req.headers.authorization;
    let csrfExpected: string | null = null;
    if (authz?.startsWith('Bearer ')) {
      req.actor = await auth.bearer(authz.slice(7).trim(), t);
      if (!req.actor && access !== 'public') throw new AppError('TF_ERR_AUTH', 'invalid or revoked API token');
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const s = await auth.session(token, t);
        if (s) {
          req.actor = s.actor;
          req.sessionToken = token;
          csrfExpected = s.csrf;
        }
      }
    }
    if (access === 'public') return;
    if (!req.actor) throw new AppError('TF_ERR_AUTH', 'sign in first');
    if (csrfExpected && WRITE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfExpected)) throw new AppError('TF_ERR_CSRF', 'missing or wrong x-csrf-token header');
    }
    if (access === 'authenticated') return;
    if (!can(req.actor, access)) {
      throw new AppError('TF_ERR_FORBIDDEN', req.actor.type === 'token' ? `this token lacks the scope ${access}` : `your role lacks the permission ${access}`);
    }
  });
}
