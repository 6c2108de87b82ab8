// Editing the gazetteer (PATCH/DELETE /api/units/:id), playbooks (PUT/DELETE /api/playbooks/:id) and the user
// dictionary setting through the real API on a real SQLite store: permissions, refusals, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Session, analyst: Session, duty: Session, leader: Session;

beforeAll(async () => {
  t = await openTestApp();
  admin = await t.addUser('admin1', 'admin');
  analyst = await t.addUser('analyst1', 'analyst');
  duty = await t.addUser('duty1', 'duty_officer');
  leader = await t.addUser('leader1', 'leader');
  for (const u of [
    { id: 'county', name: '临澜县', kind: 'county' },
    { id: 'chengguan', name: '城关镇', kind: 'town', parentId: 'county' },
    { id: 'dongmen', name: '东门村', kind: 'village', parentId: 'chengguan' },
    { id: 'water', name: '县水务局', kind: 'bureau' },
    { id: 'edu', name: '县教育局', kind: 'bureau' },
  ])
    expect((await admin.req('POST', '/api/units', u)).statusCode).toBe(201);
});
afterAll(async () => {
  await t.cleanup();
});

async function auditOf(entity: string, id: string) {
  const rows = (await admin.req('GET', `/api/audit?entity=${entity}`)).json() as {
    rows: { action: string; entityId: string; before: unknown; after: unknown }[];
  };
  return rows.rows.filter((r) => r.entityId === id);
}

