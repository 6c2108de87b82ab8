import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../analysis/gazetteer.ts';
import { normalizeText } from '../analysis/normalize.ts';
import { parsePlan, PlanSet } from '../analysis/plan/index.ts';
import { COUNTY_ID, DEMO_PLACES, DEMO_UNITS, demoGazetteer } from './county.ts';
import { generatePosts } from './generator.ts';
import { DEMO_ALERT_RULES, DEMO_PLANS, DEMO_PLAYBOOK, DEMO_USERS, demoPlanLists, demoRoster, demoSetup, demoUnits } from './setup.ts';

describe('demo county data', () => {
  it('has a consistent hierarchy: unique ids, parents that exist, a dozen towns with villages', () => {
    const placeIds = new Set(DEMO_PLACES.map((p) => p.id));
    const unitIds = new Set(DEMO_UNITS.map((u) => u.id));
    expect(placeIds.size).toBe(DEMO_PLACES.length);
    expect(unitIds.size).toBe(DEMO_UNITS.length);
    for (const p of DEMO_PLACES) {
      if (p.parentId !== null) expect(placeIds.has(p.parentId)).toBe(true);
      expect(unitIds.has(p.unitId)).toBe(true);
    }
    for (const u of DEMO_UNITS) if (u.parentId !== null) expect(unitIds.has(u.parentId)).toBe(true);
    const towns = DEMO_PLACES.filter((p) => p.parentId === COUNTY_ID);
    expect(towns.length).toBeGreaterThanOrEqual(12);
    for (const t of towns) expect(DEMO_PLACES.filter((p) => p.parentId === t.id).length).toBeGreaterThanOrEqual(3);
    for (const b of ['水务局', '教育局', '交通运输局', '住建局', '市场监管局', '文旅局', '卫健委', '公安局', '应急管理局', '城管局']) {
      expect(DEMO_UNITS.some((u) => u.shortName === b)).toBe(true);
    }
    expect(new Set(DEMO_PLACES.map((p) => p.name)).size).toBe(DEMO_PLACES.length);
  });

  it('loads into the analysis gazetteer, which then finds the places of generated posts', () => {
    const g = new Gazetteer(demoGazetteer());
    const posts = [...generatePosts({ seed: 3, start: new Date('2026-05-01T00:00:00+08:00'), days: 1, postsPerDay: 200 })];
    let agree = 0;
    let named = 0;
    for (const p of posts) {
      const towns = p.placeIds.filter((id) => DEMO_PLACES.find((x) => x.id === id)?.parentId === COUNTY_ID);
      if (towns.length === 0) continue;
      named++;
      const hits = g.match(`${p.title}\n${p.text}`).places;
      const townNames = towns.map((t) => DEMO_PLACES.find((x) => x.id === t)?.name);
      if (hits.some((h) => towns.includes(h.id ?? '') || h.path.some((n) => townNames.includes(n)))) agree++;
    }
    expect(named).toBeGreaterThan(50);
    expect(agree / named).toBeGreaterThan(0.9);
  });
});

describe('demo desk setup', () => {
  it('has monitoring plans that parse, use the named lists, and catch the storylines', () => {
    const lists = demoPlanLists();
    for (const p of DEMO_PLANS) {
      const r = parsePlan(p.expression, { lists });
      expect(r.ok, `${p.name}: ${r.ok ? '' : r.error.message}`).toBe(true);
      for (const u of p.unitIds) expect(DEMO_UNITS.some((x) => x.id === u)).toBe(true);
    }
    const set = new PlanSet(DEMO_PLANS, { lists });
    expect(set.errors).toEqual([]);
    const posts = [...generatePosts({ seed: 4, start: new Date('2026-07-01T00:00:00+08:00'), days: 3, postsPerDay: 300 })];
    const share = (story: string, plan: string) => {
      const s = posts.filter((p) => p.storyline === story && !p.isOfficial && p.kind !== 'comment' && p.tone === 'negative');
      const hit = s.filter((p) => set.match({ title: normalizeText(p.title), text: normalizeText(p.text), author: p.author }).some((m) => m.name === plan));
      return hit.length / s.length;
    };
    expect(share('flood', '城区内涝积水')).toBeGreaterThan(0.6);
    expect(share('canteen', '校园食品安全')).toBeGreaterThan(0.6);
    expect(share('rumour', '涉水谣言')).toBeGreaterThan(0.4);
    const chatter = posts.filter((p) => p.kind === 'chatter' && !p.storyline);
    const floodFalse = chatter.filter((p) => set.match({ title: normalizeText(p.title), text: normalizeText(p.text) }).some((m) => m.name === '城区内涝积水'));
    expect(floodFalse.length / chatter.length).toBeLessThan(0.05);
  });

  it('has a roster that covers every hour of the coming days with a duty officer and an escalation chain', () => {
    const now = new Date('2026-11-25T03:00:00+08:00');
    const roster = demoRoster(now, 7);
    const users = new Set(DEMO_USERS.map((u) => u.id));
    for (let h = -12; h < 7 * 24; h++) {
      const t = now.getTime() + h * 3600_000;
      const on = roster.shifts.filter((s) => Date.parse(s.startsAt) <= t && t < Date.parse(s.endsAt));
      expect(on.length, new Date(t).toISOString()).toBeGreaterThanOrEqual(1);
      for (const s of on) [...s.onDuty, ...s.escalationChain, ...s.leaderIds].forEach((u) => expect(users.has(u)).toBe(true));
    }
  });

  it('has alert rules on the in-app channel and a flood playbook with ordered, timed steps', () => {
    expect(DEMO_ALERT_RULES.length).toBeGreaterThanOrEqual(4);
    for (const r of DEMO_ALERT_RULES) {
      expect(r.channels).toEqual(['in_app']);
      if (r.trigger.on === 'post_match') for (const p of r.trigger.plans) expect(DEMO_PLANS.some((x) => x.name === p)).toBe(true);
    }
    const steps = DEMO_PLAYBOOK.steps;
    expect(steps.map((s) => s.order)).toEqual(steps.map((_, i) => i + 1));
    for (const s of steps) {
      expect(s.withinMinutes).toBeGreaterThan(0);
      expect(Boolean(s.role) || DEMO_UNITS.some((u) => u.id === s.unitId)).toBe(true);
    }
    const all = demoSetup(new Date('2026-11-25T00:00:00Z'));
    expect(all.units.length).toBe(DEMO_UNITS.length);
    expect(all.playbooks).toEqual([DEMO_PLAYBOOK]);
    expect(all.roster.shifts.length).toBeGreaterThan(20);
    const liaisons = DEMO_USERS.filter((u) => u.role === 'unit_liaison');
    for (const l of liaisons) expect(demoUnits().some((u) => u.id === l.unitId)).toBe(true);
  });
});
