/** `tingfeng source …` and `tingfeng sources import opml`: manage sources from the command line. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { XMLParser } from 'fast-xml-parser';
import { loadConfig } from '../../config/config.ts';
import { createServices } from '../../services/index.ts';
import { SYSTEM_ACTOR } from '../../services/actor.ts';
import { Collector } from '../../pipeline/collector.ts';
import { buildPipeline } from '../../pipeline/runtime.ts';
import { openContext, type CliContext } from '../context.ts';
import { UsageError, type CliIO } from '../io.ts';
import { sourceTestCommand } from './source-test.ts';

export const SOURCE_HELP = `tingfeng source — information sources (信息源)

Usage:
  tingfeng source test --config FILE.json      fetch once without storing; print normalised items as JSON lines
  tingfeng source add --config FILE.json [--name NAME] [--interval SECONDS]
  tingfeng source list
  tingfeng source run NAME|ID                   poll once now and store what it brings
  tingfeng source disable NAME|ID
  tingfeng sources import opml FILE.opml        add every feed of an OPML file as an rss source

FILE.json holds the source settings, e.g.
  {"kind":"rss","name":"县政府网站","url":"https://example.gov.cn/rss.xml"}
  {"kind":"web-page","name":"问政留言板","url":"http://…/list?page=1",
   "list":{"item":"ul.msg-list li","link":"a","next":"a.next"},
   "detail":{"title":"h1.title","text":"div.content","published_at":"span.time","author":"span.user"},"max_pages":20}

Examples:
  tingfeng source test --config board.json
  tingfeng source add --config board.json --interval 600
  tingfeng source run 问政留言板
`;

async function withStore<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openContext();
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

async function find(ctx: CliContext, ref: string) {
  const s = (await ctx.store.repos.sources.byId(ref)) ?? (await ctx.store.repos.sources.byName(ref));
  if (!s) throw new UsageError(`no source named or with id "${ref}" (tingfeng source list shows them)`);
  return s;
}

export async function sourceCommand(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout.write(SOURCE_HELP);
    return sub ? 0 : 2;
  }
  if (sub === 'test') return sourceTestCommand(rest, io, { userAgent: loadConfig().userAgent });
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { config: { type: 'string' }, name: { type: 'string' }, interval: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(SOURCE_HELP);
    return 0;
  }
  switch (sub) {
    case 'add': {
      if (!values.config) throw new UsageError('give the settings with --config FILE.json');
      const raw = JSON.parse((await readFile(values.config, 'utf8')).replace(/^\uFEFF/, '')) as Record<string, unknown>;
      const name = values.name ?? (typeof raw['name'] === 'string' ? raw['name'] : undefined);
      const kind = typeof raw['kind'] === 'string' ? raw['kind'] : undefined;
      if (!name || !kind) throw new UsageError('the settings need "kind" and a "name" (or --name)');
      const interval = Number(values.interval ?? 900);
      if (!Number.isInteger(interval) || interval < 60) throw new UsageError('--interval must be a whole number of seconds, at least 60');
      return withStore(async (ctx) => {
        const services = createServices(ctx.store, ctx.config);
        // The command line is run by whoever administers the machine: it may set internal/ignore_robots.
        const s = await services.sources.create(SYSTEM_ACTOR, { name, kind, config: raw, enabled: true, intervalSeconds: interval, weight: 1 }, new Date());
        io.stdout.write(`added ${s.name} (${s.kind}, every ${s.intervalSeconds}s): ${s.id}\n`);
        return 0;
      });
    }
    case 'list':
      return withStore(async (ctx) => {
        const services = createServices(ctx.store, ctx.config);
        for (const s of await services.sources.list(new Date())) {
          io.stdout.write(`${s.id}\t${s.name}\t${s.kind}\t${s.enabled ? 'enabled' : 'disabled'}\t${s.health.status}\t${s.health.lastSuccessAt ?? '-'}\t${s.health.lastError?.message ?? ''}\n`);
        }
        return 0;
      });
    case 'run':
    case 'disable': {
      const ref = positionals[0];
      if (!ref) throw new UsageError(`tingfeng source ${sub} needs a NAME or ID`);
      return withStore(async (ctx) => {
        const s = await find(ctx, ref);
        if (sub === 'disable') {
          await createServices(ctx.store, ctx.config).sources.update(SYSTEM_ACTOR, s.id, { enabled: false }, new Date());
          io.stdout.write(`disabled ${s.name}\n`);
          return 0;
        }
        const pipeline = await buildPipeline(ctx.store, { dataDir: ctx.config.dataDirAbs });
        const collector = new Collector(ctx.store, () => pipeline.ingestor, { userAgent: ctx.config.userAgent, logger: pino({ level: 'warn' }) });
        const r = await collector.runSource(s.id);
        await pipeline.ingestor.saveSnapshot();
        io.stdout.write(r.ok ? `${s.name}: ${r.items} items fetched, ${r.stored} new posts stored\n` : '');
        if (!r.ok) io.stderr.write(`${s.name}: ${r.error}\n`);
        return r.ok ? 0 : 1;
      });
    }
    default:
      throw new UsageError(`unknown subcommand source ${sub}`);
  }
}

interface Outline {
  '@_text'?: string;
  '@_title'?: string;
  '@_xmlUrl'?: string;
  '@_type'?: string;
  outline?: Outline | Outline[];
}

function feedsOf(o: Outline | Outline[] | undefined, out: { name: string; url: string }[] = []): { name: string; url: string }[] {
  for (const x of [o ?? []].flat()) {
    if (x['@_xmlUrl']) out.push({ name: (x['@_title'] ?? x['@_text'] ?? x['@_xmlUrl']).trim(), url: x['@_xmlUrl'].trim() });
    feedsOf(x.outline, out);
  }
  return out;
}

/** `tingfeng sources import opml FILE`. */
export async function sourcesCommand(argv: string[], io: CliIO): Promise<number> {
  const [what, format, file] = argv;
  if (what === '--help' || what === '-h' || !what) {
    io.stdout.write('Usage: tingfeng sources import opml FILE.opml\n\nExample:\n  tingfeng sources import opml feeds.opml\n');
    return what ? 0 : 2;
  }
  if (what !== 'import' || format !== 'opml' || !file) throw new UsageError('usage: tingfeng sources import opml FILE.opml');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(await readFile(file, 'utf8')) as { opml?: { body?: { outline?: Outline | Outline[] } } };
  const feeds = feedsOf(doc.opml?.body?.outline);
  if (feeds.length === 0) throw new UsageError(`${file}: no <outline xmlUrl="…"> feeds found; is it an OPML file?`);
  return withStore(async (ctx) => {
    const services = createServices(ctx.store, ctx.config);
    let added = 0;
    for (const f of feeds) {
      if (await ctx.store.repos.sources.byName(f.name)) {
        io.stdout.write(`exists: ${f.name}\n`);
        continue;
      }
      try {
        await services.sources.create(SYSTEM_ACTOR, { name: f.name, kind: 'rss', config: { url: f.url }, enabled: true, intervalSeconds: 900, weight: 1 }, new Date());
        added++;
        io.stdout.write(`added: ${f.name} <${f.url}>\n`);
      } catch (e) {
        io.stderr.write(`skipped ${f.name}: ${(e as Error).message}\n`);
      }
    }
    io.stdout.write(`${added} of ${feeds.length} feeds added\n`);
    return 0;
  });
}