describe('units: edit and delete', () => {
  it('edits name, kind, parent and aliases (deduplicated), audited with before and after', async () => {
    const r = await admin.req('PATCH', '/api/units/water', {
      name: '临澜县水务局',
      aliases: ['水务局', '水务局', ' 县水务 '],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      id: 'water',
      name: '临澜县水务局',
      kind: 'bureau',
      parentId: null,
      aliases: ['水务局', '县水务'],
    });
    const moved = await admin.req('PATCH', '/api/units/water', { parentId: 'county', kind: 'office' });
    expect(moved.json()).toMatchObject({ parentId: 'county', kind: 'office', aliases: ['水务局', '县水务'] });
    const listed = (await duty.req('GET', '/api/units')).json() as { units: { id: string; name: string }[] };
    expect(listed.units.find((u) => u.id === 'water')?.name).toBe('临澜县水务局');
    const audit = await auditOf('unit', 'water');
    expect(audit.map((a) => a.action).filter((a) => a === 'unit.update')).toHaveLength(2);
    expect(
      audit.find((a) => a.action === 'unit.update' && (a.before as { name: string }).name === '县水务局'),
    ).toBeTruthy();
  });

  it('refuses bad edits: unknown unit, taken name, unknown parent, a loop, an empty body', async () => {
    expect((await admin.req('PATCH', '/api/units/nope', { name: 'x' })).statusCode).toBe(404);
    const taken = await admin.req('PATCH', '/api/units/edu', { name: '城关镇' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'TF_ERR_CONFLICT' } });
    const parent = await admin.req('PATCH', '/api/units/edu', { parentId: 'ghost' });
    expect(parent.statusCode).toBe(400);
    expect(parent.json().error.message).toContain('parentId');
    const self = await admin.req('PATCH', '/api/units/county', { parentId: 'county' });
    expect(self.statusCode).toBe(400);
    const loop = await admin.req('PATCH', '/api/units/county', { parentId: 'dongmen' });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.message).toContain('loop');
    expect((await admin.req('PATCH', '/api/units/edu', {})).statusCode).toBe(400);
    expect((await admin.req('PATCH', '/api/units/edu', { aliases: [''] })).statusCode).toBe(400);
  });

  it('needs units:manage to edit or delete (403 for analyst, duty officer, leader)', async () => {
    for (const s of [analyst, duty, leader]) {
      const p = await s.req('PATCH', '/api/units/edu', { aliases: ['教育局'] });
      expect(p.statusCode).toBe(403);
      expect(p.json()).toMatchObject({ error: { code: 'TF_ERR_FORBIDDEN' } });
      expect((await s.req('DELETE', '/api/units/edu')).statusCode).toBe(403);
    }
    const edu = (await admin.req('GET', '/api/units')).json() as { units: { id: string; aliases: string[] }[] };
    expect(edu.units.find((u) => u.id === 'edu')?.aliases).toEqual([]);
  });

  it('refuses to delete a unit with child units, naming them', async () => {
    const r = await admin.req('DELETE', '/api/units/chengguan');
    expect(r.statusCode).toBe(409);
    const e = r.json() as {
      error: { code: string; message: string; details: { reasons: { reason: string; items: string[] }[] } };
    };
    expect(e.error.code).toBe('TF_ERR_CONFLICT');
    expect(e.error.message).toContain('child units');
    expect(e.error.message).toContain('东门村');
    expect(e.error.details.reasons).toEqual([{ reason: 'child_units', count: 1, items: ['东门村'] }]);
    // A leaf goes; then its parent can go too.
    expect((await admin.req('DELETE', '/api/units/dongmen')).statusCode).toBe(200);
    expect((await admin.req('DELETE', '/api/units/chengguan')).statusCode).toBe(200);
    const audit = await auditOf('unit', 'chengguan');
    expect(audit.find((a) => a.action === 'unit.delete')?.before).toMatchObject({ name: '城关镇' });
    expect((await admin.req('DELETE', '/api/units/chengguan')).statusCode).toBe(404);
  });

  it('refuses to delete a unit with an open case or a bound user until they are gone', async () => {
    const c = (await duty.req('POST', '/api/cases', { title: '学校食堂问题' })).json() as {
      id: string;
      number: string;
    };
    expect(
      (
        await duty.req('POST', `/api/cases/${c.id}/actions`, {
          type: 'assess',
          verified: true,
          level: 4,
          category: '其他',
        })
      ).statusCode,
    ).toBe(200);
    const assign = await duty.req('POST', `/api/cases/${c.id}/actions`, { type: 'assign', leadUnitId: 'edu' });
    expect(assign.statusCode, assign.body).toBe(200);
    await t.addUser('edu1', 'unit_liaison', 'edu');

    const r = await admin.req('DELETE', '/api/units/edu');
    expect(r.statusCode).toBe(409);
    const e = r.json() as {
      error: { message: string; details: { reasons: { reason: string; count: number; items: string[] }[] } };
    };
    expect(e.error.message).toContain('open cases');
    expect(e.error.message).toContain(c.number);
    expect(e.error.details.reasons).toEqual([
      { reason: 'open_cases', count: 1, items: [c.number] },
      { reason: 'users', count: 1, items: ['edu1'] },
    ]);
    expect(
      ((await admin.req('GET', '/api/units')).json() as { units: { id: string }[] }).units.map((u) => u.id),
    ).toContain('edu');

    // A closed case no longer holds the unit (closed here in the store: the workflow itself is tested elsewhere).
    await t.store.tx(async (r2) => {
      const row = await r2.cases.byId(c.id);
      expect(await r2.cases.update(c.id, row!.version, { status: 'closed', closed_at: Date.now() })).toBe(true);
    });
    const still = await admin.req('DELETE', '/api/units/edu');
    expect(still.statusCode).toBe(409);
    expect((still.json() as typeof e).error.details.reasons.map((x) => x.reason)).toEqual(['users']);
    const users = (await admin.req('GET', '/api/users')).json() as { users: { id: string; username: string }[] };
    const edu1 = users.users.find((u) => u.username === 'edu1')!;
    const moved = await admin.req('PATCH', `/api/users/${edu1.id}`, { role: 'duty_officer', unitId: null });
    expect(moved.statusCode, moved.body).toBe(200);
    const gone = await admin.req('DELETE', '/api/units/edu');
    expect(gone.statusCode, gone.body).toBe(200);
  });

  it('refuses to delete a unit a playbook step is assigned to', async () => {
    expect((await admin.req('POST', '/api/units', { id: 'emerg', name: '县应急局', kind: 'bureau' })).statusCode).toBe(
      201,
    );
    const pb = await analyst.req('POST', '/api/playbooks', {
      name: '防汛预案',
      incidentType: '内涝',
      level: 3,
      steps: [{ title: '应急局巡查', unitId: 'emerg', within: { amount: 2, unit: 'hours' } }],
    });
    expect(pb.statusCode, pb.body).toBe(201);
    const r = await admin.req('DELETE', '/api/units/emerg');
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ error: { details: { reasons: [{ reason: 'playbooks', items: ['防汛预案'] }] } } });
  });
});

