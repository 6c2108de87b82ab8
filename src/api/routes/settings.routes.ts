import { z } from 'zod';
import type { SettingsService } from '../../services/settings.service.ts';
import type { App } from '../types.ts';

const Setting = z.object({ key: z.string(), description: z.string(), value: z.unknown(), isDefault: z.boolean() });
const KeyParams = z.object({ key: z.string().min(1).max(100) });

export function settingsRoutes(app: App, deps: { settings: SettingsService; now: () => Date }) {
  app.get('/api/settings', { config: { access: 'settings:manage' }, schema: { tags: ['settings'], response: { 200: z.object({ settings: z.array(Setting) }) } } }, async () => ({
    settings: await deps.settings.list(),
  }));
  app.get('/api/settings/:key', { config: { access: 'settings:manage' }, schema: { tags: ['settings'], params: KeyParams, response: { 200: Setting } } }, async (req) =>
    deps.settings.get(req.params.key),
  );
  app.put(
    '/api/settings/:key',
    { config: { access: 'settings:manage' }, schema: { tags: ['settings'], params: KeyParams, body: z.object({ value: z.unknown() }), response: { 200: Setting } } },
    async (req) => deps.settings.set(req.actor!, req.params.key, req.body.value, deps.now().getTime()),
  );
  app.delete(
    '/api/settings/:key',
    {
      config: { access: 'settings:manage' },
      schema: { tags: ['settings'], description: 'Resets a setting to its default (the stored value is removed; audited).', params: KeyParams, response: { 200: Setting } },
    },
    async (req) => deps.settings.reset(req.actor!, req.params.key, deps.now().getTime()),
  );
}
