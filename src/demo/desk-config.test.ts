import { describe, expect, it } from 'vitest';
import { AlertRuleSchema, evaluate } from '../alerts/rules.ts';
import { parsePlan } from '../analysis/plan/index.ts';
import { gazetteerFromUnits } from '../pipeline/runtime.ts';
import { DEMO_UNITS } from './county.ts';
import { deskPlans, deskPlaybook, deskRosterRows, deskRule, deskUnits } from './desk-config.ts';
import { DEMO_ALERT_RULES, DEMO_PLAYBOOK, DEMO_USERS } from './setup.ts';

const rows = () =>
  deskUnits().map((u) => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    parent_id: u.parentId,
    aliases: JSON.stringify(u.aliases),
    created_at: 0,
  }));

describe('the demo county on the desk', () => {
  it('units come parent first with unique names, and place the posts through the runtime gazetteer', () => {
    const units = deskUnits();
    expect(units).toHaveLength(DEMO_UNITS.length);
    const seen = new Set<string>();
    for (const u of units) {
      if (u.parentId) expect(seen.has(u.parentId), u.id).toBe(true);
      seen.add(u.id);
      expect(u.aliases).not.toContain(u.name);
    }
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
    const g = gazetteerFromUnits(rows());
    const m = g.match('滨江大道积水严重，县住建局什么时候来排水？');
    expect(m.places.map((h) => h.path)).toEqual([['临澜县', '城东街道']]);
    expect(m.units.map((h) => h.name)).toEqual(['临澜县住房和城乡建设局']);
  });

  it('plans parse with the word lists the desk derives from those units', () => {
    const units = rows();
    const names = (kinds: string[]) =>
      units.filter((u) => kinds.includes(u.kind)).flatMap((u) => [u.name, ...(JSON.parse(u.aliases) as string[])]);
    const lists = { places: names(['county', 'town', 'village']), units: names(['bureau', 'office', 'other']) };
    for (const p of deskPlans()) expect(parsePlan(p.expression, { lists }).ok, p.name).toBe(true);
  });

  it('alert rules validate against the rules schema, in-app only, and the flood rule fires on a negative match', () => {
    const planIds = new Map([['城区内涝积水', 'plan_flood']]);
    const rules = DEMO_ALERT_RULES.map((r, i) =>
      AlertRuleSchema.parse({ id: `r${i}`, name: r.name, enabled: true, ...deskRule(r, planIds).config }),
    );
    expect(rules.every((r) => r.inApp && r.channelIds.length === 0)).toBe(true);
    const now = new Date('2026-06-01T10:00:00+08:00');
    const res = evaluate(
      rules,
      {
        kind: 'post_match',
        postId: 'p1',
        title: '滨江大道积水',
        planIds: ['城区内涝积水', 'plan_flood'],
        sentiment: 'negative',
        places: ['城东街道'],
      },
      { heightened: false, recent: [] },
      now,
    );
    expect(res.create.map((d) => d.ruleId)).toEqual([
      `r${DEMO_ALERT_RULES.findIndex((r) => r.id === 'rule-flood-negative')}`,
    ]);
    expect(res.create[0]!.recipients.unitIds).toEqual(['unit-housing', 'unit-emergency', 'unit-transport']);
  });

  it('the playbook keeps every step with a time limit that is never shorter than asked', () => {
    const pb = deskPlaybook(DEMO_PLAYBOOK);
    expect(pb.steps).toHaveLength(DEMO_PLAYBOOK.steps.length);
    pb.steps.forEach((s, i) => {
      const minutes = s.within.amount * (s.within.unit === 'days' ? 1440 : 60);
      expect(minutes).toBeGreaterThanOrEqual(DEMO_PLAYBOOK.steps[i]!.withinMinutes);
      expect(minutes - DEMO_PLAYBOOK.steps[i]!.withinMinutes).toBeLessThan(60);
    });
  });

  it('roster rows cover now with someone on duty and a leader, and only shifts from `from` when given', () => {
    const now = new Date('2026-06-01T03:00:00Z');
    const all = deskRosterRows(now);
    const current = all.filter((r) => Date.parse(r.startsAt) <= now.getTime() && Date.parse(r.endsAt) > now.getTime());
    expect(current.filter((r) => r.chainOrder === 0)).toHaveLength(1);
    expect(current.filter((r) => r.chainOrder === 20)).toHaveLength(1);
    expect(new Set(all.map((r) => r.demoUserId)).size).toBeLessThanOrEqual(DEMO_USERS.length);
    const from = new Date(now.getTime() + 3 * 86_400_000);
    const later = deskRosterRows(now, from);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((r) => Date.parse(r.startsAt) >= from.getTime())).toBe(true);
  });
});
