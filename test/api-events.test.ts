// Events and the stream over the real app, a real store and the embedded runner (its live tracker wired to the
// services as `tingfeng serve` does): the level filter of the stream, adding a post to an event and taking it out
// (access, history, audit, the tracker following), and an event's spread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/config/config.ts';
import { buildApp } from '../src/api/app.ts';
import { createServices } from '../src/services/index.ts';
import { Changes } from '../src/services/changes.ts';
import { SYSTEM_ACTOR } from '../src/services/actor.ts';
import { EmbeddedRunner } from '../src/pipeline/runner-embedded.ts';
import type { CollectedItem, SourceRef } from '../src/pipeline/types.ts';
import type { App } from '../src/api/types.ts';
import type { Role } from '../src/contracts/auth.ts';
import { openTestStore, type TestStore } from './helpers/store.ts';
import { PASSWORD } from './helpers/app.ts';

const HOUR = 3_600_000;
const NOW = new Date('2026-11-25T12:00:00+08:00');
const at = (h: number) => new Date(NOW.getTime() - h * HOUR).toISOString();

const WATER = [
  ['治河渡镇大面积停水三天，居民用水困难', '治河渡镇多个村庄自来水停水已经三天，居民只能到河边挑水，自来水厂称管道爆裂正在抢修。'],
  ['治河渡镇停水第三天 自来水管道抢修进展', '治河渡镇自来水厂管道爆裂抢修仍未完成，停水影响上千户居民，送水车每天两次到村里送水。'],
  ['治河渡镇居民：停水三天只能挑水做饭', '治河渡镇居民反映停水三天，自来水厂抢修管道进度缓慢，希望尽快恢复供水，送水车不够用。'],
  ['自来水厂回应治河渡镇停水：管道爆裂明日恢复供水', '针对治河渡镇停水，自来水厂表示爆裂管道抢修接近完成，预计明日恢复供水，停水期间安排送水车。'],
];
const SCHOOL = [
  ['治河渡镇中学食堂疑似食物中毒 二十名学生送医', '治河渡镇中学二十名学生午餐后出现呕吐腹痛，疑似食堂食物中毒，已送县医院治疗，市场监管部门封存食品。'],
  ['治河渡镇中学学生呕吐腹痛 食堂已停业整顿', '治河渡镇中学食堂因学生疑似食物中毒停业整顿，送医学生病情稳定，市场监管部门对留样食品进行检测。'],
  ['家长质问治河渡镇中学食堂卫生：孩子呕吐住院', '多名家长反映孩子在治河渡镇中学食堂吃午餐后呕吐腹痛住院，要求学校公开食堂食品检测结果。'],
];
const PARK = ['城关镇人民公园菊花展开幕', '城关镇人民公园菊花展今日开幕，展出菊花三百余种，市民可免费入园参观，公园东门增设临时停车场。'];

const FORUM: SourceRef = { id: 'src-forum', name: '临澜论坛', weight: 1, demo: false };
const WEIBO: SourceRef = { id: 'src-weibo', name: '微博话题', weight: 1, demo: false };

const item = (slug: string, [title, text]: readonly string[], hoursAgo: number, author = `网友${slug}`): CollectedItem => ({
  url: `https://example.cn/${slug}`,
  title: title!,
  text: text!,
  published_at: at(hoursAgo),
  author,
});

interface Session {
  req(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

let t: TestStore;
let app: App;
let runner: EmbeddedRunner;
const s: Partial<Record<'duty' | 'leader' | 'liaison', Session>> = {};
const ids = { water: '', school: '', park: '' };
const post = (url: string) => `https://example.cn/${url}`;
let byUrl = new Map<string, { id: string; eventId: string | null; duplicateOf: string | null }>();

async function login(username: string, role: Role, unitId: string | null = null): Promise<Session> {
  await createdServices.users.create(SYSTEM_ACTOR, { username, role, unitId, password: PASSWORD }, Date.now());
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  const cookies = r.cookies as { name: string; value: string }[];
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = cookies.find((c) => c.name === 'tf_csrf')!.value;
  return {
    req: (method, url, body) =>
      app.inject({ method: method as 'GET', url, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) }, ...(body === undefined ? {} : { payload: body as object }) }),
  };
}
let createdServices: ReturnType<typeof createServices>;

