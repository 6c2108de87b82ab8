/**
 * Helpers for the cluster tests (test/cluster-*.test.ts): the PostgreSQL and NATS to use (DATABASE_URL and
 * NATS_URL through src/config; NATS defaults to nats://127.0.0.1:4222), a unique stream prefix per run, child
 * processes of the real `tingfeng` binary, and a local JSON API that serves synthetic posts for the collectors.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { loadConfig } from '../../src/config/config.ts';
import { BIN } from './cli.ts';

export interface ClusterEnv {
  databaseUrl: string;
  natsUrl: string;
}

/**
 * The services to test against, or a reason to skip. Without DATABASE_URL (the SQLite pass of `npm test`) the
 * cluster tests skip; they run in the PostgreSQL pass (`npm run test:pg`). There, an unreachable PostgreSQL or
 * NATS fails the run when CI=true (`unreachable: true`), and only skips on a developer machine.
 */
export async function clusterEnv(): Promise<ClusterEnv | { skip: string; unreachable: boolean }> {
  const config = loadConfig();
  const natsUrl = config.natsUrl ?? 'nats://127.0.0.1:4222';
  if (!config.databaseUrl) return { skip: 'cluster tests need DATABASE_URL (they run in the PostgreSQL pass: npm run test:pg)', unreachable: false };
  const problems: string[] = [];
  try {
    const c = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 3000 });
    await c.connect();
    await c.end();
  } catch (e) {
    problems.push(`PostgreSQL unreachable: ${(e as Error).message}`);
  }
  try {
    const nc = await connect({ servers: natsUrl, timeout: 3000 });
    await nc.close();
  } catch (e) {
    problems.push(`NATS unreachable at ${natsUrl}: ${(e as Error).message}`);
  }
  if (problems.length === 0) return { databaseUrl: config.databaseUrl, natsUrl };
  return { skip: problems.join('; '), unreachable: true };
}

export function isCi(): boolean {
  return process.env['CI'] === 'true';
}

export function uniquePrefix(): string {
  return `t${process.pid.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  waitFor(re: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  kill9(): Promise<void>;
  term(): Promise<number | null>;
}

export function spawnTf(args: string[], env: Record<string, string | undefined>): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    async waitFor(re, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const m = out.match(re);
        if (m) return m;
        if (child.exitCode !== null) throw new Error(`tingfeng ${args.join(' ')} exited ${child.exitCode}: ${err.slice(-2000)}`);
        if (Date.now() > until) throw new Error(`timed out waiting for ${re} from tingfeng ${args.join(' ')}; stderr: ${err.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill9() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async term() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface FeedPost {
  id: string;
  title: string;
  text: string;
  time: string;
  author: string;
}

const TOPICS: [string, string][] = [
  ['停水', '自来水公司说管道抢修，什么时候恢复供水？'],
  ['道路', '路面坑洼很多，晚上骑车很危险，希望尽快修补。'],
  ['噪音', '工地夜间施工噪音太大，居民休息不好。'],
  ['物业', '小区物业不作为，垃圾堆了好几天没人清理。'],
  ['学校', '学校门口接送孩子的车辆拥堵，交通秩序混乱。'],
  ['医院', '县医院挂号排队时间太长，希望增加窗口。'],
  ['燃气', '燃气费涨价没有提前通知，居民很有意见。'],
  ['公交', '公交车班次太少，等车要一个小时。'],
];
const PLACES = ['城关镇', '治河渡镇', '白马镇', '青山村', '河西社区', '东关街道'];

/** Deterministic synthetic posts (~300 characters), newest first; every 7th is a repost of an earlier one. */
export function syntheticPosts(source: number, n: number, t0: number): FeedPost[] {
  let seed = 1234567 + source * 7919;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const out: FeedPost[] = [];
  for (let i = 0; i < n; i++) {
    const [topic, line] = TOPICS[Math.floor(rnd() * TOPICS.length)]!;
    const place = PLACES[Math.floor(rnd() * PLACES.length)]!;
    const body =
      i % 7 === 6 && out.length > 3
        ? `转发：${out[Math.floor(rnd() * (out.length - 1))]!.text}`
        : `${place}居民反映${topic}问题：${line}第${source}-${i}号留言。${line.repeat(1 + Math.floor(rnd() * 4))}联系电话已隐去，请有关部门尽快回复处理。`;
    out.push({ id: `s${source}-${i}`, title: `关于${place}${topic}的问题`, text: body, time: new Date(t0 + i * 1000).toISOString(), author: `网友${Math.floor(rnd() * 5000)}` });
  }
  return out.reverse();
}

/** A local JSON API: GET /feed/<source>?page=P&size=S → {items:[…]} (newest first). */
export async function startFeed(feeds: Map<number, FeedPost[]>): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const m = /^\/feed\/(\d+)$/.exec(u.pathname);
    const posts = m ? feeds.get(Number(m[1])) : undefined;
    if (!posts) {
      res.writeHead(404).end();
      return;
    }
    const page = Number(u.searchParams.get('page') ?? '1');
    const size = Number(u.searchParams.get('size') ?? '100');
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ items: posts.slice((page - 1) * size, page * size) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  return { server, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}

export function feedSourceConfig(base: string, source: number) {
  return {
    kind: 'json-api',
    url: `${base}/feed/${source}?page={page}&size={page_size}`,
    internal: true,
    ignore_robots: true,
    rate_per_second: 50,
    page_size: 1000,
    max_pages: 500,
    max_items: 10_000,
    items_path: 'items',
    fields: { id: 'id', title: 'title', text: 'text', published_at: 'time', author: 'author', url_template: `${base}/post/{id}` },
  };
}
