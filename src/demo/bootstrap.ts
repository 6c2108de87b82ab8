/**
 * First run with the demo county (示范县): on a desk with no sources and no demo marker, install the county through
 * the desk's services (install.ts); on every start while it is installed, run the demo site in-process on a
 * loopback port with a catch-up clock (hours of the county unfold in the first minute, then it follows real time)
 * and point the demo sources at it. The collector then reads it through the real connectors.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { Services } from '../services/index.ts';
import { SYSTEM_ACTOR } from '../services/actor.ts';
import { parseJson } from '../store/repos/executor.ts';
import type { Store } from '../store/store.ts';
import { createCatchUpClock } from './clock.ts';
import { addRosterRows, installDemo, type DemoLogin } from './install.ts';
import { DEMO_MARKER_KEY, parseMarker, type DemoMarker } from './marker.ts';
import { demoTimeline, startDemoSite, type DemoSite } from './site.ts';
import { demoSources, type DemoSourceConfig } from './sources.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The demo site starts this far behind real time and catches up at DEMO_SPEED within about a minute. */
export const DEMO_BEHIND_MS = 3 * HOUR;
export const DEMO_SPEED = 180;
/** The generated timeline never spans more than this (a demo left running for months stops getting new posts). */
const MAX_DAYS = 120;

export interface DemoLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface StartDemoDeps {
  store: Store;
  services: Services;
  config: Config;
  logger: DemoLogger;
  now?: () => Date;
  /** Install the demo when the desk is empty (default true); false only runs an already installed demo. */
  install?: boolean;
  /** Demo clock (default: DEMO_BEHIND_MS behind, DEMO_SPEED times faster until it catches up). */
  clock?: { behindMs: number; speed: number };
}

export interface DemoStarted {
  siteUrl: string;
  /** Accounts created by this start (empty on later starts): show them once so people can sign in. */
  users: DemoLogin[];
  stop(): Promise<void>;
}

async function startSite(deps: StartDemoDeps, m: DemoMarker, port: number): Promise<DemoSite> {
  const clock = createCatchUpClock({
    behindMs: deps.clock?.behindMs ?? DEMO_BEHIND_MS,
    speed: deps.clock?.speed ?? DEMO_SPEED,
  });
  const anchor = new Date(m.anchor);
  const tl = demoTimeline(anchor);
  const realNow = (deps.now ?? (() => new Date()))().getTime();
  const days = Math.min(MAX_DAYS, Math.max(tl.days, Math.ceil((realNow - tl.start.getTime()) / DAY) + 7));
  if (days === MAX_DAYS)
    deps.logger.warn(
      { anchor: m.anchor },
      'the demo county has run for months and has no new posts; `tingfeng demo reset` removes it, and the next start on an empty desk installs a fresh one',
    );
  await mkdir(join(m.hotlineFile, '..'), { recursive: true });
  const opts = {
    host: '127.0.0.1',
    seed: m.siteSeed,
    clock,
    start: tl.start,
    days,
    storylines: tl.storylines,
    hotlineFile: m.hotlineFile,
    hotlineFileSeconds: 20,
  };
  try {
    return await startDemoSite({ ...opts, port });
  } catch (e) {
    if (port === 0) throw e;
    deps.logger.warn(
      { port, err: e instanceof Error ? e.message : String(e) },
      'demo site: the previous port is taken; using a free one (posts seen again under the new address are stored again)',
    );
    return startDemoSite({ ...opts, port: 0 });
  }
}

/** Points the demo sources (by name) at the running site; a demo source someone deleted stays deleted. */
async function pointSources(deps: StartDemoDeps, wanted: readonly DemoSourceConfig[], now: Date): Promise<void> {
  const rows = (await deps.store.repos.sources.list()).filter((s) => s.demo === 1);
  for (const w of wanted) {
    const row = rows.find((r) => r.name === w.name);
    if (!row) continue;
    const { kind: _kind, ...current } = parseJson<Record<string, unknown>>(row.config, {});
    if (JSON.stringify(current) === JSON.stringify(w.config)) continue;
    await deps.services.sources.update(SYSTEM_ACTOR, row.id, { config: w.config }, now);
  }
}

