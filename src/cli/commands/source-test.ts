/**
 * `tingfeng source test --config FILE.json`: polls a source once, stores nothing, and prints the normalised items
 * as JSON lines {url, title, text, published_at, author}.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import {
  PoliteFetcher,
  isSourceError,
  pollOnce,
  connectorKinds,
  withoutUnknownSettings,
  type SourceLogger,
} from '../../sources/index.ts';

const HELP = `tingfeng source test — fetch a source once, without storing anything, and print its items

Usage: tingfeng source test --config FILE.json [--limit N] [--verbose]

FILE.json holds the source settings, with "kind" one of: ${connectorKinds.join(', ')}. Example:
  {"kind":"web-page","name":"A市问政留言板","url":"http://example.gov.cn/list?page=1",
   "list":{"item":"ul.msg-list li","link":"a","next":"a.next"},
   "detail":{"title":"h1.title","text":"div.content","published_at":"span.time","author":"span.user"},
   "max_pages":3}
  {"kind":"rss","url":"https://example.gov.cn/feed.xml"}

Prints one JSON line per item: {"url","title","text","published_at","author"}
  text is plain text with one paragraph per line; published_at is ISO 8601 with offset (source time zone,
  default Asia/Shanghai); author is null when the source does not show one.

Options:
  --config FILE   the source settings (JSON; YAML also accepted)
  --limit N       print at most N items
  --verbose       log each fetched page on stderr
  --help          this text

Addresses on private networks and localhost are refused unless the settings say "internal": true, and
robots.txt is honoured unless they say "ignore_robots": true (both admin-only settings in the desk).
Exit codes: 0 fetched (even with no items), 1 the fetch or parse failed, 2 usage or settings errors.
`;

export interface SourceTestIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function stderrLogger(stderr: NodeJS.WritableStream, verbose: boolean): SourceLogger {
  const line = (level: string) => (obj: Record<string, unknown>, msg?: string) => {
    stderr.write(`${level}: ${msg ?? ''} ${JSON.stringify(obj)}\n`);
  };
  const quiet = () => undefined;
  return {
    debug: verbose ? line('debug') : quiet,
    info: verbose ? line('info') : quiet,
    warn: line('warn'),
    error: line('error'),
  };
}

async function readConfig(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8');
  const doc: unknown = parseYaml(text.replace(/^\uFEFF/, ''));
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new Error('the file must hold one JSON object of source settings');
  const cfg = doc as Record<string, unknown>;
  if (cfg['kind'] === 'spreadsheet' && typeof cfg['path'] === 'string' && !isAbsolute(cfg['path']))
    cfg['path'] = resolve(dirname(file), cfg['path']);
  return cfg;
}

export async function sourceTestCommand(
  argv: string[],
  io: SourceTestIO,
  deps: { userAgent: string; now?: () => Date },
): Promise<number> {
  let args: ReturnType<typeof parse>;
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        limit: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  try {
    args = parse(argv);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const extra = args.positionals.filter((p, i) => !(i === 0 && p === 'source') && !(p === 'test' && i <= 1));
  if (!args.values.config || extra.length > 0) {
    io.stderr.write(
      `${extra.length > 0 ? `unexpected argument: ${extra.join(' ')}` : 'missing --config FILE.json'}\n\n${HELP}`,
    );
    return 2;
  }
  const limit = args.values.limit === undefined ? Infinity : Number(args.values.limit);
  if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 1)) {
    io.stderr.write('--limit takes a whole number of at least 1\n');
    return 2;
  }
  let config: Record<string, unknown>;
  try {
    config = await readConfig(args.values.config);
  } catch (e) {
    io.stderr.write(`cannot read ${args.values.config}: ${(e as Error).message}\n`);
    return 2;
  }
  const kind = typeof config['kind'] === 'string' ? config['kind'] : '';
  const tolerant = withoutUnknownSettings(kind, config);
  if (tolerant.removed.length > 0)
    io.stderr.write(`warning: ignoring settings unknown to "${kind}": ${tolerant.removed.join(', ')}\n`);
  config = tolerant.config;
  if (limit !== Infinity && config['max_items'] === undefined && ['rss', 'web-page', 'json-api'].includes(kind))
    config['max_items'] = Math.max(1, limit);
  const fetcher = new PoliteFetcher({ userAgent: deps.userAgent });
  try {
    const result = await pollOnce(kind, config, {
      fetcher,
      now: (deps.now ?? (() => new Date()))(),
      logger: stderrLogger(io.stderr, args.values.verbose === true),
    });
    const items = result.items.slice(0, limit);
    for (const it of items) {
      io.stdout.write(
        `${JSON.stringify({ url: it.url, title: it.title, text: it.text, published_at: it.published_at, author: it.author ?? null })}\n`,
      );
    }
    io.stderr.write(
      `${items.length} item(s)${result.items.length > items.length ? ` of ${result.items.length}` : ''}\n`,
    );
    return 0;
  } catch (e) {
    if (isSourceError(e)) {
      io.stderr.write(`${e.code}: ${e.message}\n`);
      return e.code === 'TF_ERR_SOURCE_CONFIG' ? 2 : 1;
    }
    io.stderr.write(`unexpected error: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  } finally {
    await fetcher.close();
  }
}
