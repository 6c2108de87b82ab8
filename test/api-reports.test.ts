/**
 * Reports through the API over a seeded store: generate daily / weekly / monthly / event reports in each format,
 * open the files as a reader would (unzip word/document.xml; exceljs), and check their numbers against SQL counts
 * run on the store and against the ledger page (GET /api/stats/cases). Also: the archive and numbering, download
 * headers, permissions, the ledger export (a liaison sees its unit's cases only) and the schedule (once per period).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/services/actor.ts';
import { openTestApp, type Session, type TestApp } from './helpers/app.ts';
import { seedReportFixture, UNIT_IDS } from './helpers/report-seed.ts';
import { data as fixture } from './reports/report-fixture.ts';
import { openDocx } from './reports/open-docx.ts';

const NOW = new Date('2026-03-05T09:30:00Z'); // 17:30 in Asia/Shanghai, after the daily cut-off
const DAY = { start: Date.parse('2026-03-04T09:00:00Z'), end: Date.parse('2026-03-05T09:00:00Z') };
const WEEK = { start: Date.parse('2026-03-01T16:00:00Z'), end: Date.parse('2026-03-08T16:00:00Z') };
const MONTH = { start: Date.parse('2026-02-28T16:00:00Z'), end: Date.parse('2026-03-31T16:00:00Z') };
const INSTRUCTION = '请水务局立即核查管网，24小时内答复群众';

let t: TestApp;
let duty: Session;
let leader: Session;
let liaison: Session;

async function count(q: ReturnType<typeof sql<{ n: number | string }>>): Promise<number> {
  const r = await q.execute(t.store.exec.db);
  return Number(r.rows[0]?.n ?? 0);
}
/** Posts in [from, to) counted once (duplicates fold into their original), optional extra condition. */
const posts = (r: { start: number; end: number }, extra = sql`1=1`) =>
  count(sql<{ n: number }>`SELECT count(*) AS n FROM posts LEFT JOIN post_analysis a ON a.post_id = posts.id
    WHERE a.duplicate_of IS NULL AND posts.published_at >= ${r.start} AND posts.published_at < ${r.end} AND ${extra}`);

