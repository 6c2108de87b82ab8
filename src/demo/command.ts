/**
 * `tingfeng demo site [--port P] [--host H] [--speed N] [--seed S] [--posts-per-day N] [--behind H] [--hotline-file F]
 * [--print-sources]`: runs the demo site until interrupted (io.signal, else SIGINT/SIGTERM). By default the demo
 * starts 3 hours behind real time and catches up at ×180 within a minute — just as the flood storyline peaks — and
 * then follows real time, so no post is ever dated in the desk's future. `--behind 0` runs ahead instead.
 */
import { createAcceleratedClock, createCatchUpClock } from './clock.ts';
import { startDemoSite } from './site.ts';
import { demoSources } from './sources.ts';

export interface DemoCommandIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Stops the site when aborted; without it, SIGINT or SIGTERM does. */
  signal?: AbortSignal;
  /** Called once the site listens (for tests and for the lead's `npm start`). */
  onListening?: (url: string) => void;
}

const USAGE = `用法 usage: tingfeng demo site [--port 8090] [--host 127.0.0.1] [--speed 180] [--seed 1] [--posts-per-day 400] [--behind 3] [--hotline-file PATH.xlsx] [--print-sources]
  --speed N    演示时间倍速（每真实秒走 N 秒演示时间；180 = 8 分钟一天）
  --behind H   演示时间从 H 小时前开始，加速追上现在后按真实时间走（0 = 从现在开始一直加速）
`;

interface Parsed {
  port: number;
  host: string;
  speed: number;
  seed: number;
  postsPerDay: number;
  printSources: boolean;
  hotlineFile?: string;
  /** Hours the demo starts behind real time (0: start now and run ahead of real time). */
  behind: number;
}

export function parseDemoSiteArgs(argv: readonly string[]): Parsed | { error: string } | { help: true } {
  const out: Parsed = { port: 8090, host: '127.0.0.1', speed: 180, seed: 1, postsPerDay: 400, printSources: false, behind: 3 };
  const numeric: Record<string, { key: 'port' | 'speed' | 'seed' | 'postsPerDay' | 'behind'; min: number; max: number; int: boolean }> = {
    '--behind': { key: 'behind', min: 0, max: 24 * 365, int: false },
    '--port': { key: 'port', min: 0, max: 65535, int: true },
    '--speed': { key: 'speed', min: 0.001, max: 1_000_000, int: false },
    '--seed': { key: 'seed', min: 0, max: 2 ** 32 - 1, int: true },
    '--posts-per-day': { key: 'postsPerDay', min: 0, max: 1_000_000, int: true },
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    if (flag === '--help' || flag === '-h') return { help: true };
    if (flag === '--print-sources') {
      out.printSources = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (flag === '--host' || flag === '--hotline-file') {
      if (!value) return { error: `TF_ERR_DEMO_ARGS: ${flag} needs a value` };
      if (flag === '--host') out.host = value;
      else out.hotlineFile = value;
      continue;
    }
    const spec = numeric[flag];
    if (!spec) return { error: `TF_ERR_DEMO_ARGS: unknown option ${flag}` };
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < spec.min || n > spec.max || (spec.int && !Number.isInteger(n))) {
      return { error: `TF_ERR_DEMO_ARGS: ${flag} must be ${spec.int ? 'an integer' : 'a number'} between ${spec.min} and ${spec.max}` };
    }
    out[spec.key] = n;
  }
  return out;
}

export async function demoSiteCommand(argv: readonly string[], io: DemoCommandIo): Promise<number> {
  const parsed = parseDemoSiteArgs(argv);
  if ('help' in parsed) {
    io.stdout.write(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.stderr.write(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  const clock = parsed.behind > 0 ? createCatchUpClock({ behindMs: parsed.behind * 3600_000, speed: parsed.speed }) : createAcceleratedClock({ speed: parsed.speed });
  let site;
  try {
    site = await startDemoSite({ port: parsed.port, host: parsed.host, seed: parsed.seed, postsPerDay: parsed.postsPerDay, clock, ...(parsed.hotlineFile ? { hotlineFile: parsed.hotlineFile } : {}) });
  } catch (e) {
    io.stderr.write(`TF_ERR_DEMO_LISTEN: cannot listen on ${parsed.host}:${parsed.port} (${e instanceof Error ? e.message : String(e)}); choose another --port\n`);
    return 1;
  }
  const catchUp = parsed.behind > 0 ? `, ${parsed.behind} h behind real time until it catches up` : '';
  io.stdout.write(`示范县（临澜县）演示站点已启动 demo site: ${site.url}  speed ×${parsed.speed}${catchUp}, seed ${parsed.seed}, ${site.posts.length} posts scheduled\n`);
  if (parsed.printSources) io.stdout.write(JSON.stringify(demoSources(site.url, parsed.hotlineFile ? { hotlineFile: parsed.hotlineFile } : {}), null, 2) + '\n');
  io.onListening?.(site.url);
  await new Promise<void>((resolve) => {
    if (io.signal) {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await site.close();
  io.stdout.write('demo site stopped\n');
  return 0;
}
