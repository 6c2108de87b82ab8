import { HealthResponse } from '../../contracts/health.ts';
import type { App } from '../types.ts';

export function healthRoutes(app: App, deps: { store: { ping(): Promise<void>; dialect: 'sqlite' | 'postgres' }; version: string }) {
  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['system'], response: { 200: HealthResponse } } }, async () => {
    await deps.store.ping();
    return { status: 'ok' as const, store: deps.store.dialect, version: deps.version };
  });
}
