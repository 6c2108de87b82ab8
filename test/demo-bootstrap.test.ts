/**
 * First run with the demo county on a real store: startDemo installs units, plans, users, roster, alert rules,
 * the playbook and the demo sources once (a second start installs nothing and reuses the marker and the port),
 * the demo site answers, the embedded runner's collector reads every kind of demo source through the real
 * connectors (web-page UTF-8 and GBK, rss, json-api, spreadsheet), and `demo reset` removes exactly the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../src/config/config.ts';
import { createServices, type Services } from '../src/services/index.ts';
import { Changes } from '../src/services/changes.ts';
import { SYSTEM_ACTOR } from '../src/services/actor.ts';
import { createAlertHooks } from '../src/services/alert.service.ts';
import { verifyAuditChain } from '../src/services/audit.service.ts';
import { EmbeddedRunner } from '../src/pipeline/runner-embedded.ts';
import { startDemo, type DemoStarted } from '../src/demo/bootstrap.ts';
import { DEMO_MARKER_KEY, parseMarker, type DemoMarker } from '../src/demo/marker.ts';
import { resetDemo } from '../src/demo/reset.ts';
import { DEMO_UNITS, DEMO_PLANS, DEMO_ALERT_RULES, DEMO_USERS } from '../src/demo/index.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';

const logger = pino({ level: 'silent' });
let ts: TestStore;
let services: Services;
let changes: Changes;
let config: ReturnType<typeof loadConfig>;
let runner: EmbeddedRunner | null = null;
let demo: DemoStarted | null = null;

async function marker(): Promise<DemoMarker> {
  const m = parseMarker(await ts.store.repos.settings.get<unknown>(DEMO_MARKER_KEY));
  if (!m) throw new Error('no marker');
  return m;
}

async function allPosts() {
  return ts.store.repos.posts.list({ from: 0, to: Date.now() + 86_400_000, limit: 100_000, offset: 0 });
}

beforeAll(async () => {
  ts = await openTestStore();
  config = loadConfig({ overrides: { dataDir: ts.dataDir, logLevel: 'silent', databaseUrl: ts.databaseUrl } });
  changes = new Changes();
  services = createServices(ts.store, config, { changes, runner: () => runner });
  await services.users.ensureInitialAdmin(Date.now());
});

afterAll(async () => {
  await runner?.stop();
  await demo?.stop();
  await ts?.cleanup();
});

describe('demo county on first run', () => {
  let firstPort = 0;

  it('installs the county once through the services', async () => {
    demo = await startDemo({ store: ts.store, services, config, logger });
    expect(demo).not.toBeNull();
    firstPort = Number(new URL(demo!.siteUrl).port);
    // admin existed (serve creates it first): the other demo staff get fresh passwords, printed once.
    expect(demo!.users.map((u) => u.login).sort()).toEqual(
      DEMO_USERS.filter((u) => u.login !== 'admin')
        .map((u) => u.login)
        .sort(),
    );
    for (const u of demo!.users) expect(u.password.length).toBeGreaterThanOrEqual(12);
    const liaison = demo!.users.find((u) => u.login === 'shuiwu')!;
    const session = await services.auth.login(liaison.login, liaison.password, null, Date.now());
    expect(session).toBeTruthy();

    const m = await marker();
    expect(m.complete).toBe(true);
    expect(m.created.units).toHaveLength(DEMO_UNITS.length);
    expect(m.created.plans).toHaveLength(DEMO_PLANS.length);
    expect(m.created.rules).toHaveLength(DEMO_ALERT_RULES.length);
    expect(m.created.playbooks).toHaveLength(1);
    expect(m.created.sources).toHaveLength(5);
    expect(m.created.shifts).toBeGreaterThan(100);

    const units = await services.units.list();
    const town = units.find((u) => u.id === 'unit-town-chengdong')!;
    expect(town.name).toBe('城东街道');
    expect(town.aliases).toEqual(expect.arrayContaining(['临澜县城东街道办事处', '滨江大道']));
    expect(units.find((u) => u.id === 'unit-chengdong-v1')!.parentId).toBe('unit-town-chengdong');
    const plans = await services.plans.list();
    expect(plans.map((p) => p.name).sort()).toEqual(DEMO_PLANS.map((p) => p.name).sort());
    const rules = (await services.alerts.rules.list()).rules;
    expect(rules).toHaveLength(DEMO_ALERT_RULES.length);
    expect(rules.every((r) => r.config['inApp'] === true)).toBe(true);
    const roster = await services.roster.view({}, new Date());
    expect(roster.now.onDuty).toHaveLength(1);
    expect(roster.now.leaderIds).toHaveLength(1);
    const sources = await ts.store.repos.sources.list();
    expect(sources.every((s) => s.demo === 1)).toBe(true);
    expect(new Set(sources.map((s) => s.kind))).toEqual(new Set(['web-page', 'rss', 'json-api', 'spreadsheet']));
    for (const s of sources) if (s.kind !== 'spreadsheet') expect(s.config).toContain(`127.0.0.1:${firstPort}`);
  });

  it('answers on the demo site', async () => {
    const r = await fetch(`${demo!.siteUrl}/forum/bbs/list?page=1`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('gbk');
  });

  it('a second start installs nothing new, reuses the marker and the port', async () => {
    const before = await marker();
    const auditBefore = (await ts.store.repos.audit.recent(10_000)).length;
    await demo!.stop();
    demo = await startDemo({ store: ts.store, services, config, logger });
    expect(demo).not.toBeNull();
    expect(demo!.users).toEqual([]);
    expect(Number(new URL(demo!.siteUrl).port)).toBe(firstPort);
    const after = await marker();
    expect(after.created).toEqual(before.created);
    expect(after.at).toBe(before.at);
    expect((await ts.store.repos.audit.recent(10_000)).length).toBe(auditBefore);
    expect(await ts.store.repos.sources.list()).toHaveLength(5);
  });

  it('the collector stores demo posts from every kind of source through the real connectors', async () => {
    const hooks = createAlertHooks(ts.store, { timezone: config.timezone });
    runner = new EmbeddedRunner(ts.store, {
      dataDir: config.dataDirAbs,
      userAgent: config.userAgent,
      logger,
      changes,
      hooks: { afterTrack: hooks.afterTrack },
    });
    await runner.start();
    const sources = await ts.store.repos.sources.list();
    const kinds = new Map(sources.map((s) => [s.id, s.kind]));
    const deadline = Date.now() + 90_000;
    let seen = new Set<string>();
    while (Date.now() < deadline) {
      seen = new Set((await allPosts()).map((p) => p.source_id));
      if (seen.size === sources.length) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await runner.stop();
    runner = null;
    const posts = await allPosts();
    expect(new Set([...seen].map((id) => kinds.get(id)))).toEqual(
      new Set(['web-page', 'rss', 'json-api', 'spreadsheet']),
    );
    expect(seen.size).toBe(5);
    expect(posts.every((p) => p.demo === 1)).toBe(true);
    const gbk = sources.find((s) => s.name.includes('GBK'))!;
    const gbkPosts = posts.filter((p) => p.source_id === gbk.id);
    expect(gbkPosts.length).toBeGreaterThan(10);
    for (const p of gbkPosts) {
      expect(`${p.title}${p.text}`).not.toContain('\uFFFD');
      expect(p.title ?? '').toMatch(/[\u4e00-\u9fff]/);
    }
    const events = await ts.store.repos.events.list({ limit: 1000, offset: 0 });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.demo === 1)).toBe(true);
    // Placed by the units-as-gazetteer: some posts name a town of 临澜县.
    expect(
      posts.some(
        (p) => (p as { places?: string }).places?.includes('街道') || (p as { places?: string }).places?.includes('镇'),
      ),
    ).toBe(true);
    const levelled = events.filter((e) => e.level !== null);
    const alerts = await ts.store.repos.alerts.list({ limit: 1000, offset: 0 });
    console.log(
      `demo first poll: ${posts.length} posts, ${events.length} events, ${levelled.length} with a warning level, ${alerts.length} alerts`,
    );
  }, 120_000);

  it('demo reset removes the demo data and leaves the rest alone', async () => {
    await demo!.stop();
    demo = null;
    const now = new Date();
    // Non-demo data added after the install: a unit, a user, a source with a post, a case on it.
    const unit = await services.units.create(
      SYSTEM_ACTOR,
      { name: '真实单位', kind: 'bureau', parentId: 'unit-county', aliases: [] },
      now.getTime(),
    );
    await services.users.create(
      SYSTEM_ACTOR,
      { username: 'real-officer', role: 'duty_officer', password: 'a-long-password-1', unitId: unit.id },
      now.getTime(),
    );
    const own = await services.sources.create(
      SYSTEM_ACTOR,
      {
        name: '本单位来源',
        kind: 'rss',
        config: { url: 'https://example.org/feed.xml' },
        enabled: false,
        intervalSeconds: 600,
        weight: 1,
      },
      now,
    );
    const r = new EmbeddedRunner(ts.store, {
      dataDir: config.dataDirAbs,
      userAgent: config.userAgent,
      logger,
      changes,
      collect: false,
    });
    await r.start();
    await r.ingest(
      { id: own.id, name: own.name, weight: 1, demo: false },
      [
        {
          url: 'https://example.org/a',
          title: '真实帖文',
          text: '人民路路灯不亮了，希望尽快修理。',
          published_at: now.toISOString(),
        },
      ],
      now,
    );
    await r.stop();
    const ownPost = (await allPosts()).find((p) => p.source_id === own.id)!;
    expect(ownPost.demo).toBe(0);
    const admin = (await ts.store.repos.users.byUsername('admin'))!;
    const adminActor = { type: 'user' as const, userId: admin.id, role: 'admin' as const, unitId: null };
    const realCase = await services.cases.create(
      adminActor,
      { title: '路灯', summary: '', postIds: [ownPost.id], places: [], origin: 'post' },
      now,
    );
    const m = await marker();
    const duty = { type: 'user' as const, userId: m.userIds['u-duty1']!, role: 'duty_officer' as const, unitId: null };
    const demoPost = (await allPosts()).find((p) => p.demo === 1)!;
    await services.cases.create(
      duty,
      { title: '演示事项', summary: '', postIds: [demoPost.id], places: [], origin: 'post' },
      now,
    );

    const res = await resetDemo(ts.store, new Date());
    expect(res.found).toBe(true);
    expect(res.removed.sources).toBe(5);
    expect(res.removed.cases).toBe(1);
    expect(res.removed.plans).toBe(DEMO_PLANS.length);
    expect(res.removed.rules).toBe(DEMO_ALERT_RULES.length);
    expect(res.removed.users).toBe(DEMO_USERS.length - 1);
    // The county government is the parent of the real unit: it and only it stays.
    expect(res.kept.units).toEqual(['unit-county']);
    expect(res.removed.units).toBe(DEMO_UNITS.length - 1);

    const posts = await allPosts();
    expect(posts.map((p) => p.id)).toEqual([ownPost.id]);
    expect((await ts.store.repos.sources.list()).map((s) => s.id)).toEqual([own.id]);
    // The real post's own event stays; every demo event and every alert about the demo is gone.
    const events = await ts.store.repos.events.list({ limit: 100, offset: 0 });
    expect(events.map((e) => [e.demo, e.post_count])).toEqual([[0, 1]]);
    const alerts = await ts.store.repos.alerts.list({ limit: 1000, offset: 0 });
    expect(alerts.every((a) => a.post_id === ownPost.id || a.event_id === events[0]!.id)).toBe(true);
    expect((await services.cases.get(adminActor, realCase.id, now)).id).toBe(realCase.id);
    expect((await ts.store.repos.users.list()).map((u) => u.username).sort()).toEqual(['admin', 'real-officer']);
    expect(await services.plans.list()).toEqual([]);
    expect((await services.alerts.rules.list()).rules).toEqual([]);
    expect((await services.playbooks.list()).playbooks).toEqual([]);
    expect(await ts.store.repos.alerts.shifts(0, Date.now() + 365 * 86_400_000)).toEqual([]);
    expect(await ts.store.repos.settings.get(DEMO_MARKER_KEY)).toBeUndefined();
    const audit = await ts.store.repos.audit.recent(5);
    expect(audit.some((a) => a.action === 'demo.reset')).toBe(true);
    expect((await verifyAuditChain(ts.store)).ok).toBe(true);
    // Searching still works for what is left.
    expect(await ts.store.repos.posts.count({})).toBe(1);

    // Nothing left to remove the second time.
    expect((await resetDemo(ts.store, new Date())).found).toBe(false);
  });
});
