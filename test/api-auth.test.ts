import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

const fill = (url: string) => url.replace(/:[A-Za-z]+/g, 'x');

describe('API auth and roles', () => {
  it('answers health without auth', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', store: t.store.dialect });
  });

  it('declares access on every route, and lists every /api route in /openapi.json', async () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith('/api'));
    expect(api.length).toBeGreaterThan(8);
    for (const r of t.app.routeTable) expect(r.access, `${r.method} ${r.url}`).toBeTruthy();
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const r of api.filter((x) => x.method !== 'HEAD')) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(spec.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url} in OpenAPI`).toBeDefined();
    }
  });

  it('refuses every non-public route without credentials (401)', async () => {
    const closed = t.app.routeTable.filter((r) => r.access !== 'public' && r.method !== 'HEAD');
    expect(closed.length).toBeGreaterThan(5);
    for (const r of closed) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'TF_ERR_AUTH' } });
    }
  });

  it('signs in, enforces role permissions and CSRF on cookie writes', async () => {
    const admin = await t.addUser('boss', 'admin');
    const duty = await t.addUser('duty1', 'duty_officer');
    expect((await duty.req('GET', '/api/users')).statusCode).toBe(403);
    expect((await admin.req('GET', '/api/users')).statusCode).toBe(200);
    // A write without the CSRF header is refused.
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/units', headers: { cookie: admin.cookie }, payload: { name: '水务局' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ error: { code: 'TF_ERR_CSRF' } });
    const ok = await admin.req('POST', '/api/units', { name: '水务局', kind: 'bureau' });
    expect(ok.statusCode).toBe(201);
    const me = await duty.req('GET', '/api/auth/me');
    expect(me.json()).toMatchObject({ user: { username: 'duty1', role: 'duty_officer' } });
  });

  it('rejects malformed JSON with 400 and a field path, and writes nothing', async () => {
    const admin = await t.login('boss');
    const before = (await admin.req('GET', '/api/units')).json() as { units: unknown[] };
    const bad = await t.app.inject({
      method: 'POST', url: '/api/units', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, payload: '{"name": "x",',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'TF_ERR_VALIDATION' } });
    const wrongType = await admin.req('POST', '/api/units', { name: 42 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.message).toContain('body.name');
    const dup = await admin.req('POST', '/api/units', { name: '水务局' });
    expect(dup.statusCode).toBe(409);
    const after = (await admin.req('GET', '/api/units')).json() as { units: unknown[] };
    expect(after.units).toHaveLength(before.units.length);
  });

  it('scoped API tokens: allowed within scope, 403 outside it, 401 once revoked', async () => {
    const admin = await t.login('boss');
    const created = await admin.req('POST', '/api/tokens', { name: 'integration', scopes: ['units:read'] });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json() as { token: string; info: { id: string } };
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/units', headers: auth })).statusCode).toBe(200);
    const outside = await t.app.inject({ method: 'GET', url: '/api/users', headers: auth });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toContain('users:manage');
    // Tokens are not subject to CSRF but are to scopes: a write outside scope is 403.
    expect((await t.app.inject({ method: 'POST', url: '/api/units', headers: auth, payload: { name: '教育局' } })).statusCode).toBe(403);
    expect((await admin.req('DELETE', `/api/tokens/${info.id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/units', headers: auth })).statusCode).toBe(401);
  });

  it('locks an account after repeated failed sign-ins', async () => {
    await t.addUser('victim', 'analyst');
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'wrong-password' } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'correct-horse-battery' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: { code: 'TF_ERR_LOCKED' } });
  });

  it('logs out: the session no longer works', async () => {
    const s = await t.login('boss');
    expect((await s.req('POST', '/api/auth/logout', {})).statusCode).toBe(200);
    expect((await s.req('GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('own password', () => {
  it('changes the password with the current one; other sessions end, this one stays', async () => {
    const a = await t.addUser('pwuser', 'analyst');
    const b = await t.login('pwuser');
    const wrong = await a.req('POST', '/api/auth/password', { current: 'nope-nope-nope', next: 'a-brand-new-password' });
    expect(wrong.statusCode).toBe(400);
    const ok = await a.req('POST', '/api/auth/password', { current: 'correct-horse-battery', next: 'a-brand-new-password' });
    expect(ok.statusCode).toBe(200);
    expect((await a.req('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await b.req('GET', '/api/auth/me')).statusCode).toBe(401);
    await t.login('pwuser', 'a-brand-new-password');
  });
});
