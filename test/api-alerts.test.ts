/**
 * Issue 6 end to end: a rule (event level Ⅲ or higher → duty roster, in-app, a signed webhook on a local server),
 * a negative burst through the real pipeline raises one alert, the worker delivers it, nobody acknowledges so it
 * escalates to the next person then the leader, an officer acknowledges; a case registered from the alert is
 * instructed, assigned and replied to late; the statistics show it overdue with the satisfaction; the audit chain
 * verifies. Also: channel failures are reported, secrets never come back, roster import, playbooks, releases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/alerts/channels/index.ts';
import { startLocalServer, type LocalServer } from '../src/alerts/channels/local-server.test-helper.ts';
import { isSealed } from '../src/alerts/secret-box.ts';
import { buildPipeline, type Pipeline } from '../src/pipeline/runtime.ts';
import type { CollectedItem, SourceRef } from '../src/pipeline/types.ts';
import { createAlertHooks } from '../src/services/alert.service.ts';
import { createAlertWorker, type AlertWorker } from '../src/services/alert-worker.ts';
import type { LiveMessage } from '../src/services/live.ts';
import { loadOrCreateSecretKey } from '../src/services/secret-key.ts';
import { openTestApp, type Session, type TestApp } from './helpers/app.ts';

const SECRET = 'webhook-shared-secret-0123456789';
const T0 = Date.parse('2026-11-25T08:00:00Z'); // a Wednesday, 16:00 in the office
let clock = new Date(T0);
const at = (minutes: number) => (clock = new Date(T0 + minutes * 60_000));

let t: TestApp;
let admin: Session, duty: Session, backup: Session, leader: Session, water: Session, analyst: Session;
let hook: LocalServer;
let pipeline: Pipeline;
let worker: AlertWorker;
const live: LiveMessage[] = [];
const source: SourceRef = { id: 'src1', name: '县论坛', weight: 1, demo: false };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const VARIANTS = [
  '治河渡镇自来水停了三天，水务局一直没有说法，老人孩子怎么办',
  '治河渡镇又停水了，水务局电话打不通，太气人了',
  '停水第三天，治河渡镇居民只能买桶装水，水务局不管不问',
  '治河渡镇自来水停水三天无人解释，投诉水务局没有回音',
  '治河渡镇停水问题严重，水务局推诿扯皮，群众很愤怒',
];
function item(i: number, minutesAgo: number): CollectedItem {
  const text = VARIANTS[i % VARIANTS.length]!;
  return {
    url: `https://bbs.example.cn/t/${i}`,
    title: text.slice(0, 14),
    text: `${text}（网友${i}反映）`,
    published_at: new Date(T0 - minutesAgo * 60_000).toISOString(),
    author: `网友${i}`,
  };
}

beforeAll(async () => {
  hook = await startLocalServer((req) =>
    verifyWebhookSignature(req.raw, req.headers['x-tingfeng-signature'] as string, SECRET)
      ? { body: { ok: true } }
      : { status: 401, body: { error: 'bad signature' } },
  );
  t = await openTestApp({ now: () => clock });
  admin = await t.addUser('admin1', 'admin');
  for (const [id, name, kind] of [
    ['zhd', '治河渡镇', 'town'],
    ['water', '水务局', 'bureau'],
  ] as const) {
    expect((await admin.req('POST', '/api/units', { id, name, kind })).statusCode).toBe(201);
  }
  duty = await t.addUser('duty', 'duty_officer');
  backup = await t.addUser('backup', 'duty_officer');
  leader = await t.addUser('leader', 'leader');
  analyst = await t.addUser('analyst', 'analyst');
  water = await t.addUser('water1', 'unit_liaison', 'water');
  const n = T0;
  await t.store.repos.sources.insert({
    id: 'src1',
    name: '县论坛',
    kind: 'rss',
    config: '{}',
    enabled: 1,
    interval_s: 600,
    cron: null,
    weight: 1,
    retention_days: null,
    cursor: null,
    health: JSON.stringify({ last_success_at: new Date(T0).toISOString() }),
    demo: 0,
    created_at: n,
    updated_at: n,
  });
  t.services.live.subscribe(duty.userId, (m) => live.push(m));
  t.services.live.subscribe(backup.userId, (m) => live.push(m));
  worker = createAlertWorker(t.store, {
    live: t.services.live,
    secretKey: loadOrCreateSecretKey(t.dataDir),
    logger: silent,
    now: () => clock,
    send: { retry: { maxAttempts: 1 } },
  });
  pipeline = await buildPipeline(t.store, {
    dataDir: t.dataDir,
    hooks: { afterTrack: createAlertHooks(t.store, { timezone: 'Asia/Shanghai' }).afterTrack },
  });
});
afterAll(async () => {
  await t?.cleanup();
  await hook?.close();
});

type AlertJson = {
  id: string;
  title: string;
  status: string;
  level: number;
  eventId: string | null;
  escalationStep: number;
  recipients: string[];
  acknowledgedBy: string | null;
  deliveries?: { channelKind: string; recipient: string | null; status: string; lastError: string | null }[];
};
const alerts = async (s: Session) => ((await s.req('GET', '/api/alerts')).json() as { alerts: AlertJson[] }).alerts;
const detail = async (id: string) => (await duty.req('GET', `/api/alerts/${id}`)).json() as AlertJson;
const act = (s: Session, id: string, body: Record<string, unknown>) => s.req('POST', `/api/cases/${id}/actions`, body);
/** Sessions last 12 hours of the (test) clock: sign in again after a jump of days. */
async function relogin() {
  admin = await t.login('admin1');
  duty = await t.login('duty');
  backup = await t.login('backup');
  leader = await t.login('leader');
  water = await t.login('water1');
  analyst = await t.login('analyst');
}