describe('playbooks: edit and delete', () => {
  const body = {
    name: '供水中断处置预案',
    incidentType: '供水',
    level: 2,
    steps: [
      { title: '值班员核实并报告', role: 'duty_officer', within: { amount: 1, unit: 'hours' } },
      { title: '水务局发布停水通告', unitId: 'water', within: { amount: 4, unit: 'hours' } },
    ],
  };
  let id = '';

  it('creates, then replaces name, level, steps and the switch (audited before/after)', async () => {
    const created = await analyst.req('POST', '/api/playbooks', body);
    expect(created.statusCode, created.body).toBe(201);
    id = (created.json() as { id: string }).id;
    const put = await analyst.req('PUT', `/api/playbooks/${id}`, {
      ...body,
      name: '供水中断应急预案',
      level: 1,
      enabled: false,
      steps: [...body.steps, { title: '领导到场指挥', role: 'leader' }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ id, name: '供水中断应急预案', level: 1, enabled: false });
    expect((put.json() as { steps: unknown[] }).steps).toHaveLength(3);
    const list = (await leader.req('GET', '/api/playbooks')).json() as { playbooks: { id: string; name: string }[] };
    expect(list.playbooks.find((p) => p.id === id)?.name).toBe('供水中断应急预案');
    const audit = await auditOf('playbook', id);
    const upd = audit.find((a) => a.action === 'playbook.update');
    expect(upd?.before).toMatchObject({ name: '供水中断处置预案', level: 2, enabled: true });
    expect(upd?.after).toMatchObject({ name: '供水中断应急预案', level: 1, enabled: false });
  });

  it('refuses bad edits: unknown playbook, taken name, unknown step unit, no steps', async () => {
    expect((await analyst.req('PUT', '/api/playbooks/pb_nope', body)).statusCode).toBe(404);
    const taken = await analyst.req('PUT', `/api/playbooks/${id}`, { ...body, name: '防汛预案' });
    expect(taken.statusCode).toBe(409);
    const unit = await analyst.req('PUT', `/api/playbooks/${id}`, {
      ...body,
      steps: [{ title: 'x', unitId: 'ghost' }],
    });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.message).toContain('steps.0.unitId');
    expect((await analyst.req('PUT', `/api/playbooks/${id}`, { ...body, steps: [] })).statusCode).toBe(400);
  });

  it('needs playbooks:manage to edit or delete (403 for duty officer and leader)', async () => {
    for (const s of [duty, leader]) {
      expect((await s.req('PUT', `/api/playbooks/${id}`, body)).statusCode).toBe(403);
      expect((await s.req('DELETE', `/api/playbooks/${id}`)).statusCode).toBe(403);
    }
  });

  it('refuses to delete a playbook that was activated on a case; deletes one that was not', async () => {
    const on = await analyst.req('PUT', `/api/playbooks/${id}`, { ...body, enabled: true });
    expect(on.statusCode).toBe(200);
    const c = (await duty.req('POST', '/api/cases', { title: '停水' })).json() as { id: string };
    expect((await leader.req('POST', `/api/cases/${c.id}/playbook`, { playbookId: id })).statusCode).toBe(201);
    const refused = await analyst.req('DELETE', `/api/playbooks/${id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      error: { code: 'TF_ERR_CONFLICT', details: { reason: 'activated', cases: 1 } },
    });
    expect(refused.json().error.message).toContain('switch it off');

    const spare = (await analyst.req('POST', '/api/playbooks', { ...body, name: '临时预案' })).json() as { id: string };
    const del = await analyst.req('DELETE', `/api/playbooks/${spare.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toEqual({ ok: true });
    const list = (await analyst.req('GET', '/api/playbooks')).json() as { playbooks: { id: string }[] };
    expect(list.playbooks.map((p) => p.id)).not.toContain(spare.id);
    const audit = await auditOf('playbook', spare.id);
    expect(audit.find((a) => a.action === 'playbook.delete')?.before).toMatchObject({ name: '临时预案' });
    expect((await analyst.req('DELETE', `/api/playbooks/${spare.id}`)).statusCode).toBe(404);
  });
});

describe('user dictionary setting', () => {
  it('validates words (spaces, tags, duplicates) with the path, and needs settings:manage', async () => {
    const url = '/api/settings/analysis.userWords';
    expect((await analyst.req('PUT', url, { value: [{ word: '锦绣澜湾' }] })).statusCode).toBe(403);
    const spaced = await admin.req('PUT', url, { value: [{ word: '锦绣 澜湾' }] });
    expect(spaced.statusCode).toBe(400);
    expect(spaced.json().error.message).toContain('value.0.word');
    const tag = await admin.req('PUT', url, { value: [{ word: '锦绣澜湾', tag: 'n1' }] });
    expect(tag.json().error.message).toContain('value.0.tag');
    const twice = await admin.req('PUT', url, { value: [{ word: '锦绣澜湾' }, { word: '锦绣澜湾', freq: 5 }] });
    expect(twice.json().error.message).toContain('value.1.word');
    const ok = await admin.req('PUT', url, { value: [{ word: '锦绣澜湾', freq: 2000, tag: 'ns' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ isDefault: false, value: [{ word: '锦绣澜湾', freq: 2000, tag: 'ns' }] });
  });
});
