import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Session;
let duty: Session;

beforeAll(async () => {
  t = await openTestApp();
  admin = await t.addUser('admin1', 'admin');
  duty = await t.addUser('duty1', 'duty_officer');
});
afterAll(async () => {
  await t.cleanup();
});

describe('settings API', () => {
  it('lists defaults, validates against the owning schema, audits, and moves case deadlines', async () => {
    expect((await duty.req('GET', '/api/settings')).statusCode).toBe(403);
    const list = (await admin.req('GET', '/api/settings')).json() as { settings: { key: string; isDefault: boolean }[] };
    expect(list.settings.map((s) => s.key)).toContain('warning.rules');
    expect(list.settings.every((s) => s.isDefault)).toBe(true);

    const bad = await admin.req('PUT', '/api/settings/calendar.overrides', { value: [{ date: '2026-13-45', kind: 'holiday' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('value.0.date');
    expect((await admin.req('PUT', '/api/settings/nope', { value: 1 })).statusCode).toBe(404);

    // Declare every day from tomorrow for two weeks a holiday: a new level Ⅳ case's reply deadline moves out.
    const before = (await duty.req('POST', '/api/cases', { title: '测试时限' })).json() as { id: string };
    await duty.req('POST', `/api/cases/${before.id}/actions`, { type: 'assess', verified: true, level: 4, category: '其他' });
    const due1 = ((await duty.req('GET', `/api/cases/${before.id}`)).json() as { replyDueAt: string }).replyDueAt;
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.now() + (i + 1) * 86400_000).toISOString().slice(0, 10)).map((date) => ({ date, kind: 'holiday' }));
    const ok = await admin.req('PUT', '/api/settings/calendar.overrides', { value: days });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await duty.req('POST', '/api/cases', { title: '测试时限2' })).json() as { id: string };
    await duty.req('POST', `/api/cases/${after.id}/actions`, { type: 'assess', verified: true, level: 4, category: '其他' });
    const due2 = ((await duty.req('GET', `/api/cases/${after.id}`)).json() as { replyDueAt: string }).replyDueAt;
    expect(Date.parse(due2)).toBeGreaterThan(Date.parse(due1) + 20 * 86400_000);
    const audit = (await admin.req('GET', '/api/audit?entity=setting')).json() as { rows: { action: string; entityId: string }[] };
    expect(audit.rows[0]).toMatchObject({ action: 'settings.set', entityId: 'calendar.overrides' });
  });

  it('resets a setting to its default: the stored value goes, the audit keeps what it was, cases follow', async () => {
    const value = [{ date: '2026-10-10', kind: 'holiday' }];
    expect((await admin.req('PUT', '/api/settings/calendar.overrides', { value })).statusCode).toBe(200);
    expect((await duty.req('DELETE', '/api/settings/calendar.overrides')).statusCode).toBe(403);
    expect((await admin.req('DELETE', '/api/settings/nope')).statusCode).toBe(404);
    const reset = await admin.req('DELETE', '/api/settings/calendar.overrides');
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ key: 'calendar.overrides', value: [], isDefault: true });
    expect((await admin.req('GET', '/api/settings/calendar.overrides')).json()).toMatchObject({ value: [], isDefault: true });
    const audit = (await admin.req('GET', '/api/audit?entity=setting')).json() as { rows: { action: string; entityId: string; before: unknown; after: unknown }[] };
    expect(audit.rows[0]).toMatchObject({ action: 'settings.reset', entityId: 'calendar.overrides', before: value, after: null });
    // resetting a default is a no-op: no second audit row
    expect((await admin.req('DELETE', '/api/settings/calendar.overrides')).statusCode).toBe(200);
    const again = (await admin.req('GET', '/api/audit?entity=setting')).json() as { rows: { action: string }[] };
    expect(again.rows.length).toBe(audit.rows.length);
  });
});
