/**
 * The only reader of process.env. Settings come from (lowest to highest precedence): defaults, an optional
 * `tingfeng.yaml` (in the working directory, or TINGFENG_CONFIG), then environment variables. Validated with zod
 * at start; an unknown key or a bad value stops start-up with a message naming the setting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

export const ENV_KEYS = {
  PORT: 'port',
  HOST: 'host',
  TINGFENG_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  NATS_URL: 'natsUrl',
  TINGFENG_TIMEZONE: 'timezone',
  LOG_LEVEL: 'logLevel',
  TINGFENG_BODY_LIMIT: 'bodyLimit',
  TINGFENG_SECRET_KEY: 'secretKey',
  TINGFENG_OFFICE_NAME: 'officeName',
  TINGFENG_DEMO: 'demo',
  TINGFENG_USER_AGENT: 'userAgent',
  TINGFENG_COOKIE_SECURE: 'cookieSecure',
  TINGFENG_PUBLIC_URL: 'publicUrl',
  TINGFENG_ANALYSIS_THREAD: 'analysisThread',
} as const;

const databaseUrl = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be a postgres://user@host:port/db URL');

const natsUrl = z.string().refine((v) => {
  return v.split(',').every((part) => {
    try {
      const u = new URL(part.trim());
      return ['nats:', 'tls:', 'ws:', 'wss:'].includes(u.protocol);
    } catch {
      return false;
    }
  });
}, 'must be a nats://host:port URL (comma-separated for several servers)');

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');

const boolish = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1');

export const ConfigSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(8080),
    host: z.string().min(1).default('0.0.0.0'),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: databaseUrl.optional(),
    natsUrl: natsUrl.optional(),
    timezone: timezone.default('Asia/Shanghai'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    bodyLimit: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
    secretKey: z.string().min(16, 'must be at least 16 characters').optional(),
    officeName: z.string().min(1).default('听风舆情工作台'),
    demo: boolish.default(true),
    userAgent: z.string().min(1).default('TingfengBot/0.1 (+public-opinion desk; contact the office named in the source settings)'),
    cookieSecure: boolish.default(false),
    publicUrl: z.url('must be a URL such as https://yq.example.gov.cn').optional(),
    /** Embedded mode: analyse collected posts in a worker thread, beside tracking and storing (bulk ingest ~1.4× faster, 100–140 MB more memory). */
    analysisThread: boolish.default(true),
  })
  .strict();

export type Config = Readonly<z.infer<typeof ConfigSchema>> & {
  readonly store: 'sqlite' | 'postgres';
  readonly dataDirAbs: string;
};

export class ConfigError extends Error {
  readonly code = 'TF_ERR_CONFIG';
}

function formatIssues(err: z.ZodError, origin: Record<string, string>): string {
  return err.issues
    .map((i) => {
      const key = String(i.path[0] ?? '');
      const where = origin[key] ?? key;
      if (i.code === 'unrecognized_keys') return `unknown setting(s) ${i.keys.join(', ')} in ${origin['@file'] ?? 'config'}`;
      return `setting ${where}: ${i.message}`;
    })
    .join('; ');
}

export interface LoadOptions {
  env?: Record<string, string | undefined>;
  overrides?: Partial<Record<keyof z.input<typeof ConfigSchema>, unknown>>;
  cwd?: string;
}

/** Parse configuration. Throws ConfigError naming the setting on a bad value. */
export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};

  const file = env.TINGFENG_CONFIG ?? resolve(cwd, 'tingfeng.yaml');
  if (env.TINGFENG_CONFIG && !existsSync(file)) throw new ConfigError(`setting TINGFENG_CONFIG: file not found: ${file}`);
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`config file ${file} is not valid YAML: ${(e as Error).message}`);
    }
    if (parsed != null) {
      if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`config file ${file} must be a mapping`);
      for (const [k, v] of Object.entries(parsed)) {
        raw[k] = v;
        origin[k] = `${k} (in ${file})`;
      }
      origin['@file'] = file;
    }
  }
  for (const [envKey, key] of Object.entries(ENV_KEYS)) {
    const v = env[envKey];
    if (v !== undefined && v !== '') {
      raw[key] = v;
      origin[key] = envKey;
    }
  }
  for (const [k, v] of Object.entries(opts.overrides ?? {})) {
    if (v !== undefined) {
      raw[k] = v;
      origin[k] = `--${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
    }
  }
  const res = ConfigSchema.safeParse(raw);
  if (!res.success) throw new ConfigError(formatIssues(res.error, origin));
  const c = res.data;
  return Object.freeze({
    ...c,
    store: c.databaseUrl ? 'postgres' : 'sqlite',
    dataDirAbs: resolve(cwd, c.dataDir),
  });
}
