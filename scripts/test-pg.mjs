#!/usr/bin/env node
// Runs the store, API and cluster suites against PostgreSQL (DATABASE_URL must be set; CI sets a fresh database).
import { spawnSync } from 'node:child_process';

if (!process.env.DATABASE_URL) {
  console.error('test:pg needs DATABASE_URL=postgres://… (a database it may create schemas in)');
  process.exit(2);
}
const files = ['test/store.test.ts', 'test/api-', 'test/cli.test.ts', 'test/pg-', 'test/cluster-', 'test/pipeline-'];
const r = spawnSync('npx', ['vitest', 'run', '--passWithNoTests', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
