/**
 * The demo county's desk configuration, as plain data: users, units, monitoring plans, a duty roster, alert rules
 * (in-app channel) and a flood playbook. The lead maps these onto the store. Time-dependent data (the roster) is
 * built from a `now` passed in.
 */
import { DEMO_PLACES, DEMO_UNITS, demoGazetteer, demoPlaceWords, demoUnitWords, type DemoPlace, type DemoUnit } from './county.ts';

export type DemoRole = 'duty_officer' | 'analyst' | 'leader' | 'unit_liaison' | 'admin';

export interface DemoUser {
  id: string;
  login: string;
  displayName: string;
  role: DemoRole;
  /** For unit liaisons: the unit whose cases they see. */
  unitId?: string;
}

/** Demo accounts (fictional staff). The lead sets their passwords and prints them at start. */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'u-admin', login: 'admin', displayName: '系统管理员', role: 'admin' },
  { id: 'u-duty1', login: 'zhiban1', displayName: '值班员 周晓', role: 'duty_officer' },
  { id: 'u-duty2', login: 'zhiban2', displayName: '值班员 林可', role: 'duty_officer' },
  { id: 'u-duty3', login: 'zhiban3', displayName: '值班员 何帆', role: 'duty_officer' },
  { id: 'u-analyst', login: 'fenxi', displayName: '分析员 唐宁', role: 'analyst' },
  { id: 'u-leader1', login: 'lingdao', displayName: '网信办主任 程远', role: 'leader' },
  { id: 'u-leader2', login: 'fuzeren', displayName: '分管副县长 秦岚', role: 'leader' },
  { id: 'u-water', login: 'shuiwu', displayName: '水务局联络员', role: 'unit_liaison', unitId: 'unit-water' },
  { id: 'u-edu', login: 'jiaoyu', displayName: '教育局联络员', role: 'unit_liaison', unitId: 'unit-edu' },
  { id: 'u-housing', login: 'zhujian', displayName: '住建局联络员', role: 'unit_liaison', unitId: 'unit-housing' },
  { id: 'u-transport', login: 'jiaotong', displayName: '交通运输局联络员', role: 'unit_liaison', unitId: 'unit-transport' },
  { id: 'u-culture', login: 'wenlv', displayName: '文旅局联络员', role: 'unit_liaison', unitId: 'unit-culture' },
  { id: 'u-emergency', login: 'yingji', displayName: '应急管理局联络员', role: 'unit_liaison', unitId: 'unit-emergency' },
  { id: 'u-chengdong', login: 'chengdong', displayName: '城东街道联络员', role: 'unit_liaison', unitId: 'unit-town-chengdong' },
];

/** Units, shaped like src/contracts/units.ts (id, name, kind, parentId, aliases). */
export function demoUnits(): Array<Pick<DemoUnit, 'id' | 'name' | 'kind' | 'parentId' | 'aliases'>> {
  return DEMO_UNITS.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parentId, aliases: [...new Set([u.shortName, ...u.aliases])] }));
}

export interface DemoPlan {
  name: string;
  expression: string;
  description: string;
  /** Units this plan's matches are usually routed to. */
  unitIds: string[];
}

/** Named word lists the plans use (`@places`, `@units`). */
export function demoPlanLists(): Record<'places' | 'units', string[]> {
  return { places: demoPlaceWords(), units: demoUnitWords() };
}