/** Keeps a week of duty roster ahead for the demo staff. */
async function extendRoster(deps: StartDemoDeps, m: DemoMarker, now: Date): Promise<void> {
  const last = await deps.store.repos.demo.lastShiftEnd(Object.values(m.userIds));
  if (last !== null && last > now.getTime() + 7 * DAY) return;
  const n = await addRosterRows({ store: deps.store, services: deps.services, now: () => now }, m, new Date(last ?? 0));
  if (n > 0) await deps.store.repos.settings.set(DEMO_MARKER_KEY, m, now.getTime());
}

function freshMarker(deps: StartDemoDeps, now: Date, anchor: Date): DemoMarker {
  return {
    version: 1,
    at: now.toISOString(),
    complete: false,
    siteSeed: 1,
    port: 0,
    anchor: anchor.toISOString(),
    hotlineFile: join(deps.config.dataDirAbs, 'demo', '12345-export.xlsx'),
    userIds: {},
    created: { units: [], users: [], plans: [], rules: [], playbooks: [], sources: [], shifts: 0 },
  };
}

/**
 * Installs the demo county when the desk is empty (no sources, no marker), and runs its site while it is
 * installed. Returns null when there is no demo to run. Call after the services exist and before the runner starts.
 */
export async function startDemo(deps: StartDemoDeps): Promise<DemoStarted | null> {
  const now = (deps.now ?? (() => new Date()))();
  let marker = parseMarker(await deps.store.repos.settings.get<unknown>(DEMO_MARKER_KEY));
  if (!marker || !marker.complete) {
    if (deps.install === false) return null;
    if (!marker && (await deps.store.repos.sources.list()).length > 0) {
      deps.logger.info({}, 'the desk has its own sources: the demo county is not installed');
      return null;
    }
    // The timeline is anchored where the catch-up clock starts, so the flood peaks as the clock catches up.
    marker ??= freshMarker(deps, now, new Date(now.getTime() - (deps.clock?.behindMs ?? DEMO_BEHIND_MS)));
  }
  const site = await startSite(deps, marker, marker.port);
  try {
    marker.port = site.port;
    const sources = demoSources(site.url, { hotlineFile: marker.hotlineFile });
    let users: DemoLogin[] = [];
    if (!marker.complete) {
      users = await installDemo(
        { store: deps.store, services: deps.services, now: deps.now ?? (() => new Date()) },
        marker,
        sources,
      );
      deps.logger.info(
        {
          site: site.url,
          units: marker.created.units.length,
          users: users.length,
          sources: marker.created.sources.length,
        },
        'demo county installed',
      );
    } else {
      await deps.store.repos.settings.set(DEMO_MARKER_KEY, marker, now.getTime());
      await pointSources(deps, sources, now);
      await extendRoster(deps, marker, now);
    }
    deps.logger.info({ site: site.url }, 'demo site running');
    return { siteUrl: site.url, users, stop: () => site.close() };
  } catch (e) {
    await site.close();
    throw e;
  }
}

/** What `serve` prints about the demo: where its site runs and, on the first start, the demo accounts. */
export function formatDemoBanner(demo: DemoStarted): string {
  const lines = [
    `\nDemo county 临澜县 (fictional, all data synthetic): its site ${demo.siteUrl}/ feeds the demo sources.`,
  ];
  if (demo.users.length > 0) {
    const w = Math.max(...demo.users.map((u) => u.login.length));
    lines.push('Demo accounts (passwords shown only this once; `tingfeng demo reset` removes the demo):', '');
    for (const u of demo.users)
      lines.push(`    ${u.login.padEnd(w)}  ${u.password}  ${u.role.padEnd(12)}  ${u.displayName}`);
  }
  return `${lines.join('\n')}\n\n`;
}
