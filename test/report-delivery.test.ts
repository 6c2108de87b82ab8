import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverReports } from '../src/services/report-delivery.ts';
import { openTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(async () => {
  await t.cleanup();
});

describe('scheduled report delivery', () => {
  it('turns a generated report into one notice for leaders and duty officers, with a download link', async () => {
    const leader = await t.addUser('leader', 'leader');
    await t.addUser('duty', 'duty_officer');
    await t.addUser('analyst', 'analyst');
    const now = new Date();
    const gen = [{ kind: 'daily', date: '2026-11-25', format: 'docx', id: 'rep_x1' }, { kind: 'daily', date: '2026-11-25', format: 'docx' }];
    expect(await deliverReports(t.store, gen, { baseUrl: 'https://yq.example.gov.cn/', now })).toBe(1);
    expect(await deliverReports(t.store, gen, { baseUrl: 'https://yq.example.gov.cn/', now })).toBe(0);
    const alert = await t.store.repos.alerts.byDedupeKey('report:rep_x1');
    expect(alert?.title).toBe('舆情日报（2026-11-25）已生成');
    expect(alert?.body).toContain('https://yq.example.gov.cn/api/reports/rep_x1/download');
    const deliveries = await t.store.repos.alerts.deliveries(alert!.id);
    expect(deliveries.map((d) => d.channel_kind)).toEqual(['in_app', 'in_app']);
    expect(deliveries.map((d) => d.recipient)).toContain(leader.userId);
  });
});