async function xlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  return wb;
}
const rowsOf = (ws: ExcelJS.Worksheet): unknown[][] => {
  const out: unknown[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
  return out;
};

async function generate(s: Session, body: object) {
  const r = await s.req('POST', '/api/reports', body);
  expect(r.statusCode, r.body).toBe(201);
  const meta = r.json<{ id: string; number: string; format: string; downloadUrl: string }>();
  const file = await s.req('GET', meta.downloadUrl);
  expect(file.statusCode).toBe(200);
  return { meta, file, body: file.rawPayload };
}

async function seedCases(): Promise<void> {
  const actor = (s: Session, role: Actor['role']): Actor => ({ type: 'user', userId: s.userId, role, unitId: null });
  const d = actor(duty, 'duty_officer');
  const l = actor(leader, 'leader');
  const c = t.services.cases;
  const at = (iso: string) => new Date(iso);
  const k1 = await c.create(
    d,
    {
      title: '治河渡镇自来水浑浊',
      summary: '群众反映自来水发黄',
      postIds: ['p1'],
      eventId: 'E1',
      places: ['治河渡镇'],
      origin: 'event',
    },
    at('2026-03-04T11:00:00Z'),
  );
  await c.act(d, k1.id, { type: 'assess', verified: true, level: 2, category: '供水' }, at('2026-03-04T11:10:00Z'));
  await c.act(l, k1.id, { type: 'instruct', text: INSTRUCTION }, at('2026-03-04T11:30:00Z'));
  await c.act(
    d,
    k1.id,
    {
      type: 'assign',
      leadUnitId: UNIT_IDS['县水务局'],
      coUnitIds: [UNIT_IDS['治河渡镇']],
      replyDueAt: '2026-03-05T11:00:00Z',
    },
    at('2026-03-04T11:40:00Z'),
  );
  await c.act(
    d,
    k1.id,
    {
      type: 'reply',
      channel: 'weibo',
      text: '已完成管网冲洗，水质检测合格',
      publishedAt: '2026-03-05T02:00:00Z',
      url: 'https://example.gov.cn/r9',
      replierUnitId: UNIT_IDS['县水务局'],
    },
    at('2026-03-05T02:00:00Z'),
  );
  await c.act(d, k1.id, { type: 'feedback', result: 'satisfied' }, at('2026-03-05T06:00:00Z'));
  const k2 = await c.create(
    d,
    { title: '治河渡镇停水补偿诉求', summary: '', postIds: [], eventId: 'E1', places: ['治河渡镇'], origin: 'event' },
    at('2026-03-04T13:00:00Z'),
  );
  await c.act(d, k2.id, { type: 'assess', verified: true, level: 3, category: '供水' }, at('2026-03-04T13:05:00Z'));
  await c.act(
    d,
    k2.id,
    { type: 'assign', leadUnitId: UNIT_IDS['治河渡镇'], coUnitIds: [], replyDueAt: '2026-03-05T20:00:00Z' },
    at('2026-03-04T13:10:00Z'),
  );
  const k3 = await c.create(
    d,
    { title: '城关镇道路破损', summary: '', postIds: [], places: ['城关镇'], origin: 'hotline' },
    at('2026-03-02T02:00:00Z'),
  );
  await c.act(d, k3.id, { type: 'assess', verified: true, level: 4, category: '城建' }, at('2026-03-02T02:10:00Z'));
  await c.act(
    d,
    k3.id,
    { type: 'assign', leadUnitId: UNIT_IDS['城关镇'], coUnitIds: [], replyDueAt: '2026-03-03T02:00:00Z' },
    at('2026-03-02T02:20:00Z'),
  );
  await c.act(
    d,
    k3.id,
    {
      type: 'reply',
      channel: 'hotline',
      text: '已安排修补',
      publishedAt: '2026-03-04T10:00:00Z',
      replierUnitId: UNIT_IDS['城关镇'],
    },
    at('2026-03-04T10:00:00Z'),
  );
  await c.act(
    d,
    k3.id,
    { type: 'feedback', result: 'unsatisfied', reopenTo: 'in_progress' },
    at('2026-03-04T12:00:00Z'),
  );
}

beforeAll(async () => {
  t = await openTestApp({ now: () => NOW });
  await seedReportFixture(t.store, { ...fixture, cases: [] });
  duty = await t.addUser('duty1', 'duty_officer');
  leader = await t.addUser('leader1', 'leader');
  liaison = await t.addUser('liaison1', 'unit_liaison', UNIT_IDS['治河渡镇']);
  await seedCases();
}, 60_000);
afterAll(async () => t?.cleanup());

describe('reports API', () => {
  it('daily .docx: the totals and negative items match SQL counts; number, archive and download headers', async () => {
    const { meta, file, body } = await generate(duty, { kind: 'daily', date: '2026-03-05', format: 'docx' });
    expect(meta.number).toBe('舆情日报〔2026〕第1期');
    expect(file.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const cd = String(file.headers['content-disposition']);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe('听风舆情工作台-舆情日报〔2026〕第1期.docx');
    const doc = await openDocx(body);
    const total = await posts(DAY);
    expect(total).toBe(11 + 2 - 2); // fixture day + two copies that fold away
    expect(doc.text).toContain(
      `共监测到相关信息 ${total} 条，上期 ${await posts({ start: DAY.start - 86400_000, end: DAY.start })} 条`,
    );
    const negLocal = await posts(
      DAY,
      sql`coalesce(a.label_override, a.sentiment_label) = 'negative' AND (a.places <> '[]' OR a.units <> '[]')`,
    );
    expect(doc.text).toContain(`本期涉及本地地点或单位的负面信息共 ${negLocal} 条`);
    expect(doc.text).toContain('治河渡镇自来水浑浊');
  });

  it('daily .xlsx keeps the number of its period; sheets count what SQL counts', async () => {
    const { meta, body } = await generate(duty, { kind: 'daily', date: '2026-03-05', format: 'xlsx' });
    expect(meta.number).toBe('舆情日报〔2026〕第1期');
    const wb = await xlsx(body);
    const bySource = rowsOf(wb.getWorksheet('信息源')!);
    expect(bySource.find((r) => r[0] === '合计')?.[1]).toBe(await posts(DAY));
    const forum = await posts(DAY, sql`posts.source_id = 's-forum'`);
    expect(bySource.find((r) => r[0] === '本地论坛')?.[1]).toBe(forum);
    const sent = rowsOf(wb.getWorksheet('情感倾向')!);
    for (const [label, key] of [
      ['正面', 'positive'],
      ['中性', 'neutral'],
      ['负面', 'negative'],
    ] as const)
      expect(sent.find((r) => r[0] === label)?.[1]).toBe(
        await posts(DAY, sql`coalesce(a.label_override, a.sentiment_label, 'neutral') = ${key}`),
      );
    const alerts = await count(
      sql<{ n: number }>`SELECT count(*) AS n FROM alerts WHERE created_at >= ${DAY.start} AND created_at < ${DAY.end}`,
    );
    expect(wb.getWorksheet('预警')!.rowCount - 1).toBe(alerts);
  });

  it('weekly: unit statistics in .docx and .xlsx are the ledger page numbers', async () => {
    const q = `from=${new Date(WEEK.start).toISOString()}&to=${new Date(WEEK.end).toISOString()}`;
    const ledger = async (unit?: string) =>
      (await duty.req('GET', `/api/stats/cases?${q}${unit ? `&unitId=${unit}` : ''}`)).json<{
        casesOpened: number;
        handled: number;
        onTime: number;
        handlingRate: number;
        onTimeRate: number | null;
        satisfactionRate: number | null;
        feedback: { count: number };
      }>();
    const all = await ledger();
    expect(all.casesOpened).toBe(
      await count(
        sql<{
          n: number;
        }>`SELECT count(*) AS n FROM cases WHERE created_at >= ${WEEK.start} AND created_at < ${WEEK.end} AND merged_into IS NULL`,
      ),
    );
    const { meta, body } = await generate(leader, { kind: 'weekly', date: '2026-03-05', format: 'xlsx' });
    expect(meta.number).toBe('舆情周报〔2026〕第1期');
    const units = rowsOf((await xlsx(body)).getWorksheet('单位统计')!);
    const pick = (r: unknown[] | undefined) =>
      r && {
        cases: r[1],
        handled: r[2],
        handlingRate: r[3],
        onTime: r[4],
        onTimeRate: r[5] ?? null,
        feedback: r[7],
        satisfactionRate: r[9] ?? null,
      };
    const want = (s: typeof all) => ({
      cases: s.casesOpened,
      handled: s.handled,
      handlingRate: s.handlingRate,
      onTime: s.onTime,
      onTimeRate: s.onTimeRate,
      feedback: s.feedback.count,
      satisfactionRate: s.satisfactionRate,
    });
    expect(pick(units.find((r) => r[0] === '合计'))).toEqual(want(all));
    for (const [name, id] of Object.entries(UNIT_IDS))
      expect(pick(units.find((r) => r[0] === name)), name).toEqual(want(await ledger(id)));
    const doc = await openDocx((await generate(leader, { kind: 'weekly', date: '2026-03-05', format: 'docx' })).body);
    const at = doc.paragraphs.indexOf('合计', doc.paragraphs.indexOf('责任单位'));
    expect(doc.paragraphs.slice(at, at + 3)).toEqual(['合计', String(all.casesOpened), String(all.handled)]);
    expect(doc.text).toContain(`共监测到相关信息 ${await posts(WEEK)} 条`);
  });

  it('monthly .html and .xlsx: releases per channel, totals', async () => {
    const { meta, file } = await generate(duty, { kind: 'monthly', date: '2026-03-20', format: 'html' });
    expect(meta.number).toBe('舆情月报〔2026〕第1期');
    expect(file.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(file.body).toContain(`共监测到相关信息 ${await posts(MONTH)} 条`);
    const wb = await xlsx((await generate(duty, { kind: 'monthly', date: '2026-03-20', format: 'xlsx' })).body);
    const rel = rowsOf(wb.getWorksheet('信息发布')!);
    const sqlRel = await count(
      sql<{
        n: number;
      }>`SELECT count(*) AS n FROM releases WHERE published_at >= ${MONTH.start} AND published_at < ${MONTH.end}`,
    );
    expect(rel.slice(1).reduce((a, r) => a + Number(r[r.length - 1]), 0)).toBe(sqlRel);
    expect(rel.find((r) => r[0] === '政务微博')).toBeTruthy(); // the case reply through weibo, named as an office names it
  });

  it('event report: spread matches SQL; the case history carries the instruction', async () => {
    const { meta, body } = await generate(leader, { kind: 'event', eventId: 'E1', format: 'docx' });
    expect(meta.number).toBe('舆情专报〔2026〕第1期');
    const doc = await openDocx(body);
    const n = await count(
      sql<{ n: number }>`SELECT count(*) AS n FROM post_analysis WHERE event_id = 'E1' AND duplicate_of IS NULL`,
    );
    const sources = await count(
      sql<{
        n: number;
      }>`SELECT count(DISTINCT posts.source_id) AS n FROM posts JOIN post_analysis a ON a.post_id = posts.id WHERE a.event_id = 'E1' AND a.duplicate_of IS NULL`,
    );
    expect(doc.text).toContain(`相关信息共 ${n} 条，分布于 ${sources} 个信息源`);
    expect(doc.text).toContain(INSTRUCTION);
    expect(doc.text).toContain('交办县水务局；协办：治河渡镇');
    const html = await generate(leader, { kind: 'event', eventId: 'E1', format: 'html' });
    expect(html.meta.number).toBe('舆情专报〔2026〕第1期');
  });

  it('a new period takes the next number; the archive lists who generated what', async () => {
    const { meta } = await generate(duty, { kind: 'daily', date: '2026-03-04', format: 'docx' });
    expect(meta.number).toBe('舆情日报〔2026〕第2期');
    const list = (await duty.req('GET', '/api/reports')).json<{
      reports: Array<{ kind: string; generatedBy: string; generatedByName: string | null; number: string }>;
    }>();
    expect(list.reports.length).toBeGreaterThanOrEqual(9);
    expect(list.reports.find((r) => r.kind === 'weekly')).toMatchObject({
      generatedBy: leader.userId,
      generatedByName: 'leader1',
    });
  });

  it('errors: 403 without reports:generate / reports:read, 400 for bad requests, 404 for unknown event or report', async () => {
    expect((await liaison.req('POST', '/api/reports', { kind: 'daily', format: 'docx' })).statusCode).toBe(403);
    expect((await liaison.req('GET', '/api/reports')).statusCode).toBe(403);
    const bad = await duty.req('POST', '/api/reports', { kind: 'event', format: 'docx' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('eventId');
    expect(
      (await duty.req('POST', '/api/reports', { kind: 'daily', date: '2026-02-30', format: 'docx' })).statusCode,
    ).toBe(400);
    expect(
      (await duty.req('POST', '/api/reports', { kind: 'event', eventId: 'nope', format: 'docx' })).json<{
        error: { code: string };
      }>().error.code,
    ).toBe('TF_ERR_NOT_FOUND');
    expect((await duty.req('GET', '/api/reports/nope/download')).statusCode).toBe(404);
  });

  it('ledger export: all cases for the desk, only its unit’s for a liaison', async () => {
    const url = '/api/cases/export.xlsx?from=2026-03-01&to=2026-03-05';
    const all = await duty.req('GET', url);
    expect(all.statusCode).toBe(200);
    expect(String(all.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const n = await count(sql<{ n: number }>`SELECT count(*) AS n FROM cases`);
    expect((await xlsx(all.rawPayload)).getWorksheet('台账')!.rowCount - 1).toBe(n);
    const mine = await xlsx((await liaison.req('GET', url)).rawPayload);
    const rows = rowsOf(mine.getWorksheet('台账')!).slice(1);
    expect(rows.map((r) => r[2]).sort()).toEqual(['治河渡镇停水补偿诉求', '治河渡镇自来水浑浊']);
    expect(rowsOf(mine.getWorksheet('单位统计')!).map((r) => r[0])).toEqual(['责任单位', '治河渡镇', '合计']);
    expect((await duty.req('GET', '/api/cases/export.xlsx?from=2026-03-05&to=2026-03-01')).statusCode).toBe(400);
  });

  it('schedule: due after the configured time, generated once, skipped while another process holds the lease', async () => {
    const r = t.services.reports;
    expect(await r.runSchedule(new Date('2026-03-06T08:59:00Z'))).toEqual([]); // 16:59 local
    const at = new Date('2026-03-06T09:05:00Z');
    await t.store.repos.leases.acquire('report:daily:2026-03-06', 'other-process', at.getTime(), 60_000);
    expect(await r.runSchedule(at)).toMatchObject([{ kind: 'daily', date: '2026-03-06', status: 'busy' }]);
    await t.store.repos.leases.release('report:daily:2026-03-06', 'other-process');
    const first = await r.runSchedule(at);
    expect(first).toMatchObject([{ kind: 'daily', date: '2026-03-06', status: 'generated' }]);
    const again = await r.runSchedule(new Date('2026-03-06T12:00:00Z'));
    expect(again).toMatchObject([{ status: 'exists', id: (first[0] as { id: string }).id }]);
    const stored = await count(
      sql<{ n: number }>`SELECT count(*) AS n FROM reports WHERE kind = 'daily' AND generated_by = 'system'`,
    );
    expect(stored).toBe(1);
  });
});