async function refreshPosts(): Promise<void> {
  const rows = await t.store.repos.posts.list({ limit: 200, offset: 0 });
  byUrl = new Map(rows.map((r) => [r.url ?? '', { id: r.id, eventId: r.event_id ?? null, duplicateOf: r.duplicate_of ?? null }]));
}

beforeAll(async () => {
  t = await openTestStore();
  const config = loadConfig({ overrides: { dataDir: t.dataDir, logLevel: 'silent', databaseUrl: t.databaseUrl, demo: false } });
  runner = new EmbeddedRunner(t.store, { dataDir: t.dataDir, userAgent: 'test', logger: pino({ level: 'silent' }), changes: new Changes(), collect: false });
  await runner.start();
  createdServices = createServices(t.store, config, { tracker: () => runner.trackerControl() });
  app = await buildApp({ config, store: t.store, services: createdServices, logger: false, now: () => NOW });
  await app.ready();
  for (const src of [FORUM, WEIBO])
    await t.store.repos.sources.insert({
      id: src.id, name: src.name, kind: 'rss', config: '{}', enabled: 1, interval_s: 600, cron: null, weight: 1, retention_days: null, cursor: null, health: '{}', demo: 0,
      created_at: NOW.getTime(), updated_at: NOW.getTime(),
    });
  await runner.ingest(FORUM, [...WATER.map((w, i) => item(`w${i}`, w, 10 - i, i === 0 ? '治河渡镇居民老王' : undefined)), item('p0', PARK, 5)], NOW);
  await runner.ingest(WEIBO, SCHOOL.map((x, i) => item(`s${i}`, x, 8 - i)), NOW);
  // three reposts of the first water post, later, on the other source
  await runner.ingest(WEIBO, [1, 2, 3].map((k) => item(`r${k}`, WATER[0]!, 10 - k * 2)), NOW);
  await refreshPosts();
  ids.water = byUrl.get(post('w0'))!.eventId!;
  ids.school = byUrl.get(post('s0'))!.eventId!;
  ids.park = byUrl.get(post('p0'))!.eventId!;
  s.duty = await login('duty', 'duty_officer');
  s.leader = await login('leader', 'leader');
  await createdServices.units.create(SYSTEM_ACTOR, { id: 'water', name: '县水务局', kind: 'bureau', aliases: [] }, NOW.getTime());
  s.liaison = await login('liaison', 'unit_liaison', 'water');
}, 60_000);

afterAll(async () => {
  await runner?.stop();
  await app?.close();
  await t?.cleanup();
});

describe('seeded storylines', () => {
  it('tracked three events, with the reposts folded as copies of the first water post', () => {
    expect(new Set(Object.values(ids)).size).toBe(3);
    for (let i = 0; i < 4; i++) expect(byUrl.get(post(`w${i}`))!.eventId).toBe(ids.water);
    for (let i = 0; i < 3; i++) expect(byUrl.get(post(`s${i}`))!.eventId).toBe(ids.school);
    for (const k of [1, 2, 3]) expect(byUrl.get(post(`r${k}`))).toMatchObject({ duplicateOf: byUrl.get(post('w0'))!.id, eventId: ids.water });
  });
});

