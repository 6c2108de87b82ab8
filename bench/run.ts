/**
 * `npm run bench` — runs every benchmark end to end and refreshes the suite section of bench/RESULTS.md (between
 * the SUITE markers; the hand-written sections stay). `--quick` is a smoke run for CI (small sizes).
 *
 *   node bin/run-ts.mjs bench/run.ts [--quick] [--pg postgres://…] [--overview-browser]
 *
 * --overview-browser (opt-in, never part of --quick) adds the overview's first load in Chromium at 1M posts
 * (bench/overview-browser.ts: builds a 1M-post store, a few minutes; writes its own RESULTS.md section).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, pg: { type: 'string' }, 'overview-browser': { type: 'boolean' } } });
const quick = !!values.quick;
const pg = values.pg ?? loadConfig().databaseUrl;
const OUT = new URL('./out/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
const RESULTS = new URL('./RESULTS.md', import.meta.url).pathname;
const RUN_TS = new URL('../bin/run-ts.mjs', import.meta.url).pathname;

interface Step {
  name: string;
  script: string;
  args: string[];
  json?: string;
}
const steps: Step[] = [
  { name: 'analysis', script: 'bench/analysis.ts', args: quick ? ['--posts', '500', '--repeat', '1', '--index', '100000', '--no-python'] : ['--posts', '3000'] },
  { name: 'events', script: 'bench/events.ts', args: [] },
  { name: 'ingest', script: 'bench/ingest.ts', args: [...(quick ? ['--posts', '1000'] : ['--posts', '20000']), ...(pg ? ['--pg', pg] : [])], json: 'ingest.json' },
  { name: 'search-api', script: 'bench/search-api.ts', args: quick ? ['--posts', '5000', '--seconds', '2'] : ['--posts', '100000', '--seconds', '10'], json: 'search-api.json' },
];
if (existsSync(new URL('./cluster.ts', import.meta.url)) && pg) steps.push({ name: 'cluster', script: 'bench/cluster.ts', args: quick ? ['--quick'] : [] });
if (values['overview-browser'] && !quick)
  steps.push({ name: 'overview-browser', script: 'bench/overview-browser.ts', args: ['--posts', '1000000', '--runs', '5'], json: 'overview-browser.json' });
if (existsSync(new URL('./alerts.ts', import.meta.url))) steps.push({ name: 'alerts', script: 'bench/alerts.ts', args: quick ? ['--alerts', '20'] : [], json: 'alerts.json' });

// Analysis and event benchmarks read ../shared/data (never committed); without it they are skipped, not failed.
const sharedData = existsSync(new URL('../../shared/data/sentiment/train.jsonl', import.meta.url));
if (!sharedData) {
  for (const name of ['analysis', 'events']) {
    const i = steps.findIndex((s) => s.name === name);
    if (i >= 0) steps.splice(i, 1);
  }
  console.log('skipping analysis and events benchmarks: ../shared/data is not beside this checkout');
}

const started = Date.now();
const log: string[] = [];
let failed = 0;
for (const s of steps) {
  const args = [RUN_TS, s.script, ...s.args, ...(s.json ? ['--json', `${OUT}${s.json}`] : [])];
  console.log(`\n=== ${s.name}: node ${args.slice(1).join(' ')}`);
  const t = Date.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 20 * 60_000, env: { ...process.env, ...(pg ? { DATABASE_URL: pg } : {}) } });
  process.stdout.write(r.stdout ?? '');
  const ok = r.status === 0;
  if (!ok) failed++;
  log.push(`### ${s.name} — ${ok ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - t) / 1000).toFixed(0)} s\n\n\`node bin/run-ts.mjs ${s.script} ${s.args.join(' ')}\`\n\n\`\`\`\n${(r.stdout ?? '').trim().split('\n').slice(-25).join('\n')}\n\`\`\`\n`);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
let load = '';
try {
  load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
} catch {
  /* not Linux */
}
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
} catch {
  /* not a checkout */
}
const section = `<!-- SUITE:BEGIN (written by npm run bench; edit outside the markers) -->
## Suite run (${quick ? 'quick smoke' : 'full'}) — ${new Date().toISOString()}

Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average at the end ${load}; commit ${commit}.
Command: \`npm run bench${quick ? ' -- --quick' : ''}\`${pg ? ' (with PostgreSQL)' : ''}; total ${((Date.now() - started) / 1000).toFixed(0)} s.

${log.join('\n')}
<!-- SUITE:END -->`;
let text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
const re = /<!-- SUITE:BEGIN[\s\S]*?<!-- SUITE:END -->/;
text = re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(RESULTS, text);
console.log(`\nbench/RESULTS.md updated (${failed} failed)`);
process.exit(failed ? 1 : 0);
