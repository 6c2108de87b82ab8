/**
 * The store: one repository interface per aggregate over either SQLite or PostgreSQL.
 * `store.tx(fn)` runs fn with repositories bound to one transaction (all or nothing).
 */
import { sql } from 'kysely';
import { connect, type ConnectOptions } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import type { Dialect } from './dialect.ts';
import type { Exec } from './repos/executor.ts';
import { usersRepo } from './repos/users.repo.ts';
import { sessionsRepo, tokensRepo } from './repos/sessions.repo.ts';
import { auditRepo } from './repos/audit.repo.ts';
import { unitsRepo } from './repos/units.repo.ts';
import { casesRepo } from './repos/cases.repo.ts';
import { settingsRepo } from './repos/settings.repo.ts';
import { postsRepo } from './repos/posts.repo.ts';
import { postCountsRepo } from './repos/post-counts.repo.ts';
import { sourcesRepo } from './repos/sources.repo.ts';
import { plansRepo } from './repos/plans.repo.ts';
import { eventsRepo } from './repos/events.repo.ts';
import { alertsRepo } from './repos/alerts.repo.ts';
import { leasesRepo, playbooksRepo, releasesRepo, reportsRepo } from './repos/ledger-extras.repo.ts';
import { demoRepo } from './repos/demo.repo.ts';
import { replayRepo } from './repos/replay.repo.ts';

function bind(exec: Exec) {
  return {
    users: usersRepo(exec),
    sessions: sessionsRepo(exec),
    tokens: tokensRepo(exec),
    audit: auditRepo(exec),
    units: unitsRepo(exec),
    cases: casesRepo(exec),
    settings: settingsRepo(exec),
    posts: postsRepo(exec),
    postCounts: postCountsRepo(exec),
    sources: sourcesRepo(exec),
    plans: plansRepo(exec),
    events: eventsRepo(exec),
    alerts: alertsRepo(exec),
    playbooks: playbooksRepo(exec),
    releases: releasesRepo(exec),
    reports: reportsRepo(exec),
    leases: leasesRepo(exec),
    demo: demoRepo(exec),
    replay: replayRepo(exec),
  };
}
export type Repos = ReturnType<typeof bind>;

export interface Store {
  readonly dialect: Dialect;
  readonly repos: Repos;
  tx<T>(fn: (r: Repos) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** For store-internal modules (search, bulk ingest) only. */
  readonly exec: Exec;
}

export interface OpenOptions extends ConnectOptions {
  migrate?: boolean;
}

export async function openStore(opts: OpenOptions): Promise<Store> {
  const conn = connect(opts);
  const exec: Exec = { db: conn.db, dialect: conn.dialect };
  if (opts.migrate !== false) await migrateToLatest(conn.db as never, conn.dialect);
  return {
    dialect: conn.dialect,
    repos: bind(exec),
    exec,
    tx: (fn) => conn.db.transaction().execute((trx) => fn(bind({ db: trx, dialect: conn.dialect }))),
    ping: async () => {
      await sql`SELECT 1`.execute(conn.db);
    },
    close: () => conn.close(),
  };
}
