import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';
import { freshPgSchema, testDatabaseUrl } from './helpers/store.ts';

let dir: string;
let env: Record<string, string | undefined>;
let dropPg: (() => Promise<void>) | null = null;
let pgUrl: string | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tf-cli-'));
  const base = testDatabaseUrl();
  if (base) {
    const s = await freshPgSchema(base);
    pgUrl = s.url;
    dropPg = s.drop;
  }
  env = { TINGFENG_DATA_DIR: dir, DATABASE_URL: pgUrl, LOG_LEVEL: 'silent' };
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (dropPg) await dropPg();
});

describe('tingfeng CLI', () => {
  it('prints version and help, and exits 2 on usage errors', async () => {
    const v = await runCli(['--version'], { env });
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = await runCli(['--help'], { env });
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('serve');
    expect((await runCli(['nonsense'], { env })).code).toBe(2);
    expect((await runCli(['user', 'add', 'x1', '--role', 'king', '--password-stdin'], { env, input: 'long-enough-pw' })).code).toBe(2);
    for (const cmd of ['serve', 'migrate', 'user', 'audit']) {
      const r = await runCli([cmd, '--help'], { env });
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toContain('Example');
    }
    // eight CLI processes, each starting the TypeScript loader: allow for a loaded machine
  }, 120_000);

  it('migrates, adds users from stdin, lists, disables', async () => {
    expect((await runCli(['migrate'], { env })).code).toBe(0);
    const add = await runCli(['user', 'add', 'wang', '--role', 'duty_officer', '--password-stdin'], { env, input: 'a-long-secret-1\n' });
    expect(add.code, add.stderr).toBe(0);
    const liaisonNoUnit = await runCli(['user', 'add', 'li', '--role', 'unit_liaison', '--password-stdin'], { env, input: 'a-long-secret-2\n' });
    expect(liaisonNoUnit.code).toBe(1);
    expect(liaisonNoUnit.stderr).toContain('unit');
    expect((await runCli(['user', 'disable', 'wang'], { env })).code).toBe(0);
    const list = await runCli(['user', 'list'], { env });
    expect(list.stdout).toMatch(/wang\tduty_officer\t-\tdisabled/);
  });

  it('audit verify passes, then fails naming the row after one row is altered in the database', async () => {
    const ok = await runCli(['audit', 'verify'], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/ok: \d+ rows/);
    if (pgUrl) {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`UPDATE audit_log SET after = '{"tampered":true}' WHERE seq = (SELECT min(seq) FROM audit_log)`);
      const r = await c.query<{ seq: number }>('SELECT min(seq)::int AS seq FROM audit_log');
      await c.end();
      const bad = await runCli(['audit', 'verify'], { env });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(`seq=${r.rows[0]!.seq}`);
    } else {
      const db = new SQLite(join(dir, 'tingfeng.db'));
      const seq = (db.prepare('SELECT min(seq) AS s FROM audit_log').get() as { s: number }).s;
      db.prepare(`UPDATE audit_log SET after = '{"tampered":true}' WHERE seq = ?`).run(seq);
      db.close();
      const bad = await runCli(['audit', 'verify'], { env });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain(`seq=${seq}`);
    }
  });

  it('stops start-up with a message naming a bad setting', async () => {
    const badUrl = await runCli(['migrate'], { env: { ...env, DATABASE_URL: 'mysql://nope' } });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('DATABASE_URL');
    const badPort = await runCli(['serve'], { env: { ...env, DATABASE_URL: undefined, PORT: 'eighty' } });
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('PORT');
    const cfgDir = mkdtempSync(join(tmpdir(), 'tf-cfg-'));
    const cfg = join(cfgDir, 'tingfeng.yaml');
    writeFileSync(cfg, 'port: 8081\nfrobnicate: yes\n');
    const unknown = await runCli(['migrate'], { env: { ...env, TINGFENG_CONFIG: cfg } });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('frobnicate');
    rmSync(cfgDir, { recursive: true, force: true });
  });
});
