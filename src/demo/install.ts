/**
 * Installing the demo county through the desk's own services: units (also the gazetteer), monitoring plans, demo
 * users with random passwords, the duty roster, alert rules (in-app), the flood playbook and the sources that read
 * the demo site. Each stage skips what already exists (by id or name) and records what it created in the marker,
 * saved after every stage, so an interrupted install resumes and `demo reset` removes exactly what was added.
 */
import { randomBytes } from 'node:crypto';
import type { Services } from '../services/index.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import type { Store } from '../store/store.ts';
import { DEMO_ALERT_RULES, DEMO_PLAYBOOK, DEMO_USERS } from './setup.ts';
import { deskPlans, deskPlaybook, deskRosterRows, deskRule, deskUnits } from './desk-config.ts';
import { DEMO_MARKER_KEY, type DemoMarker } from './marker.ts';
import type { DemoSourceConfig } from './sources.ts';

export interface DemoLogin {
  login: string;
  password: string;
  role: string;
  displayName: string;
}

export interface InstallDeps {
  store: Store;
  services: Services;
  now: () => Date;
}

async function save(store: Store, marker: DemoMarker, now: Date): Promise<void> {
  await store.repos.settings.set(DEMO_MARKER_KEY, marker, now.getTime());
}

async function installUnits(d: InstallDeps, m: DemoMarker): Promise<void> {
  for (const u of deskUnits()) {
    if ((await d.store.repos.units.byId(u.id)) || (await d.store.repos.units.byName(u.name))) continue;
    if (u.parentId && !(await d.store.repos.units.byId(u.parentId))) continue;
    await d.services.units.create(SYSTEM_ACTOR, u, d.now().getTime());
    m.created.units.push(u.id);
  }
}

async function installPlans(d: InstallDeps, m: DemoMarker): Promise<void> {
  const existing = new Set((await d.services.plans.list()).map((p) => p.name));
  for (const p of deskPlans()) {
    if (existing.has(p.name)) continue;
    const units = [];
    for (const id of p.units) if (await d.store.repos.units.byId(id)) units.push(id);
    const plan = await d.services.plans.create(SYSTEM_ACTOR, { ...p, units }, d.now().getTime());
    m.created.plans.push(plan.id);
  }
}

/** Demo users with fresh random passwords; an existing account with the same login is reused, not changed. */
async function installUsers(d: InstallDeps, m: DemoMarker): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const u of DEMO_USERS) {
    const existing = await d.store.repos.users.byUsername(u.login);
    if (existing) {
      m.userIds[u.id] = existing.id;
      continue;
    }
    const unitId = u.unitId && (await d.store.repos.units.byId(u.unitId)) ? u.unitId : null;
    if (u.role === 'unit_liaison' && !unitId) continue;
    const password = randomBytes(9).toString('base64url');
    const user = await d.services.users.create(
      SYSTEM_ACTOR,
      { username: u.login, displayName: u.displayName, role: u.role, unitId, password },
      d.now().getTime(),
    );
    m.userIds[u.id] = user.id;
    m.created.users.push(user.id);
    logins.push({ login: u.login, password, role: u.role, displayName: u.displayName });
  }
  return logins;
}

/** Roster rows for the demo shifts starting at or after `from` (all of them when absent). */
export async function addRosterRows(d: InstallDeps, m: DemoMarker, from?: Date): Promise<number> {
  let n = 0;
  for (const r of deskRosterRows(d.now(), from)) {
    const userId = m.userIds[r.demoUserId];
    if (!userId) continue;
    await d.services.roster.add(
      SYSTEM_ACTOR,
      { userId, startsAt: r.startsAt, endsAt: r.endsAt, chainOrder: r.chainOrder, ...(r.note ? { note: r.note } : {}) },
      d.now(),
    );
    n++;
  }
  m.created.shifts += n;
  return n;
}

async function installRules(d: InstallDeps, m: DemoMarker): Promise<void> {
  const existing = new Set((await d.services.alerts.rules.list()).rules.map((r) => r.name));
  const planIds = new Map((await d.services.plans.list()).map((p) => [p.name, p.id]));
  for (const r of DEMO_ALERT_RULES) {
    if (existing.has(r.name)) continue;
    const rule = deskRule(r, planIds);
    const created = await d.services.alerts.rules.create(
      SYSTEM_ACTOR,
      { name: rule.name, enabled: rule.enabled, config: rule.config },
      d.now(),
    );
    m.created.rules.push(created.id);
  }
}

async function installPlaybook(d: InstallDeps, m: DemoMarker): Promise<void> {
  const body = deskPlaybook(DEMO_PLAYBOOK);
  if ((await d.store.repos.playbooks.list()).some((p) => p.name === body.name)) return;
  const steps = [];
  for (const s of body.steps) {
    const unitOk = !s.unitId || (await d.store.repos.units.byId(s.unitId));
    steps.push(unitOk ? s : { title: s.title, within: s.within, ...(s.role ? { role: s.role } : {}) });
  }
  const pb = await d.services.playbooks.create(SYSTEM_ACTOR, { ...body, steps }, d.now());
  m.created.playbooks.push(pb.id);
}

async function installSources(d: InstallDeps, m: DemoMarker, sources: readonly DemoSourceConfig[]): Promise<void> {
  for (const s of sources) {
    if (await d.store.repos.sources.byName(s.name)) continue;
    const created = await d.services.sources.create(
      SYSTEM_ACTOR,
      { name: s.name, kind: s.kind, config: s.config, enabled: true, intervalSeconds: s.interval_seconds, weight: 1 },
      d.now(),
      { demo: true },
    );
    m.created.sources.push(created.id);
  }
}

/**
 * Runs the install stages not yet done (the marker says which), saving the marker after each; returns the logins
 * of the users it created. Sources come last: a desk with sources and no complete marker is never re-installed.
 */
export async function installDemo(
  d: InstallDeps,
  m: DemoMarker,
  sources: readonly DemoSourceConfig[],
): Promise<DemoLogin[]> {
  await save(d.store, m, d.now());
  await installUnits(d, m);
  await save(d.store, m, d.now());
  await installPlans(d, m);
  await save(d.store, m, d.now());
  const logins = await installUsers(d, m);
  await save(d.store, m, d.now());
  if (m.created.shifts === 0) await addRosterRows(d, m);
  await save(d.store, m, d.now());
  await installRules(d, m);
  await installPlaybook(d, m);
  await save(d.store, m, d.now());
  await installSources(d, m, sources);
  m.complete = true;
  await save(d.store, m, d.now());
  d.services.changes.emit('units');
  d.services.changes.emit('plans');
  d.services.changes.emit('rules');
  return logins;
}
