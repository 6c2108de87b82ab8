import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from './helpers/store.ts';
import { auditHash, GENESIS_HASH } from '../src/store/repos/audit.repo.ts';

let t: TestStore;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(async () => {
  await t.cleanup();
});

const now = Date.UTC(2026, 10, 25, 3, 0, 0);

describe('store', () => {
  it('migrates and round-trips users, units and counters', async () => {
    const { repos } = t.store;
    await repos.units.insert({ id: 'u1', name: '水务局', kind: 'bureau', parent_id: null, aliases: '[]', created_at: now });
    await repos.users.insert({
      id: 'usr1', username: 'li', display_name: '李', password_hash: 'x', role: 'unit_liaison', unit_id: 'u1',
      disabled: 0, failed_logins: 0, locked_until: null, created_at: now, updated_at: now,
    });
    expect(await repos.users.count()).toBe(1);
    const u = await repos.users.byUsername('li');
    expect(u?.unit_id).toBe('u1');
    expect(u?.created_at).toBe(now);
    expect(await repos.cases.nextCounter('case:2026', now)).toBe(1);
    expect(await repos.cases.nextCounter('case:2026', now)).toBe(2);
    expect(await repos.cases.nextCounter('case:2027', now)).toBe(1);
  });

  it('rolls back a failed transaction completely', async () => {
    await expect(
      t.store.tx(async (r) => {
        await r.units.insert({ id: 'u1', name: 'A', kind: 'town', parent_id: null, aliases: '[]', created_at: now });
        await r.units.insert({ id: 'u2', name: 'A', kind: 'town', parent_id: null, aliases: '[]', created_at: now }); // unique name
      }),
    ).rejects.toThrow();
    expect(await t.store.repos.units.list()).toHaveLength(0);
  });

  it('upserts events many at a time: new rows inserted, known ids replaced in every column, a repeated id once', async () => {
    const ev = (id: string, n: number) => ({
      id, title: `事件${id}-${n}`, keywords: `["k${n}"]`, places: '[]', units: '[]', first_seen: now, last_seen: now + n, post_count: n, source_count: 1,
      heat: n / 10, level: n > 2 ? 3 : null, level_reasons: '[]', sentiment: '{}', representative_post_id: null, status: 'active', merged_into: null, demo: 0,
      updated_at: now + n,
    });
    const first = Array.from({ length: 120 }, (_, i) => ev(`e${i}`, 1));
    await t.store.tx((r) => r.events.upsertMany(first));
    await t.store.tx((r) => r.events.upsertMany([ev('e5', 2), ev('e7', 3), ev('new', 4), ev('e5', 5)]));
    expect(await t.store.repos.events.count({})).toBe(121);
    expect(await t.store.repos.events.byId('e5')).toEqual(ev('e5', 5));
    expect(await t.store.repos.events.byId('e7')).toEqual(ev('e7', 3));
    expect(await t.store.repos.events.byId('new')).toEqual(ev('new', 4));
    expect(await t.store.repos.events.byId('e119')).toEqual(ev('e119', 1));
  });

  it('chains audit rows by hash', async () => {
    for (let i = 0; i < 3; i++) {
      await t.store.tx((r) => r.audit.append({ at: now + i, actorType: 'system', actorId: null, action: 'test', entity: 'x', entityId: String(i), after: { i } }));
    }
    const rows = await t.store.repos.audit.page(0, 10);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const r0 = rows[0]!;
    expect(auditHash(GENESIS_HASH, r0)).toBe(r0.hash);
  });

  it('filters cases by unit (lead or co-unit)', async () => {
    const base = {
      summary: '', status: 'assigned', level: 3, category: null, places: '[]', post_ids: '[]', event_id: null, alert_id: null,
      origin: 'manual', first_response_due: null, reply_due: null, first_response_at: null, replied_at: null, satisfaction: null,
      merged_into: null, state: '{}', created_by: 'x', created_at: now, updated_at: now, closed_at: null, version: 1,
    };
    await t.store.repos.cases.insert({ ...base, id: 'c1', number: 'YQ-1', title: 'a', lead_unit_id: 'u1', co_unit_ids: '[]' });
    await t.store.repos.cases.insert({ ...base, id: 'c2', number: 'YQ-2', title: 'b', lead_unit_id: 'u2', co_unit_ids: '["u1"]' });
    await t.store.repos.cases.insert({ ...base, id: 'c3', number: 'YQ-3', title: 'c', lead_unit_id: 'u2', co_unit_ids: '["u11"]' });
    const r = await t.store.repos.cases.list({ unitId: 'u1', limit: 10, offset: 0 });
    expect(r.rows.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(r.total).toBe(2);
    expect(await t.store.repos.cases.update('c1', 1, { status: 'in_progress' })).toBe(true);
    expect(await t.store.repos.cases.update('c1', 1, { status: 'replied' })).toBe(false);
  });
});
