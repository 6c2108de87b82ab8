// Gazetteer and user-dictionary changes made through the API reach the live embedded pipeline: the server is wired
// as `tingfeng serve` wires it (one Changes signal shared by the services and the EmbeddedRunner), and posts are
// registered through POST /api/posts/manual, so they go through the real runner queue and analyser.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.ts';
import { buildApp } from '../src/api/app.ts';
import { createServices } from '../src/services/index.ts';
import { Changes } from '../src/services/changes.ts';
import { SYSTEM_ACTOR } from '../src/services/actor.ts';
import { EmbeddedRunner } from '../src/pipeline/runner-embedded.ts';
import { analysisFingerprint } from '../src/cluster/analyse-post.ts';
import type { App } from '../src/api/types.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';
import { PASSWORD } from './helpers/app.ts';

let t: TestStore;
let app: App;
let runner: EmbeddedRunner;
let cookie = '';
let csrf = '';

beforeAll(async () => {
  t = await openTestStore();
  const config = loadConfig({ overrides: { dataDir: t.dataDir, logLevel: 'silent', databaseUrl: t.databaseUrl } });
  const changes = new Changes();
  runner = new EmbeddedRunner(t.store, {
    dataDir: config.dataDirAbs,
    userAgent: config.userAgent,
    logger: pino({ level: 'silent' }),
    changes,
    collect: false,
  });
  const services = createServices(t.store, config, {
    changes,
    runner: () => runner,
    tracker: () => runner.trackerControl(),
    ingest: () => (source, items, now) => runner.ingest(source, items, now),
  });
  await services.units.create(SYSTEM_ACTOR, { id: 'chengguan', name: '城关镇', kind: 'town', aliases: [] }, Date.now());
  await services.units.create(
    SYSTEM_ACTOR,
    { id: 'lake', name: '县湖泊管理所', kind: 'bureau', aliases: [] },
    Date.now(),
  );
  await services.users.create(SYSTEM_ACTOR, { username: 'admin1', role: 'admin', password: PASSWORD }, Date.now());
  await runner.start();
  app = await buildApp({ config, store: t.store, services, logger: false });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin1', password: PASSWORD },
  });
  const cookies = login.cookies as { name: string; value: string }[];
  csrf = cookies.find((c) => c.name === 'tf_csrf')!.value;
  cookie = `tf_session=${cookies.find((c) => c.name === 'tf_session')!.value}; tf_csrf=${csrf}`;
});
afterAll(async () => {
  await runner?.stop();
  await app?.close();
  await t?.cleanup();
});

const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: object) =>
  app.inject({
    method,
    url,
    headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
    ...(body ? { payload: body } : {}),
  });

interface PostView {
  places: string[];
  units: string[];
  keywords: string[];
}

/** Registers a post through the API (the live runner) and reads back its analysis. */
async function ingest(title: string, text: string): Promise<PostView> {
  const r = await req('POST', '/api/posts/manual', { title, text });
  expect(r.statusCode, r.body).toBe(200);
  const { ids, stored } = r.json() as { ids: string[]; stored: number };
  expect(stored).toBe(1);
  const post = await req('GET', `/api/posts/${ids[0]}`);
  expect(post.statusCode, post.body).toBe(200);
  return post.json() as PostView;
}

describe('gazetteer edits reach the live pipeline', () => {
  it('an alias added with PATCH /api/units/:id is found as a place in a post ingested afterwards', async () => {
    const before = await ingest('澜城老街停水', '澜城老街从早上开始停水，居民到现在还没有水用');
    expect(before.places).not.toContain('城关镇');

    const patch = await req('PATCH', '/api/units/chengguan', { aliases: ['澜城'] });
    expect(patch.statusCode, patch.body).toBe(200);
    const after = await ingest('澜城中学门口积水', '昨夜大雨，澜城中学门口积水没过脚踝，学生上学很不方便');
    expect(after.places).toContain('城关镇');
  });

  it('a unit changed to a place kind, then deleted, is recognised accordingly', async () => {
    const asUnit = await ingest('县湖泊管理所回复', '县湖泊管理所回复网民：湖边护栏本周内修好');
    expect(asUnit.units).toContain('县湖泊管理所');
    expect((await req('PATCH', '/api/units/lake', { kind: 'village' })).statusCode).toBe(200);
    const asPlace = await ingest('县湖泊管理所门前', '县湖泊管理所门前的步道坑洼不平，晚上散步容易摔倒');
    expect(asPlace.places).toContain('县湖泊管理所');
    expect(asPlace.units).not.toContain('县湖泊管理所');
    expect((await req('DELETE', '/api/units/lake')).statusCode).toBe(200);
    const gone = await ingest('县湖泊管理所附近', '县湖泊管理所附近新开了一家早餐店，味道不错价格实惠');
    expect([...gone.places, ...gone.units]).not.toContain('县湖泊管理所');
  });
});

describe('cluster analysis workers see the same changes', () => {
  it('the fingerprint they poll changes with a unit kind, an alias and the user dictionary', async () => {
    const fp0 = await analysisFingerprint(t.store);
    expect((await req('PATCH', '/api/units/chengguan', { kind: 'village' })).statusCode).toBe(200);
    const fp1 = await analysisFingerprint(t.store);
    expect(fp1).not.toBe(fp0);
    expect((await req('PATCH', '/api/units/chengguan', { kind: 'town', aliases: ['澜城', '老城'] })).statusCode).toBe(
      200,
    );
    const fp2 = await analysisFingerprint(t.store);
    expect(fp2).not.toBe(fp1);
    expect(await analysisFingerprint(t.store)).toBe(fp2);
    expect((await req('PUT', '/api/settings/analysis.userWords', { value: [{ word: '澜湖大道' }] })).statusCode).toBe(
      200,
    );
    expect(await analysisFingerprint(t.store)).not.toBe(fp2);
  });
});

describe('user dictionary reaches the live pipeline', () => {
  it('a word added to analysis.userWords changes the segmentation of a post ingested afterwards', async () => {
    const before = await ingest('锦绣澜湾小区停水', '锦绣澜湾小区今天又停水了，锦绣澜湾的业主很着急');
    expect(before.keywords).not.toContain('锦绣澜湾');
    expect(before.keywords).toContain('澜湾');

    const put = await req('PUT', '/api/settings/analysis.userWords', { value: [{ word: '锦绣澜湾', tag: 'ns' }] });
    expect(put.statusCode, put.body).toBe(200);
    const after = await ingest('锦绣澜湾电梯故障', '锦绣澜湾三号楼电梯坏了一周，锦绣澜湾物业一直没人来修');
    expect(after.keywords).toContain('锦绣澜湾');
    expect(after.keywords).not.toContain('澜湾');
  });
});
