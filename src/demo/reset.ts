/**
 * `tingfeng demo reset`: removes the demo county — demo sources and their posts (analysis, search tokens,
 * evidence, event membership), demo events, the alerts and cases linked to them, and the users, units, plans,
 * rules, playbook and roster rows the install created — in one transaction, then records the reset in the audit
 * log (which is append-only: nothing is ever deleted from it). Rows that non-demo records still name (a user who
 * worked a real case, a unit a real user belongs to) are kept and reported.
 */
import { rm } from 'node:fs/promises';
import type { TrackerSnapshot } from '../analysis/events/snapshot.ts';
import { parseJson } from '../store/repos/executor.ts';
import type { Repos, Store } from '../store/store.ts';
import { deskUnits } from './desk-config.ts';
import { DEMO_MARKER_KEY, parseMarker, type DemoMarker } from './marker.ts';

const SNAPSHOT_KEY = 'tracker.snapshot';

export interface DemoResetResult {
  removed: {
    sources: number;
    posts: number;
    events: number;
    alerts: number;
    cases: number;
    users: number;
    units: number;
    plans: number;
    rules: number;
    playbooks: number;
    shifts: number;
  };
  /** Rows the demo created that non-demo records still name, kept. */
  kept: { users: string[]; units: string[] };
  /** False when there was neither a marker nor demo data. */
  found: boolean;
}

/** Cases that name a demo event, alert or post. */
function linkedCases(
  cases: Awaited<ReturnType<Repos['demo']['caseLinks']>>,
  events: Set<string>,
  alerts: Set<string>,
  posts: Set<string>,
): string[] {
  return cases
    .filter(
      (c) =>
        (c.event_id && events.has(c.event_id)) ||
        (c.alert_id && alerts.has(c.alert_id)) ||
        parseJson<string[]>(c.post_ids, []).some((p) => posts.has(p)),
    )
    .map((c) => c.id);
}

/** Units to keep: the referenced ones and, so the tree stays whole, their ancestors. */
function unitsToKeep(referenced: Set<string>): Set<string> {
  const parent = new Map(deskUnits().map((u) => [u.id, u.parentId]));
  const keep = new Set<string>();
  for (const id of referenced) {
    let cur: string | null | undefined = id;
    while (cur && !keep.has(cur)) {
      keep.add(cur);
      cur = parent.get(cur);
    }
  }
  return keep;
}

/** The tracker's saved state without the removed events (it would otherwise grow them back). */
function pruneSnapshot(s: TrackerSnapshot, removed: Set<string>): TrackerSnapshot {
  return {
    ...s,
    events: s.events.filter((e) => !removed.has(e.id)),
    redirects: s.redirects.filter(([a, b]) => !removed.has(a) && !removed.has(b)),
  };
}

async function removeConfig(r: Repos, m: DemoMarker, result: DemoResetResult): Promise<void> {
  for (const id of m.created.rules) {
    if (!(await r.alerts.rule(id))) continue;
    await r.alerts.deleteRule(id);
    result.removed.rules++;
  }
  const deleted = await r.demo.deleteUnusedPlaybooks(m.created.playbooks);
  result.removed.playbooks = deleted.length;
  // A playbook real cases activated stays (their tasks name it), switched off.
  for (const id of m.created.playbooks)
    if (!deleted.includes(id) && (await r.playbooks.byId(id))) await r.playbooks.update(id, { enabled: 0 });
  for (const id of m.created.plans) {
    if (!(await r.plans.byId(id))) continue;
    await r.plans.delete(id);
    result.removed.plans++;
  }
  result.removed.shifts = await r.demo.deleteShiftsOf(m.created.users);
  const keptUsers = await r.demo.referencedUsers(m.created.users);
  result.removed.users = await r.demo.deleteUsers(m.created.users.filter((u) => !keptUsers.has(u)));
  result.kept.users = [...keptUsers];
  const keptUnits = unitsToKeep(await r.demo.referencedUnits(m.created.units));
  result.removed.units = await r.demo.deleteUnits(m.created.units.filter((u) => !keptUnits.has(u)));
  result.kept.units = m.created.units.filter((u) => keptUnits.has(u));
}

/** Removes all demo data (see the module comment). `now` stamps the audit row. */
export async function resetDemo(store: Store, now: Date): Promise<DemoResetResult> {
  const result: DemoResetResult = {
    removed: {
      sources: 0,
      posts: 0,
      events: 0,
      alerts: 0,
      cases: 0,
      users: 0,
      units: 0,
      plans: 0,
      rules: 0,
      playbooks: 0,
      shifts: 0,
    },
    kept: { users: [], units: [] },
    found: false,
  };
  const marker = await store.tx(async (r) => {
    const m = parseMarker(await r.settings.get<unknown>(DEMO_MARKER_KEY));
    const sourceIds = m?.created.sources ?? [];
    const posts = await r.demo.demoPostIds(sourceIds);
    const events = new Set(await r.demo.demoEventIds());
    const alerts = new Set(await r.demo.linkedAlertIds(sourceIds));
    const cases = linkedCases(await r.demo.caseLinks(), events, alerts, posts);
    result.removed.cases = await r.demo.deleteCases(cases);
    result.removed.alerts = await r.demo.deleteAlerts([...alerts]);
    result.removed.events = await r.demo.deleteDemoEvents();
    result.removed.posts = await r.demo.deleteDemoPosts(sourceIds);
    result.removed.sources = await r.demo.deleteDemoSources(sourceIds);
    if (m) await removeConfig(r, m, result);
    const snapshot = await r.settings.get<TrackerSnapshot>(SNAPSHOT_KEY);
    if (snapshot && events.size > 0) await r.settings.set(SNAPSHOT_KEY, pruneSnapshot(snapshot, events), now.getTime());
    await r.demo.deleteSetting(DEMO_MARKER_KEY);
    result.found = m !== null || posts.size > 0 || events.size > 0 || result.removed.sources > 0;
    if (result.found) {
      await r.audit.append({
        at: now.getTime(),
        actorType: 'system',
        actorId: null,
        action: 'demo.reset',
        entity: 'demo',
        entityId: null,
        before: m ? { installedAt: m.at, created: m.created } : null,
        after: result,
      });
    }
    return m;
  });
  if (marker) await rm(marker.hotlineFile, { force: true }).catch(() => undefined);
  return result;
}
