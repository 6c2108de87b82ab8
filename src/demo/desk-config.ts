/**
 * The demo county's setup (setup.ts) mapped onto the desk's own shapes: unit rows for the units table (which is
 * also the runtime gazetteer), alert rules in src/alerts/rules.ts's schema, playbook bodies and duty-roster rows.
 * Pure data: no store, no clock (the roster takes `now`).
 */
import type { AlertRuleInput } from '../alerts/rules.ts';
import { DEMO_LANDMARKS, DEMO_UNITS, placeById } from './county.ts';
import { DEMO_PLANS, demoRoster, type DemoAlertRule, type DemoPlaybook, type DemoRole } from './setup.ts';

/** Kinds of the units table (src/contracts/units.ts). */
export type DeskUnitKind = 'county' | 'town' | 'village' | 'bureau' | 'office' | 'other';

export interface DeskUnit {
  id: string;
  name: string;
  kind: DeskUnitKind;
  parentId: string | null;
  aliases: string[];
}

const uniqueWithout = (name: string, words: readonly string[]): string[] => [
  ...new Set(words.filter((w) => w && w !== name)),
];

/**
 * Units in parent-first order. The units table doubles as the gazetteer (county/town/village rows are places), so a
 * unit that governs a place carries the place's name, with the government's or committee's names, the place's
 * aliases and the roads, schools and sights inside it as aliases: a post naming 滨江大道 is placed in 城东街道.
 */
export function deskUnits(): DeskUnit[] {
  return DEMO_UNITS.map((u) => {
    const own = [u.shortName, ...u.aliases];
    if (!u.placeId)
      return { id: u.id, name: u.name, kind: u.kind, parentId: u.parentId, aliases: uniqueWithout(u.name, own) };
    const place = placeById(u.placeId);
    const landmarks = DEMO_LANDMARKS.filter((l) => l.placeId === place.id).flatMap((l) => [l.name, ...l.aliases]);
    return {
      id: u.id,
      name: place.name,
      kind: u.kind,
      parentId: u.parentId,
      aliases: uniqueWithout(place.name, [...place.aliases, u.name, ...own, ...landmarks]),
    };
  });
}

export interface DeskPlan {
  name: string;
  expression: string;
  places: string[];
  units: string[];
  enabled: boolean;
}

export function deskPlans(): DeskPlan[] {
  return DEMO_PLANS.map((p) => ({
    name: p.name,
    expression: p.expression,
    places: [],
    units: [...p.unitIds],
    enabled: true,
  }));
}

/** A rule body for the alert service: name, enabled and the rest of AlertRuleSchema as `config`. */
export interface DeskRule {
  name: string;
  enabled: boolean;
  config: Omit<AlertRuleInput, 'id' | 'name' | 'enabled'>;
}

/**
 * The demo's rule shape onto AlertRuleSchema: in-app only, plans by the desk's plan ids (names when unknown),
 * "units of the match" as the liaisons of the plans' units, ack time as the escalation timeout.
 */
export function deskRule(r: DemoAlertRule, planIdByName: ReadonlyMap<string, string>): DeskRule {
  const t = r.trigger;
  const planUnits =
    t.on === 'post_match' ? DEMO_PLANS.filter((p) => t.plans.includes(p.name)).flatMap((p) => p.unitIds) : [];
  const trigger: AlertRuleInput['trigger'] =
    t.on === 'post_match'
      ? {
          kind: 'post_match',
          planIds: t.plans.map((n) => planIdByName.get(n) ?? n),
          sentiments: t.sentiment ? [t.sentiment] : ['negative', 'neutral', 'positive'],
          places: [],
        }
      : t.on === 'event_level'
        ? { kind: 'event_level', minLevel: t.minLevel, onRaiseOnly: true }
        : t.on === 'burst'
          ? { kind: 'burst', planIds: [], minScore: 0 }
          : { kind: 'source_outage', sourceIds: [], minDownMinutes: t.afterMinutes };
  return {
    name: r.name,
    enabled: true,
    config: {
      trigger,
      level: r.level,
      recipients: {
        dutyRoster: r.recipients.roster,
        roles: [...r.recipients.roles],
        unitIds: r.recipients.unitsOfMatch ? [...new Set(planUnits)] : [],
        userIds: [],
      },
      channelIds: [],
      inApp: true,
      ...(r.quietHours ? { quietHours: { start: r.quietHours.from, end: r.quietHours.to, levels: [3, 4] } } : {}),
      throttleMinutes: r.throttleMinutes,
      escalation: {
        enabled: true,
        ackTimeoutMinutes: r.ackWithinMinutes,
        doubleReport: {
          enabled: r.doubleReport === true,
          upperOfficeUserIds: [],
          upperOfficeChannelIds: [],
          immediate: false,
        },
      },
    },
  };
}

export interface DeskPlaybook {
  name: string;
  incidentType: string;
  level: number;
  enabled: boolean;
  steps: Array<{ title: string; role?: DemoRole; unitId?: string; within: { amount: number; unit: 'hours' | 'days' } }>;
}

/** Step time limits in whole days when they are whole days, else in hours rounded up. */
export function deskPlaybook(p: DemoPlaybook): DeskPlaybook {
  return {
    name: p.name,
    incidentType: p.incidentType,
    level: p.level,
    enabled: true,
    steps: p.steps.map((s) => ({
      title: s.title,
      ...(s.role ? { role: s.role } : {}),
      ...(s.unitId ? { unitId: s.unitId } : {}),
      within:
        s.withinMinutes >= 1440 && s.withinMinutes % 1440 === 0
          ? { amount: s.withinMinutes / 1440, unit: 'days' }
          : { amount: Math.ceil(s.withinMinutes / 60), unit: 'hours' },
    })),
  };
}

export interface DeskShiftRow {
  /** The demo user id (setup.ts DEMO_USERS), mapped to the desk's user id by the caller. */
  demoUserId: string;
  startsAt: string;
  endsAt: string;
  /** 0 on duty, 1–19 escalation chain, 20 the shift's leader. */
  chainOrder: number;
  note?: string;
}

/** Roster rows (one per person per shift) for the shifts of demoRoster(now) that start at or after `from`. */
export function deskRosterRows(now: Date, from?: Date): DeskShiftRow[] {
  const rows: DeskShiftRow[] = [];
  for (const s of demoRoster(now).shifts) {
    if (from && Date.parse(s.startsAt) < from.getTime()) continue;
    const base = { startsAt: s.startsAt, endsAt: s.endsAt, ...(s.note ? { note: s.note } : {}) };
    s.onDuty.forEach((u) => rows.push({ ...base, demoUserId: u, chainOrder: 0 }));
    s.escalationChain.forEach((u, i) => rows.push({ ...base, demoUserId: u, chainOrder: Math.min(i + 1, 19) }));
    s.leaderIds.forEach((u) => rows.push({ ...base, demoUserId: u, chainOrder: 20 }));
  }
  return rows;
}