export const DEMO_PLANS: readonly DemoPlan[] = [
  { name: '城区内涝积水', expression: '(积水 OR 内涝 OR 淹 OR "看海" OR 排水) AND (@places OR 路 OR 小区) AND NOT 演练', description: '暴雨积水、内涝、排水不畅', unitIds: ['unit-housing', 'unit-emergency', 'unit-transport'] },
  { name: '校园食品安全', expression: '(食堂 OR 饭菜 OR 午餐 OR 伙食 OR 餐费) AND (学校 OR 小学 OR 中学 OR 实小 OR 学生 OR 孩子 OR 娃)', description: '学校食堂与学生用餐', unitIds: ['unit-edu', 'unit-market'] },
  { name: '涉水谣言', expression: '(网传 OR 听说 OR 谣言 OR 辟谣 OR "紧急扩散" OR 囤水 OR 抢光 OR 泄漏 OR 怪味) AND (自来水 OR 水质 OR 污染 OR 爆炸 OR 化工厂 OR 矿泉水 OR 桶装水 OR 买水)', description: '供水安全、化工事故类传言', unitIds: ['unit-water', 'unit-police'] },
  { name: '景区客流', expression: '云雾山 NEAR/10 堵 OR 云雾山 NEAR/10 排队 OR 景区 NEAR/8 爆满 OR 景区 NEAR/8 排队 OR 景区 NEAR/8 停车 OR 景区 NEAR/8 乱收费 OR (景区 AND 限流)', description: '节假日景区拥堵、排队、收费', unitIds: ['unit-culture', 'unit-traffic', 'unit-market'] },
  { name: '食品安全', expression: '(过期 OR 注水肉 OR 异物 OR 拉肚子 OR "吃出") AND NOT title:招聘', description: '市场与餐饮食品安全', unitIds: ['unit-market'] },
  { name: '欠薪讨薪', expression: '(欠薪 OR 拖欠 OR 讨薪 OR "血汗钱") AND (工资 OR 工钱 OR 农民工 OR 工人)', description: '拖欠农民工工资', unitIds: ['unit-hrss'] },
  { name: '安全隐患', expression: '(安全隐患 OR 井盖 OR 塌陷 OR 事故 OR 起火) AND @places', description: '道路、设施、生产安全隐患', unitIds: ['unit-emergency', 'unit-transport'] },
  { name: '民生诉求', expression: '(没人管 OR 不作为 OR 踢皮球 OR 推诿 OR 反映 OR 投诉) AND (@places OR @units)', description: '对本县单位的一般投诉', unitIds: ['unit-gov'] },
  { name: '官方回应', expression: 'author:(临澜县 OR 临澜发布 OR 临澜公安 OR 临澜交警) OR title:(通报 OR 答复 OR 情况说明)', description: '本县单位发布的回复与通报（用于跟踪回应）', unitIds: ['unit-media'] },
];

export interface DemoShift {
  startsAt: string;
  endsAt: string;
  onDuty: string[];
  escalationChain: string[];
  leaderIds: string[];
  note?: string;
}

/**
 * A duty roster (shape of src/alerts/roster.ts) covering `days` days from the China-time day before `now`: day
 * shift 08:30–17:30 and night shift 17:30–08:30, rotating three duty officers, the analyst then the deputy as
 * escalation chain, and the shift leader.
 */
export function demoRoster(now: Date, days = 14): { shifts: DemoShift[]; defaultLeaderIds: string[] } {
  const duty = ['u-duty1', 'u-duty2', 'u-duty3'];
  const localMidnight = Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000;
  const first = localMidnight - 86_400_000;
  const shifts: DemoShift[] = [];
  for (let d = 0; d < days + 1; d++) {
    const day = first + d * 86_400_000;
    const dayStart = day + 8.5 * 3600_000;
    const nightStart = day + 17.5 * 3600_000;
    const nightEnd = day + 86_400_000 + 8.5 * 3600_000;
    const a = duty[d % 3] as string;
    const b = duty[(d + 1) % 3] as string;
    shifts.push({ startsAt: new Date(dayStart).toISOString(), endsAt: new Date(nightStart).toISOString(), onDuty: [a], escalationChain: ['u-analyst', 'u-leader2'], leaderIds: ['u-leader1'], note: '白班' });
    shifts.push({ startsAt: new Date(nightStart).toISOString(), endsAt: new Date(nightEnd).toISOString(), onDuty: [b], escalationChain: ['u-analyst', 'u-leader2'], leaderIds: ['u-leader1'], note: '夜班' });
  }
  // The night shift of the day before `first` covers the early hours of `first`.
  shifts.unshift({ startsAt: new Date(first - 6.5 * 3600_000).toISOString(), endsAt: new Date(first + 8.5 * 3600_000).toISOString(), onDuty: [duty[2] as string], escalationChain: ['u-analyst', 'u-leader2'], leaderIds: ['u-leader1'], note: '夜班' });
  return { shifts, defaultLeaderIds: ['u-leader1'] };
}

export type AlertTrigger =
  | { on: 'post_match'; plans: string[]; sentiment?: 'negative'; placesInJurisdiction?: boolean }
  | { on: 'event_level'; minLevel: 1 | 2 | 3 | 4 }
  | { on: 'burst'; scope: 'event' | 'plan' | 'place'; minPosts: number }
  | { on: 'source_outage'; afterMinutes: number };

export interface DemoAlertRule {
  id: string;
  name: string;
  trigger: AlertTrigger;
  /** Warning level of the alert: 1 = Ⅰ red … 4 = Ⅳ blue. */
  level: 1 | 2 | 3 | 4;
  recipients: { roster: boolean; roles: DemoRole[]; unitsOfMatch: boolean };
  channels: Array<'in_app'>;
  /** Escalate to the next in the chain when nobody acknowledges within this many minutes. */
  ackWithinMinutes: number;
  /** Merge repeated alerts for the same event/plan within this window. */
  throttleMinutes: number;
  quietHours?: { from: string; to: string };
  doubleReport?: boolean;
}