describe('stream level filter', () => {
  it('gives the posts of events at the level or more severe, with exact totals, and rejects a bad level', async () => {
    await t.store.repos.events.update(ids.water, { level: 2 });
    await t.store.repos.events.update(ids.school, { level: 3 });
    const get = async (q: string) => {
      const r = await s.duty!.req('GET', `/api/posts?fold=false&pageSize=100&${q}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { posts: { id: string; eventId: string }[]; total: number };
    };
    const l1 = await get('level=1');
    expect(l1.total).toBe(0);
    const l2 = await get('level=2');
    expect(l2.total).toBe(7); // 4 water posts + 3 reposts
    expect(new Set(l2.posts.map((p) => p.eventId))).toEqual(new Set([ids.water]));
    const l3 = await get('level=3');
    expect(l3.total).toBe(10);
    expect(new Set(l3.posts.map((p) => p.eventId))).toEqual(new Set([ids.water, ids.school]));
    // the park post's event has no level: never in a level filter
    expect((await get('level=4')).posts.map((p) => p.id)).not.toContain(byUrl.get(post('p0'))!.id);
    // with folding, the reposts are folded under their original
    const folded = await s.duty!.req('GET', '/api/posts?level=2');
    expect(folded.json()).toMatchObject({ total: 4 });
    // combined with another filter
    expect((await get(`level=3&source=${WEIBO.id}`)).total).toBe(6);
    for (const bad of ['0', '5', 'red']) expect((await s.duty!.req('GET', `/api/posts?level=${bad}`)).statusCode).toBe(400);
  });

  it('documents the level in the OpenAPI description', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, { get?: { parameters?: { name: string; description?: string }[] } }> };
    const level = spec.paths['/api/posts']!.get!.parameters!.find((p) => p.name === 'level');
    expect(level?.description).toMatch(/more severe/);
  });
});

describe('event spread', () => {
  it('names the first poster and counts originals against copies over time and by source', async () => {
    const r = await s.leader!.req('GET', `/api/events/${ids.water}/spread`);
    expect(r.statusCode, r.body).toBe(200);
    const sp = r.json() as {
      bucket: string;
      first: { postId: string; sourceName: string; author: string; publishedAt: string; title: string; outsideEvent: boolean };
      totals: { originals: number; copies: number };
      series: { at: string; originals: number; copies: number }[];
      sources: { sourceId: string; originals: number; copies: number }[];
    };
    expect(sp.bucket).toBe('hour');
    expect(sp.first).toMatchObject({ postId: byUrl.get(post('w0'))!.id, sourceName: '临澜论坛', author: '治河渡镇居民老王', title: WATER[0]![0], publishedAt: at(10), outsideEvent: false });
    expect(sp.totals).toEqual({ originals: 4, copies: 3 });
    expect(sp.series.reduce((n, p) => n + p.originals, 0)).toBe(4);
    expect(sp.series.reduce((n, p) => n + p.copies, 0)).toBe(3);
    // hourly, gaps filled: from 10 h ago to 4 h ago
    expect(sp.series).toHaveLength(7);
    expect(Date.parse(sp.series[1]!.at) - Date.parse(sp.series[0]!.at)).toBe(HOUR);
    expect(sp.sources[0]).toMatchObject({ sourceId: WEIBO.id, originals: 0, copies: 3 });
    expect(sp.sources[1]).toMatchObject({ sourceId: FORUM.id, originals: 4, copies: 0 });
  });

  it('needs events:read and a known event', async () => {
    expect((await s.liaison!.req('GET', `/api/events/${ids.water}/spread`)).statusCode).toBe(403);
    expect((await s.duty!.req('GET', '/api/events/ev-nope/spread')).statusCode).toBe(404);
  });
});

describe('adding a post to an event and taking it out', () => {
  it('refuses a role without events:write', async () => {
    const p = byUrl.get(post('s1'))!.id;
    expect((await s.leader!.req('POST', `/api/events/${ids.water}/posts`, { postId: p })).statusCode).toBe(403);
    expect((await s.leader!.req('DELETE', `/api/events/${ids.school}/posts/${p}`)).statusCode).toBe(403);
    expect((await s.liaison!.req('POST', `/api/events/${ids.water}/posts`, { postId: p })).statusCode).toBe(403);
    expect(byUrl.get(post('s1'))!.eventId).toBe(ids.school);
  });

  it('adds a post: counts, history in both events, audit, and later copies follow it (the live tracker)', async () => {
    const p = byUrl.get(post('s1'))!.id;
    const r = await s.duty!.req('POST', `/api/events/${ids.water}/posts`, { postId: p });
    expect(r.statusCode, r.body).toBe(200);
    const e = r.json() as { postCount: number; sourceCount: number; membership: { op: string; postId: string | null; otherEventId: string | null }[] };
    expect(e.postCount).toBe(8);
    expect(e.sourceCount).toBe(2);
    expect(e.membership).toContainEqual(expect.objectContaining({ op: 'add', postId: p, otherEventId: ids.school }));
    expect(((await s.duty!.req('GET', `/api/posts/${p}`)).json() as { eventId: string }).eventId).toBe(ids.water);
    const school = (await s.duty!.req('GET', `/api/events/${ids.school}`)).json() as { postCount: number; status: string; membership: { op: string; postId: string }[] };
    expect(school).toMatchObject({ postCount: 2, status: 'active' });
    expect(school.membership).toContainEqual(expect.objectContaining({ op: 'add', postId: p }));
    const audit = await t.store.repos.audit.recent(5, 'event', ids.water);
    expect(audit[0]).toMatchObject({ action: 'event.add_post', actor_type: 'user' });
    expect(JSON.parse(audit[0]!.before!)).toEqual({ eventId: ids.school });
    // a short repost of the moved post arrives: the tracker puts it where the post is now
    await runner.ingest(WEIBO, [{ url: 'https://example.cn/rs1', title: '', text: `转发：${SCHOOL[1]![1]}`, published_at: at(1), author: '转发者' }], NOW);
    await refreshPosts();
    const copy = byUrl.get(post('rs1'))!;
    expect(copy.duplicateOf).toBe(p);
    expect(copy.eventId).toBe(ids.water);
  });

  it('merges the old event into the target when its only post moves, and refuses repeats and unknown posts', async () => {
    const p = byUrl.get(post('p0'))!.id;
    const r = await s.duty!.req('POST', `/api/events/${ids.water}/posts`, { postId: p, withCopies: false });
    expect(r.statusCode, r.body).toBe(200);
    const park = (await s.duty!.req('GET', `/api/events/${ids.park}`)).json() as { status: string; membership: { op: string }[] };
    expect(park.status).toBe('merged');
    expect(park.membership.map((m) => m.op)).toEqual(expect.arrayContaining(['add', 'merge']));
    expect((await s.duty!.req('POST', `/api/events/${ids.water}/posts`, { postId: p })).statusCode).toBe(409);
    expect((await s.duty!.req('POST', `/api/events/${ids.park}/posts`, { postId: byUrl.get(post('w1'))!.id })).statusCode).toBe(409);
    expect((await s.duty!.req('POST', `/api/events/${ids.water}/posts`, { postId: 'p_nope' })).statusCode).toBe(404);
    expect((await s.duty!.req('POST', `/api/events/${ids.water}/posts`, {})).statusCode).toBe(400);
  });

  it('takes a post with its copies out of an event, never the last one', async () => {
    const w0 = byUrl.get(post('w0'))!.id;
    const r = await s.duty!.req('DELETE', `/api/events/${ids.water}/posts/${w0}`);
    expect(r.statusCode, r.body).toBe(200);
    const e = r.json() as { postCount: number; membership: { op: string; postId: string | null }[] };
    // w0 and its three reposts leave; 3 water posts, s1, its repost and the park post stay
    expect(e.postCount).toBe(6);
    expect(e.membership.filter((m) => m.op === 'remove').map((m) => m.postId).sort()).toEqual([w0, ...[1, 2, 3].map((k) => byUrl.get(post(`r${k}`))!.id)].sort());
    await refreshPosts();
    expect(byUrl.get(post('w0'))!.eventId).toBeNull();
    expect(byUrl.get(post('r2'))!.eventId).toBeNull();
    expect((await t.store.repos.audit.recent(1, 'event', ids.water))[0]).toMatchObject({ action: 'event.remove_post' });
    expect((await s.duty!.req('DELETE', `/api/events/${ids.water}/posts/${w0}`)).statusCode).toBe(404);
    // the school event is down to two posts; taking out one is fine, the last is refused
    expect((await s.duty!.req('DELETE', `/api/events/${ids.school}/posts/${byUrl.get(post('s0'))!.id}`)).statusCode).toBe(200);
    const last = await s.duty!.req('DELETE', `/api/events/${ids.school}/posts/${byUrl.get(post('s2'))!.id}`);
    expect(last.statusCode).toBe(400);
    expect(last.json()).toMatchObject({ error: { code: 'TF_ERR_VALIDATION' } });
  });
});
