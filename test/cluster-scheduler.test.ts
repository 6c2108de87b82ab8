/**
 * Two `tingfeng scheduler` processes on one PostgreSQL store: exactly one leads (database lease), the daily report
 * is generated once, and when the leader is killed with SIGKILL the standby takes over (and still does not make
 * the report again, because the archive has it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freshPgSchema } from './helpers/store.ts';
import { openStore } from '../src/store/store.ts';
import { clusterEnv, isCi, spawnTf, type ClusterEnv, type Proc } from './helpers/cluster.ts';

const found = await clusterEnv();
const env: ClusterEnv | null = 'skip' in found ? null : found;
if (!env) {
  if (isCi() && 'skip' in found && found.unreachable) throw new Error(`cluster tests cannot run: ${'skip' in found ? found.skip : ''}`);
  console.warn(`[cluster-scheduler] skipped: ${'skip' in found ? found.skip : ''}`);
}

describe.skipIf(!env)('cluster: schedulers', () => {
  let schema: { url: string; drop(): Promise<void> };
  const procs: Proc[] = [];
  const q = async (text: string): Promise<{ [k: string]: unknown }[]> => {
    const c = new pg.Client({ connectionString: schema.url });
    await c.connect();
    try {
      return (await c.query(text)).rows as { [k: string]: unknown }[];
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    schema = await freshPgSchema(env!.databaseUrl);
    // Migrate here once, so the two schedulers start on a ready schema.
    await (await openStore({ databaseUrl: schema.url, dataDir: '/tmp' })).close();
  });
  afterAll(async () => {
    for (const p of procs) await p.kill9();
    await schema?.drop();
  }, 30_000);

  it('two schedulers never both send the daily report; the standby takes over when the leader dies', async () => {
    const e = { DATABASE_URL: schema.url, TINGFENG_DATA_DIR: '/tmp/tf-cluster-test', TINGFENG_DEMO: 'false', LOG_LEVEL: 'info' };
    const start = () => {
      const p = spawnTf(['scheduler', '--daily-time', '00:00', '--lease-ms', '2000', '--tick-ms', '300'], e);
      procs.push(p);
      return p;
    };
    const a = start();
    const b = start();
    await Promise.all([a.waitFor(/ready/), b.waitFor(/ready/)]);
    const waitRows = async (sql: string, n: number) => {
      const until = Date.now() + 90_000;
      while ((await q(sql)).length < n) {
        if (Date.now() > until) throw new Error(`timed out: ${sql}\n${a.stderr().slice(-1500)}\n${b.stderr().slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await waitRows("SELECT id FROM reports WHERE kind = 'daily'", 1);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await q("SELECT id FROM reports WHERE kind = 'daily'")).toHaveLength(1);
    const generated = [a, b].filter((p) => /generated daily report/.test(p.stdout()));
    expect(generated).toHaveLength(1);
    const leading = [a, b].filter((p) => /scheduler: leading/.test(p.stderr()));
    expect(leading).toHaveLength(1);
    // Kill the leader: the other one takes the lease and leads, and the report is still there once.
    const [leader, standby] = leading[0] === a ? [a, b] : [b, a];
    await leader.kill9();
    const until = Date.now() + 30_000;
    while (!/scheduler: leading/.test(standby.stderr())) {
      if (Date.now() > until) throw new Error(`standby never led: ${standby.stderr().slice(-1500)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(await q("SELECT id FROM reports WHERE kind = 'daily'")).toHaveLength(1);
    expect(/generated daily report/.test(standby.stdout())).toBe(false);
    expect(await standby.term()).toBe(0);
  }, 150_000);
});