export const DEMO_ALERT_RULES: readonly DemoAlertRule[] = [
  { id: 'rule-event-orange', name: '事件达到橙色及以上预警', trigger: { on: 'event_level', minLevel: 2 }, level: 2, recipients: { roster: true, roles: ['leader'], unitsOfMatch: true }, channels: ['in_app'], ackWithinMinutes: 15, throttleMinutes: 60, doubleReport: true },
  { id: 'rule-event-yellow', name: '事件达到黄色预警', trigger: { on: 'event_level', minLevel: 3 }, level: 3, recipients: { roster: true, roles: [], unitsOfMatch: true }, channels: ['in_app'], ackWithinMinutes: 30, throttleMinutes: 120 },
  { id: 'rule-burst', name: '事件或方案突增', trigger: { on: 'burst', scope: 'event', minPosts: 10 }, level: 3, recipients: { roster: true, roles: ['analyst'], unitsOfMatch: false }, channels: ['in_app'], ackWithinMinutes: 30, throttleMinutes: 60 },
  { id: 'rule-flood-negative', name: '内涝积水负面信息', trigger: { on: 'post_match', plans: ['城区内涝积水'], sentiment: 'negative', placesInJurisdiction: true }, level: 3, recipients: { roster: true, roles: [], unitsOfMatch: true }, channels: ['in_app'], ackWithinMinutes: 30, throttleMinutes: 30, quietHours: { from: '23:00', to: '07:00' } },
  { id: 'rule-rumour', name: '涉水谣言', trigger: { on: 'post_match', plans: ['涉水谣言'] }, level: 2, recipients: { roster: true, roles: ['leader'], unitsOfMatch: true }, channels: ['in_app'], ackWithinMinutes: 15, throttleMinutes: 30 },
  { id: 'rule-outage', name: '信息源中断', trigger: { on: 'source_outage', afterMinutes: 30 }, level: 4, recipients: { roster: false, roles: ['admin', 'analyst'], unitsOfMatch: false }, channels: ['in_app'], ackWithinMinutes: 120, throttleMinutes: 240 },
];

export interface DemoPlaybookStep {
  order: number;
  title: string;
  /** Who does it: a role of the desk, or a unit. */
  role?: DemoRole;
  unitId?: string;
  /** Time limit from activation, in minutes. */
  withinMinutes: number;
}

export interface DemoPlaybook {
  id: string;
  name: string;
  incidentType: string;
  /** Lowest warning level the playbook applies to (1 = Ⅰ red … 4 = Ⅳ blue). */
  level: 1 | 2 | 3 | 4;
  steps: DemoPlaybookStep[];
}

export const DEMO_PLAYBOOK: DemoPlaybook = {
  id: 'pb-flood',
  name: '城市内涝舆情应急处置预案',
  incidentType: '城市内涝',
  level: 3,
  steps: [
    { order: 1, title: '核实现场情况（积水点位、交通、人员安全），报告带班领导', role: 'duty_officer', withinMinutes: 30 },
    { order: 2, title: '领导批示，启动预案，明确牵头单位', role: 'leader', withinMinutes: 60 },
    { order: 3, title: '组织抽排水、设置警示，实施交通管制', unitId: 'unit-emergency', withinMinutes: 120 },
    { order: 4, title: '发布首次情况通报（5 小时内发布权威信息）', unitId: 'unit-media', withinMinutes: 300 },
    { order: 5, title: '在留言板、热线逐条回应群众诉求', unitId: 'unit-housing', withinMinutes: 1440 },
    { order: 6, title: '发布抢修进展和恢复通行信息', unitId: 'unit-transport', withinMinutes: 2880 },
    { order: 7, title: '跟踪舆情走势，撰写专题报告', role: 'analyst', withinMinutes: 2880 },
    { order: 8, title: '复盘总结，提出排水管网整改建议', unitId: 'unit-housing', withinMinutes: 7 * 1440 },
  ],
};

export interface DemoSetup {
  places: readonly DemoPlace[];
  units: ReturnType<typeof demoUnits>;
  gazetteer: ReturnType<typeof demoGazetteer>;
  planLists: Record<'places' | 'units', string[]>;
  plans: readonly DemoPlan[];
  users: readonly DemoUser[];
  roster: ReturnType<typeof demoRoster>;
  alertRules: readonly DemoAlertRule[];
  playbooks: DemoPlaybook[];
}

/** Everything the desk needs to run the demo county, in one object (the roster starts the day before `now`). */
export function demoSetup(now: Date): DemoSetup {
  return {
    places: DEMO_PLACES,
    units: demoUnits(),
    gazetteer: demoGazetteer(),
    planLists: demoPlanLists(),
    plans: DEMO_PLANS,
    users: DEMO_USERS,
    roster: demoRoster(now),
    alertRules: DEMO_ALERT_RULES,
    playbooks: [DEMO_PLAYBOOK],
  };
}
