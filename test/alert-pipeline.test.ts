/**
 * Alert rules on the real pipeline and store, driven by a controllable clock: post matches of one event merge
 * into one alert, quiet hours defer (never drop) low levels and heightened mode overrides them, a burst rule fires
 * once, double reporting reaches the upper-level office with the leader and escalation then stops, and the
 * follow-up watch raises a notice when a closed case's event flares again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildPipeline, type Pipeline } from '../src/pipeline/runtime.ts';
import type { CollectedItem, SourceRef } from '../src/pipeline/types.ts';
import { createAlertHooks } from '../src/services/alert.service.ts';
import { createAlertWorker, type AlertWorker } from '../src/services/alert-worker.ts';
import { HEIGHTENED_KEY } from '../src/services/alert-context.ts';
import { createCaseService } from '../src/services/case.service.ts';
import type { Actor } from '../src/services/actor.ts';
import { LiveHub, type LiveMessage } from '../src/services/live.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';

const T0 = Date.parse('2026-11-25T08:00:00Z'); // 16:00 Asia/Shanghai
const source: SourceRef = { id: 'src1', name: '县论坛', weight: 1, demo: false };
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const VARIANTS = [
  '治河渡镇自来水停了三天，水务局一直没有说法，老人孩子怎么办',
  '治河渡镇又停水了，水务局电话打不通，太气人了',
  '停水第三天，治河渡镇居民只能买桶装水，水务局不管不问',
  '治河渡镇自来水停水三天无人解释，投诉水务局没有回音',
  '治河渡镇停水问题严重，水务局推诿扯皮，群众很愤怒',
];
const item = (i: number, minutesAgo: number): CollectedItem => ({
  url: `https://bbs.example.cn/t/${i}`,
  title: VARIANTS[i % 5]!.slice(0, 14),
  text: `${VARIANTS[i % 5]!}（网友${i}反映）`,
  published_at: new Date(T0 - minutesAgo * 60_000).toISOString(),
  author: `网友${i}`,
});
const baseline = () => [1, 2, 3].map((i) => item(i, 60 * (3 * i + 1)));
const burst = () => Array.from({ length: 30 }, (_, k) => item(10 + k, 55 - k));

interface Desk {
  ts: TestStore;
  pipeline: Pipeline;
  worker: AlertWorker;
  live: LiveMessage[];
  clock: { now: Date };
}
let desk: Desk | null = null;
afterEach(async () => {
  await desk?.ts.cleanup();
  desk = null;
});

async function openDesk(rules: Record<string, unknown>[]): Promise<Desk> {
  const ts = await openTestStore();
  const r = ts.store.repos;
  for (const [id, name, kind] of [
    ['zhd', '治河渡镇', 'town'],
    ['water', '水务局', 'bureau'],
  ] as const) {
    await r.units.insert({ id, name, kind, parent_id: null, aliases: '[]', created_at: T0 });
  }
  for (const [id, role, unit] of [
    ['duty', 'duty_officer', null],
    ['backup', 'duty_officer', null],
    ['leader', 'leader', null],
    ['upper', 'leader', null],
    ['water1', 'unit_liaison', 'water'],
  ] as const) {
    await r.users.insert({
      id,
      username: id,
      display_name: id,
      password_hash: 'x',
      role,
      unit_id: unit,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      created_at: T0,
      updated_at: T0,
    });
  }
  await r.settings.set('alerts.defaultLeaderIds', ['leader'], T0);
  for (const [user, order] of [
    ['duty', 0],
    ['backup', 1],
    ['leader', 20],
  ] as const) {
    await r.alerts.insertShift({
      id: `shift-${user}`,
      user_id: user,
      starts_at: T0 - 3600_000,
      ends_at: T0 + 2 * 86_400_000,
      chain_order: order,
      note: null,
    });
  }
  await r.sources.insert({
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
    created_at: T0,
    updated_at: T0,
  });
  await r.plans.insert({
    id: 'plan-water',
    name: '供水',
    expression: '停水 OR 自来水',
    places: '[]',
    units: '[]',
    enabled: 1,
    created_at: T0,
    updated_at: T0,
  });
  for (const [i, rule] of rules.entries()) {
    await r.alerts.insertRule({
      id: `rule${i}`,
      name: `rule${i}`,
      config: JSON.stringify(rule),
      enabled: 1,
      created_at: T0,
    });
  }
  const clock = { now: new Date(T0) };
  const hub = new LiveHub();
  const live: LiveMessage[] = [];
  for (const u of ['duty', 'backup', 'leader', 'upper', 'water1']) hub.subscribe(u, (m) => live.push(m));
  const worker = createAlertWorker(ts.store, {
    live: hub,
    secretKey: 'a-test-secret-key-of-some-length',
    logger: silent,
    now: () => clock.now,
  });
  const pipeline = await buildPipeline(ts.store, {
    dataDir: ts.dataDir,
    hooks: { afterTrack: createAlertHooks(ts.store, { timezone: 'Asia/Shanghai' }).afterTrack },
  });
  desk = { ts, pipeline, worker, live, clock };
  return desk;
}

const ruleAlerts = async (d: Desk) =>
  (await d.ts.store.repos.alerts.list({ limit: 100, offset: 0 })).filter((a) => a.rule_id !== null);
const inAppTo = (d: Desk, user: string) => d.live.filter((m) => m.event === 'alert' && m.userIds?.includes(user));

describe('alert rules on the pipeline', () => {
  const postRule = {
    trigger: { kind: 'post_match', planIds: ['plan-water'], sentiments: ['negative'], places: ['治河渡镇'] },
    level: 4,
    quietHours: { start: '15:00', end: '18:00', levels: [4] },
    escalation: { enabled: false },
  };

  it('merges the post matches of one event into one alert and defers it to the end of quiet hours', async () => {
    const d = await openDesk([postRule]);
    await d.pipeline.ingestor.ingest(source, [...baseline(), ...burst()], d.clock.now);
    await d.pipeline.ingestor.ingest(source, [item(90, 5), item(91, 3)], d.clock.now);
    const list = await ruleAlerts(d);
    expect(list).toHaveLength(1);
    expect(list[0]!.level).toBe(4);
    expect(list[0]!.next_escalation_at).toBeNull();
    expect((await d.worker.tick()).deliveries.sent).toBe(0);
    expect((await d.ts.store.repos.alerts.byId(list[0]!.id))?.status).toBe('pending');
    d.clock.now = new Date(Date.parse('2026-11-25T10:00:00Z')); // 18:00 in the office: quiet hours end
    expect((await d.worker.tick()).deliveries.sent).toBe(1);
    expect(inAppTo(d, 'duty')).toHaveLength(1);
    expect((await d.ts.store.repos.alerts.byId(list[0]!.id))?.status).toBe('delivered');
  });

  it('heightened mode sends at once, quiet hours or not', async () => {
    const d = await openDesk([postRule]);
    await d.ts.store.repos.settings.set(
      HEIGHTENED_KEY,
      {
        active: true,
        until: new Date(T0 + 86_400_000).toISOString(),
        intervalSeconds: 300,
        sourceIds: 'all',
        reason: '敏感期',
        setBy: 'duty',
      },
      T0,
    );
    await d.pipeline.ingestor.ingest(source, [...baseline(), ...burst()], d.clock.now);
    expect(await ruleAlerts(d)).toHaveLength(1);
    expect((await d.worker.tick()).deliveries.sent).toBe(1);
  });

  it('a burst rule fires once for the bursting event', async () => {
    const d = await openDesk([{ trigger: { kind: 'burst', minScore: 3 }, level: 2, escalation: { enabled: false } }]);
    await d.pipeline.ingestor.ingest(source, baseline(), d.clock.now);
    expect(await ruleAlerts(d)).toHaveLength(0);
    await d.pipeline.ingestor.ingest(source, burst(), d.clock.now);
    await d.pipeline.ingestor.ingest(source, [item(95, 2)], d.clock.now);
    const list = await ruleAlerts(d);
    expect(list).toHaveLength(1);
    expect(list[0]!.title).toMatch(/^信息量突增/);
    expect(list[0]!.level).toBe(2);
  });

  it('double reporting tells the upper-level office with the leader, then escalation stops', async () => {
    const d = await openDesk([
      {
        trigger: { kind: 'event_level', minLevel: 3 },
        level: 3,
        escalation: { ackTimeoutMinutes: 10, doubleReport: { enabled: true, upperOfficeUserIds: ['upper'] } },
      },
    ]);
    await d.pipeline.ingestor.ingest(source, [...baseline(), ...burst()], d.clock.now);
    const [alert] = await ruleAlerts(d);
    await d.worker.tick();
    expect(inAppTo(d, 'duty')).toHaveLength(1);
    d.clock.now = new Date(T0 + 11 * 60_000);
    expect((await d.worker.tick()).escalated).toBe(1);
    expect(inAppTo(d, 'backup')).toHaveLength(1);
    expect(inAppTo(d, 'upper')).toHaveLength(0);
    d.clock.now = new Date(T0 + 22 * 60_000);
    expect((await d.worker.tick()).escalated).toBe(1);
    expect(inAppTo(d, 'leader')).toHaveLength(1);
    expect(inAppTo(d, 'upper')).toHaveLength(1);
    const audit = await d.ts.store.repos.audit.recent(50, 'alert', alert!.id);
    expect(audit.find((a) => a.action === 'alert.escalate' && a.after?.includes('"doubleReport":true'))).toBeTruthy();
    d.clock.now = new Date(T0 + 33 * 60_000);
    expect((await d.worker.tick()).escalated).toBe(0);
    expect((await d.ts.store.repos.alerts.byId(alert!.id))?.next_escalation_at).toBeNull();
  });

  it('the follow-up watch raises a notice when a closed case’s event flares again', async () => {
    const d = await openDesk([]);
    const first = await d.pipeline.ingestor.ingest(source, baseline(), d.clock.now);
    const eventId = first.eventsTouched[0]!;
    const cases = createCaseService(d.ts.store, { timezone: 'Asia/Shanghai' });
    const duty: Actor = { type: 'user', userId: 'duty', role: 'duty_officer', unitId: null };
    const liaison: Actor = { type: 'user', userId: 'water1', role: 'unit_liaison', unitId: 'water' };
    const t = (m: number) => new Date(T0 - m * 60_000);
    const c = await cases.create(
      duty,
      { title: '治河渡镇停水', summary: '', postIds: [], eventId, places: [], origin: 'event' },
      t(50),
    );
    await cases.act(duty, c.id, { type: 'assess', verified: true, level: 4, category: '供水' }, t(49));
    await cases.act(duty, c.id, { type: 'assign', leadUnitId: 'water' }, t(48));
    await cases.act(
      liaison,
      c.id,
      {
        type: 'reply',
        channel: 'website',
        text: '已恢复供水',
        publishedAt: t(47).toISOString(),
        replierUnitId: 'water',
      },
      t(47),
    );
    await cases.act(duty, c.id, { type: 'feedback', result: 'satisfied' }, t(46));
    expect((await cases.act(duty, c.id, { type: 'close' }, t(45))).status).toBe('closed');

    await d.pipeline.ingestor.ingest(source, burst(), d.clock.now);
    const report = await d.worker.tick();
    expect(report.notices).toBeGreaterThanOrEqual(1);
    const notices = (await d.ts.store.repos.alerts.list({ limit: 50, offset: 0 })).filter((a) =>
      a.dedupe_key.startsWith(`follow-up|case:${c.id}`),
    );
    expect(notices.map((n) => n.dedupe_key)).toContain(`follow-up|case:${c.id}|level_raised:3`);
    expect(inAppTo(d, 'water1').length).toBeGreaterThanOrEqual(1);
    d.clock.now = new Date(T0 + 5 * 60_000);
    expect((await d.worker.tick()).notices).toBe(0);
  });
});
