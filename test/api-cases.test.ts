import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type Session, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: Session, duty: Session, leader: Session, water: Session, edu: Session;

beforeAll(async () => {
  t = await openTestApp();
  admin = await t.addUser('admin1', 'admin');
  for (const [id, name] of [['water', '水务局'], ['edu', '教育局']]) {
    expect((await admin.req('POST', '/api/units', { id, name, kind: 'bureau' })).statusCode).toBe(201);
  }
  duty = await t.addUser('duty', 'duty_officer');
  leader = await t.addUser('leader', 'leader');
  water = await t.addUser('water1', 'unit_liaison', 'water');
  edu = await t.addUser('edu1', 'unit_liaison', 'edu');
});
afterAll(async () => {
  await t.cleanup();
});

async function act(s: Session, id: string, body: Record<string, unknown>) {
  return s.req('POST', `/api/cases/${id}/actions`, body);
}

describe('cases through the API', () => {
  it('moves a case through the workflow as three roles, scoped to the unit', async () => {
    const created = await duty.req('POST', '/api/cases', { title: '治河渡镇自来水停水三天', summary: '多名网民反映停水', origin: 'post' });
    expect(created.statusCode).toBe(201);
    const c = created.json() as { id: string; number: string; status: string };
    expect(c.number).toMatch(/^YQ-\d{4}-000001$/);
    expect(c.status).toBe('registered');

    // A liaison cannot register cases.
    expect((await water.req('POST', '/api/cases', { title: 'x' })).statusCode).toBe(403);

    expect((await act(duty, c.id, { type: 'assess', verified: true, level: 2, category: '供水' })).statusCode).toBe(200);
    // Level Ⅱ needs a leader's instruction before assignment.
    const early = await act(duty, c.id, { type: 'assign', leadUnitId: 'water' });
    expect(early.statusCode).toBe(409);
    // Only a leader instructs.
    expect((await act(duty, c.id, { type: 'instruct', text: '请水务局立即核实处置' })).statusCode).toBe(403);
    expect((await act(leader, c.id, { type: 'instruct', text: '请水务局立即核实处置' })).statusCode).toBe(200);
    const assigned = await act(duty, c.id, { type: 'assign', leadUnitId: 'water' });
    expect(assigned.statusCode, assigned.body).toBe(200);

    // The other unit's liaison sees nothing of it.
    expect((await edu.req('GET', `/api/cases/${c.id}`)).statusCode).toBe(403);
    expect((await act(edu, c.id, { type: 'progress', note: '已派人' })).statusCode).toBe(403);
    const eduList = (await edu.req('GET', '/api/cases')).json() as { cases: unknown[] };
    expect(eduList.cases).toHaveLength(0);

    // The water liaison works on it and replies for its own unit.
    const mine = await water.req('GET', `/api/cases/${c.id}`);
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as { allowedActions: string[] }).allowedActions).toContain('progress');
    expect((await act(water, c.id, { type: 'progress', note: '已派人抢修' })).statusCode).toBe(200);
    const reply = await act(water, c.id, { type: 'reply', channel: 'website', text: '管道已修复，今日18时恢复供水。', publishedAt: new Date().toISOString(), replierUnitId: 'water' });
    expect(reply.statusCode, reply.body).toBe(200);
    expect((await act(duty, c.id, { type: 'feedback', result: 'satisfied' })).statusCode).toBe(200);
    const closed = await act(duty, c.id, { type: 'close' });
    expect(closed.statusCode, closed.body).toBe(200);
    const detail = closed.json() as { status: string; transitions: { action: string; actorRole: string }[] };
    expect(detail.status).toBe('closed');
    expect(detail.transitions.map((x) => x.action)).toEqual(['register', 'assess', 'instruct', 'assign', 'progress', 'reply', 'feedback', 'close']);
    expect(new Set(detail.transitions.map((x) => x.actorRole))).toEqual(new Set(['duty_officer', 'leader', 'unit_liaison']));

    const verify = await admin.req('GET', '/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true });
  });

  it('rejects an invalid action payload with 400 and changes nothing', async () => {
    const c = (await duty.req('POST', '/api/cases', { title: '学校食堂投诉' })).json() as { id: string };
    const bad = await act(duty, c.id, { type: 'assess', verified: true, level: 9, category: 'x' });
    expect(bad.statusCode).toBe(400);
    const after = (await duty.req('GET', `/api/cases/${c.id}`)).json() as { status: string; transitions: unknown[] };
    expect(after.status).toBe('registered');
    expect(after.transitions).toHaveLength(1);
  });
});