describe('alerts end to end', () => {
  let channelId = '';
  let alertId = '';
  let caseId = '';

  it('configures a webhook channel without ever returning its secret, a roster and a rule', async () => {
    const ch = await admin.req('POST', '/api/channels', {
      name: '值班群',
      kind: 'webhook',
      config: { url: `${hook.url}/hook`, secret: SECRET },
    });
    expect(ch.statusCode, ch.body).toBe(201);
    expect(ch.body).not.toContain(SECRET);
    channelId = (ch.json() as { id: string; hasSecret: boolean }).id;
    expect(ch.json()).toMatchObject({ hasSecret: true, config: { url: `${hook.url}/hook` } });
    const stored = await t.store.repos.alerts.channel(channelId);
    expect(stored?.config).not.toContain(SECRET);
    expect(isSealed(stored!.secret_enc!)).toBe(true);
    expect((await admin.req('GET', '/api/channels')).body).not.toContain(SECRET);
    // Editing without re-entering the secret keeps it: the test send is still signed correctly.
    expect(
      (
        await admin.req('PUT', `/api/channels/${channelId}`, {
          name: '值班群',
          kind: 'webhook',
          config: { url: `${hook.url}/hook` },
        })
      ).statusCode,
    ).toBe(200);
    const test = await admin.req('POST', `/api/channels/${channelId}/test`);
    expect(test.json()).toMatchObject({ ok: true, attempts: 1 });
    expect(hook.requests).toHaveLength(1);
    expect((await duty.req('GET', '/api/channels')).statusCode).toBe(403);

    const shift = {
      startsAt: new Date(T0 - 3600_000).toISOString(),
      endsAt: new Date(T0 + 2 * 86_400_000).toISOString(),
    };
    for (const [s, chainOrder] of [
      [duty, 0],
      [backup, 1],
      [leader, 20],
    ] as const) {
      expect((await admin.req('POST', '/api/roster', { ...shift, userId: s.userId, chainOrder })).statusCode).toBe(201);
    }
    const roster = (await duty.req('GET', '/api/roster')).json() as {
      now: { onDuty: string[]; escalationChain: string[]; leaderIds: string[] };
    };
    expect(roster.now).toEqual({ onDuty: [duty.userId], escalationChain: [backup.userId], leaderIds: [leader.userId] });

    const bad = await analyst.req('POST', '/api/alert-rules', {
      name: 'x',
      config: { trigger: { kind: 'event_level', minLevel: 7 }, level: 3 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'TF_ERR_VALIDATION' } });
    const rule = await analyst.req('POST', '/api/alert-rules', {
      name: '事件Ⅲ级以上',
      config: {
        trigger: { kind: 'event_level', minLevel: 3 },
        level: 3,
        recipients: { dutyRoster: true },
        channelIds: [channelId],
        inApp: true,
        escalation: { ackTimeoutMinutes: 30 },
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    expect(
      (await duty.req('POST', '/api/alert-rules', { name: 'y', config: { trigger: { kind: 'burst' }, level: 2 } }))
        .statusCode,
    ).toBe(403);
  });

  it('raises one alert for a negative burst, even when the posts are delivered again', async () => {
    const baseline = [1, 2, 3].map((i) => item(i, 60 * (3 * i + 1)));
    const burst = Array.from({ length: 30 }, (_, k) => item(10 + k, 55 - k));
    await pipeline.ingestor.ingest(source, baseline, clock);
    await pipeline.ingestor.ingest(source, burst, clock);
    await pipeline.ingestor.ingest(source, [...baseline, ...burst], clock);
    const list = await alerts(duty);
    expect(list).toHaveLength(1);
    alertId = list[0]!.id;
    expect(list[0]!.level).toBeLessThanOrEqual(3);
    expect(list[0]!.eventId).toBeTruthy();
    expect(list[0]!.status).toBe('pending');
  });

  it('delivers it to the webhook (signed) and in-app to the officer on duty', async () => {
    const before = hook.requests.length;
    const report = await worker.tick();
    expect(report.deliveries).toMatchObject({ sent: 2, failed: 0 });
    expect(hook.requests).toHaveLength(before + 1);
    const req = hook.requests.at(-1)!;
    expect(verifyWebhookSignature(req.raw, req.headers['x-tingfeng-signature'] as string, SECRET)).toBe(true);
    expect(JSON.parse(req.raw.toString())).toMatchObject({ type: 'tingfeng.alert', alert: { id: alertId } });
    expect(
      live
        .filter((m) => m.event === 'alert' && (m.data as { alertId: string }).alertId === alertId)
        .map((m) => m.userIds),
    ).toEqual([[duty.userId]]);
    const res = await duty.req('GET', '/api/notifications');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as { notifications: { alertId: string; kind: string }[] };
    expect(mine.notifications).toEqual([expect.objectContaining({ alertId, kind: 'alert' })]);
    expect(
      ((await backup.req('GET', '/api/notifications')).json() as { notifications: unknown[] }).notifications,
    ).toHaveLength(0);
    const d = await detail(alertId);
    expect(d.status).toBe('delivered');
    expect(d.deliveries!.map((x) => `${x.channelKind}:${x.status}`).sort()).toEqual(['in_app:sent', 'webhook:sent']);
  });

  it('escalates when nobody acknowledges: the next person, then the leader; an acknowledgement stops it', async () => {
    at(20);
    expect((await worker.tick()).escalated).toBe(0);
    at(31);
    expect((await worker.tick()).escalated).toBe(1);
    let d = await detail(alertId);
    expect(d).toMatchObject({ status: 'escalated', escalationStep: 1 });
    expect(d.recipients).toEqual([duty.userId, backup.userId]);
    expect(
      ((await backup.req('GET', '/api/notifications')).json() as { notifications: unknown[] }).notifications,
    ).toHaveLength(1);
    at(62);
    expect((await worker.tick()).escalated).toBe(1);
    d = await detail(alertId);
    expect(d.escalationStep).toBe(2);
    expect(d.recipients).toContain(leader.userId);
    expect(
      ((await leader.req('GET', '/api/notifications')).json() as { notifications: unknown[] }).notifications,
    ).toHaveLength(1);
    expect(hook.requests.filter((r) => r.url.pathname === '/hook')).toHaveLength(4); // test + first send + two escalations

    expect((await water.req('POST', `/api/alerts/${alertId}/ack`)).statusCode).toBe(403);
    const ack = await duty.req('POST', `/api/alerts/${alertId}/ack`, { note: '已核实，登记台账' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: duty.userId,
      acknowledgedAt: clock.toISOString(),
    });
    at(200);
    expect((await worker.tick()).escalated).toBe(0);
    expect((await detail(alertId)).escalationStep).toBe(2);
  });

  it('heightened mode: an officer may switch it on, a liaison may not', async () => {
    const on = await duty.req('PUT', '/api/alerts/heightened', { active: true, reason: '停水事件持续发酵' });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({
      active: true,
      setBy: duty.userId,
      until: new Date(clock.getTime() + 86_400_000).toISOString(),
    });
    expect(t.services.alerts.heightenedForCollector(clock)).toMatchObject({ interval_seconds: 300, source_ids: 'all' });
    expect((await water.req('PUT', '/api/alerts/heightened', { active: false })).statusCode).toBe(403);
    expect((await duty.req('PUT', '/api/alerts/heightened', { active: false })).json()).toMatchObject({
      active: false,
    });
  });

  it('a case registered from the alert is instructed, assigned, replied late; the statistics show it', async () => {
    const a = await detail(alertId);
    const created = await duty.req('POST', '/api/cases', {
      title: '治河渡镇停水三天',
      summary: '网民集中反映停水',
      alertId,
      eventId: a.eventId,
      origin: 'alert',
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = (created.json() as { id: string }).id;
    expect((await act(duty, caseId, { type: 'assess', verified: true, level: 2, category: '供水' })).statusCode).toBe(
      200,
    );
    expect(
      (await act(leader, caseId, { type: 'instruct', text: '请水务局立即核实，尽快恢复供水并公开答复' })).statusCode,
    ).toBe(200);
    expect((await act(duty, caseId, { type: 'assign', leadUnitId: 'water' })).statusCode).toBe(200);
    const c = (await duty.req('GET', `/api/cases/${caseId}`)).json() as { replyDueAt: string };

    // The reply deadline passes: the worker sends the overdue notice (逾期) to the unit's liaison, once.
    clock = new Date(Date.parse(c.replyDueAt) + 3 * 3600_000);
    await relogin();
    expect((await worker.tick()).notices).toBeGreaterThanOrEqual(1);
    clock = new Date(clock.getTime() + 120_000);
    await worker.tick();
    const notes = (
      (await water.req('GET', '/api/notifications')).json() as { notifications: { title: string; kind: string }[] }
    ).notifications;
    expect(notes.filter((n) => n.kind === 'notice' && n.title.startsWith('逾期')).length).toBeGreaterThanOrEqual(1);
    expect(new Set(notes.map((n) => n.title)).size).toBe(notes.length);

    const reply = await act(water, caseId, {
      type: 'reply',
      channel: 'website',
      text: '管道已抢修完毕，今日恢复供水。',
      url: 'https://www.example.gov.cn/reply/1',
      publishedAt: clock.toISOString(),
      replierUnitId: 'water',
    });
    expect(reply.statusCode, reply.body).toBe(200);
    expect((await act(duty, caseId, { type: 'feedback', result: 'satisfied' })).statusCode).toBe(200);

    const from = new Date(T0 - 86_400_000).toISOString();
    const to = new Date(clock.getTime() + 86_400_000).toISOString();
    const stats = (
      await leader.req('GET', `/api/stats/cases?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
    ).json() as {
      casesOpened: number;
      overdue: { caseId: string; deadline: string }[];
      satisfactionRate: number;
      feedback: { satisfied: number };
    };
    expect(stats.casesOpened).toBe(1);
    expect(stats.overdue.filter((o) => o.caseId === caseId).map((o) => o.deadline)).toContain('reply');
    expect(stats.feedback.satisfied).toBe(1);
    expect(stats.satisfactionRate).toBe(1);

    // The reply was recorded as a release; releases count per month and channel.
    const rel = await duty.req('POST', '/api/releases', {
      title: '关于治河渡镇供水恢复的通报',
      channel: 'weibo',
      publishedAt: clock.toISOString(),
      caseId,
    });
    expect(rel.statusCode, rel.body).toBe(201);
    expect(
      (await water.req('POST', '/api/releases', { title: 'x', channel: 'weibo', publishedAt: clock.toISOString() }))
        .statusCode,
    ).toBe(403);
    const list = (
      await water.req('GET', `/api/releases?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
    ).json() as { releases: unknown[]; monthly: { channel: string; count: number }[] };
    expect(list.releases, JSON.stringify(list)).toHaveLength(2);
    expect(list.monthly.map((m) => `${m.channel}:${m.count}`).sort()).toEqual(['website:1', 'weibo:1']);
  });

  it('playbooks: a leader activates one on the case, the unit checks off its task', async () => {
    const pb = await analyst.req('POST', '/api/playbooks', {
      name: '供水中断应急预案',
      incidentType: '供水',
      level: 2,
      steps: [
        { title: '值班员核实情况并报告', role: 'duty_officer', within: { amount: 1, unit: 'hours' } },
        { title: '水务局发布停水通告', unitId: 'water', within: { amount: 1, unit: 'working_days' } },
      ],
    });
    expect(pb.statusCode, pb.body).toBe(201);
    const playbookId = (pb.json() as { id: string }).id;
    expect((await duty.req('POST', `/api/cases/${caseId}/playbook`, { playbookId })).statusCode).toBe(403);
    const on = await leader.req('POST', `/api/cases/${caseId}/playbook`, { playbookId });
    expect(on.statusCode, on.body).toBe(201);
    const tasks = (on.json() as { tasks: { id: string; unitId: string | null; dueAt: string }[] }).tasks;
    expect(tasks).toHaveLength(2);
    expect(tasks[0]!.dueAt).toBe(new Date(clock.getTime() + 3600_000).toISOString());
    expect((await leader.req('POST', `/api/cases/${caseId}/playbook`, { playbookId })).statusCode).toBe(409);
    const unitTask = tasks.find((x) => x.unitId === 'water')!;
    const officerTask = tasks.find((x) => x.unitId === null)!;
    expect((await water.req('POST', `/api/cases/${caseId}/tasks/${officerTask.id}/done`)).statusCode).toBe(403);
    const done = await water.req('POST', `/api/cases/${caseId}/tasks/${unitTask.id}/done`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ doneBy: water.userId });
    const c = (await leader.req('GET', `/api/cases/${caseId}`)).json() as {
      tasks: { id: string; doneBy: string | null }[];
    };
    expect(c.tasks.find((x) => x.id === unitTask.id)?.doneBy).toBe(water.userId);
  });

  it('a failing channel is reported, not dropped, and its secret never appears', async () => {
    const broken = await startLocalServer(() => ({ status: 403, body: { error: 'forbidden' } }));
    try {
      const ch = await admin.req('POST', '/api/channels', {
        name: '上级办 webhook',
        kind: 'webhook',
        config: { url: `${broken.url}/in`, secret: SECRET },
      });
      const brokenId = (ch.json() as { id: string }).id;
      const test = (await admin.req('POST', `/api/channels/${brokenId}/test`)).json() as {
        ok: boolean;
        error: { code: string; message: string };
      };
      expect(test).toMatchObject({ ok: false, error: { code: 'TF_ERR_CHANNEL_HTTP' } });
      // The forum stops answering: a source-outage rule sends over the broken channel.
      expect(
        (
          await analyst.req('POST', '/api/alert-rules', {
            name: '信息源中断',
            config: {
              trigger: { kind: 'source_outage', minDownMinutes: 60 },
              level: 2,
              recipients: { dutyRoster: false, roles: ['admin'] },
              channelIds: [brokenId],
            },
          })
        ).statusCode,
      ).toBe(201);
      clock = new Date(clock.getTime() + 3600_000);
      const report = await worker.tick();
      expect(report.outages).toBe(1);
      expect(report.deliveries.failed).toBe(1);
      const outage = (await alerts(admin)).find((a) => a.title.startsWith('信息源中断'))!;
      const d = (await admin.req('GET', `/api/alerts/${outage.id}`)).json() as AlertJson;
      const failed = d.deliveries!.find((x) => x.channelKind === 'webhook')!;
      expect(failed.status).toBe('failed');
      expect(failed.lastError).toContain('HTTP 403');
      await worker.tick();
      const notes = (
        (await admin.req('GET', '/api/notifications')).json() as { notifications: { kind: string; title: string }[] }
      ).notifications;
      expect(notes.some((n) => n.kind === 'delivery_failed' && n.title.includes('上级办 webhook'))).toBe(true);
      const audit = (await admin.req('GET', '/api/audit?limit=200')).body;
      expect(audit).toContain('alert.delivery_failed');
      expect(audit).not.toContain(SECRET);
      // The next tick does not raise the same outage again.
      clock = new Date(clock.getTime() + 120_000);
      expect((await worker.tick()).outages).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it('imports a roster from spreadsheet rows, all or nothing', async () => {
    const header = ['日期', '开始时间', '结束时间', '值班人员', '备班人员', '带班领导'];
    const bad = await admin.req('POST', '/api/roster/import', {
      rows: [header, ['2026-12-10', '8:30', '8:30', 'duty', 'nobody', 'leader']],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      error: { code: 'TF_ERR_VALIDATION', details: { errors: [{ row: 2, column: '备班人员' }] } },
    });
    const ok = await admin.req('POST', '/api/roster/import', {
      rows: [
        header,
        ['2026-12-10', '8:30', '8:30', 'duty', 'backup', 'leader'],
        ['2026/12/11', '', '', 'backup', '', ''],
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: 4, shifts: 2 });
    const view = (
      await duty.req(
        'GET',
        `/api/roster?from=${encodeURIComponent('2026-12-10T00:00:00Z')}&to=${encodeURIComponent('2026-12-12T00:00:00Z')}`,
      )
    ).json() as { shifts: { chainOrder: number }[] };
    expect(view.shifts.map((s) => s.chainOrder).sort((a, b) => a - b)).toEqual([0, 0, 1, 20]);
  });

  it('the audit chain verifies', async () => {
    const verify = await admin.req('GET', '/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true });
    const actions = (await admin.req('GET', '/api/audit?limit=500')).body;
    for (const a of [
      'alert.raise',
      'alert.escalate',
      'alert.ack',
      'channel.create',
      'alert_rule.create',
      'case.playbook_activate',
      'case.task_done',
      'release.create',
      'roster.import',
    ]) {
      expect(actions).toContain(a);
    }
  });
});
