/**
 * `tingfeng analyze`: JSON lines in (stdin or --input FILE), one analysis JSON line out per input, in input order.
 * Streams with bounded memory: input is pulled chunk by chunk, stdout backpressure is respected, duplicate
 * detection remembers a fixed window of recent posts (--dedup-window), and with --events the event tracker keeps
 * its active events plus a bounded reorder window of posts (see analyze-events.ts).
 */
import { createReadStream, createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { createAnalyzer, type AnalyzeInput, type Analyzer } from '../../analysis/analyze.ts';
import { Gazetteer } from '../../analysis/gazetteer.ts';
import { parseDictionaryFile } from '../../analysis/gazetteer-file.ts';
import type { PlanDefinition } from '../../analysis/plan/index.ts';
import { addUserWords } from '../../analysis/segment.ts';
import { EventStream, type TrackedEngagement } from './analyze-events.ts';

export interface AnalyzeIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const HELP = `tingfeng analyze — analyse posts: sentiment, keywords, SimHash and duplicates, places and units, plans

Usage: tingfeng analyze [--input FILE] [--plan FILE] [--dict FILE] [--dedup-window N] [--events [--events-out FILE]]

Reads JSON lines {"id", "text", "title"?, "published_at"?, "source"?, "url"?, "author"?, "engagement"?} from stdin
(or --input) and writes one JSON line per input, in the same order:
  {"id", "sentiment": {"label", "score", "evidence"}, "keywords", "phrases", "simhash", "duplicate_of",
   "places", "units", "plans": [{"name", "hits"}], "hashtags"}          (+ "event" with --events)
duplicate_of is the id of the earliest earlier input this one copies (reposts, copies with comments, edits), or null.

Options:
  --input FILE        read this file instead of stdin
  --plan FILE         monitoring plans: a YAML or JSON list of {name, expression}
                      expression: AND OR NOT ( ) "phrase" NEAR/n title: text: source: author: @places @units
                      (words side by side mean AND)
  --dict FILE         places, units and hot words: YAML/JSON {places, units, words} or jieba "word [freq] [tag]"
                      lines (tag ns = place, nt = unit)
  --dedup-window N    how many recent posts duplicate detection remembers (default 262144; memory ~0.3 KB each)
  --events            group posts into events (舆情事件): each line gets "event", the id of the event the post joined
                      (or opened). Posts are grouped in published_at order (ISO 8601; a post without one keeps its
                      input position); the output stays in input order. Copies and reposts join their original's
                      event. engagement {likes, replies, reposts, views} counts towards heat when given.
  --events-out FILE   also write the events as JSON lines {id, title, keywords, places, units, size, sources,
                      first_seen, last_seen, sentiment, heat, level, reasons, trend, representative_post, retired},
                      assessed at the latest publish time seen; events merged into another are written as
                      {id, merged_into, at}. Implies --events.
  --events-window N   posts held back to put them in time order (default 10000): input more than N posts out of
                      time order is grouped in arrival order. Memory: active events plus up to 3N posts.
  --help              this text

A malformed line is reported on stderr with its line number and skipped; the rest is processed.
Exit codes: 0 all lines analysed, 1 some lines skipped, 2 usage or file errors (nothing analysed).

Examples:
  echo '{"id":"1","text":"城南路积水半个月没人管[怒]"}' | tingfeng analyze
  tingfeng analyze --input posts.jsonl --plan plans.yaml --dict county.yaml > analysed.jsonl
  tingfeng analyze --input posts.jsonl --events-out events.jsonl > analysed.jsonl
  plans.yaml:  - { name: 城区积水, expression: '@places (积水 OR 内涝) NOT 演练' }
`;

class CommandError extends Error {}

function readPlans(file: string): PlanDefinition[] {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CommandError(`cannot read plan file ${file}: ${(err as Error).message} / 无法读取方案文件`);
  }
  const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { plans?: unknown }).plans) ? (doc as { plans: unknown[] }).plans : null;
  if (!list) throw new CommandError(`plan file ${file} must be a list of {name, expression} / 方案文件应为 {name, expression} 列表`);
  return list.map((p, i) => {
    const o = (p ?? {}) as Record<string, unknown>;
    if (typeof o.name !== 'string' || typeof o.expression !== 'string') {
      throw new CommandError(`plan file ${file}, item ${i + 1}: needs string name and expression / 第 ${i + 1} 项缺少 name 或 expression`);
    }
    return { name: o.name, expression: o.expression };
  });
}

function readGazetteer(file: string): Gazetteer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CommandError(`cannot read dictionary file ${file}: ${(err as Error).message} / 无法读取词典文件`);
  }
  try {
    const d = parseDictionaryFile(text);
    addUserWords(d.words);
    return new Gazetteer(d.entries);
  } catch (err) {
    throw new CommandError(`${file}: ${(err as Error).message}`);
  }
}

interface ParsedLine {
  input: AnalyzeInput;
  engagement?: TrackedEngagement;
}

function engagementOf(v: unknown): TrackedEngagement | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const out: TrackedEngagement = {};
  for (const k of ['likes', 'replies', 'reposts', 'views'] as const) {
    const n = o[k];
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) out[k] = n;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function toInput(v: unknown): ParsedLine | string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'expected a JSON object / 应为 JSON 对象';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return 'missing "id" (string or number) / 缺少 id';
  if (typeof o.text !== 'string' && typeof o.title !== 'string') return 'missing "text" / 缺少 text';
  const input: AnalyzeInput = { id: String(o.id), text: typeof o.text === 'string' ? o.text : '' };
  for (const k of ['title', 'published_at', 'source', 'url', 'author'] as const) if (typeof o[k] === 'string') input[k] = o[k];
  const engagement = engagementOf(o.engagement);
  return engagement ? { input, engagement } : { input };
}

function write(out: NodeJS.WritableStream, s: string): Promise<void> | null {
  if (out.write(s)) return null;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

/** Collects output text and writes it in pieces of about the stream's own buffer size, waiting for 'drain'. */
class Output {
  private buf = '';
  private readonly limit: number;

  constructor(private readonly out: NodeJS.WritableStream) {
    const hwm = (out as { writableHighWaterMark?: number }).writableHighWaterMark;
    this.limit = typeof hwm === 'number' && hwm > 0 ? hwm : 16384;
  }

  async add(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= this.limit) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buf) return;
    const s = this.buf;
    this.buf = '';
    const wait = write(this.out, s);
    if (wait) await wait;
  }
}

/** Posts analysed together (a batch never waits for more input: what has arrived is analysed at once). */
const BATCH = 64;

async function run(analyzer: Analyzer, source: NodeJS.ReadableStream, io: AnalyzeIO, events: EventStream | null): Promise<{ lines: number; skipped: number }> {
  const decoder = new StringDecoder('utf8');
  const out = new Output(io.stdout);
  let pending = '';
  let lineNo = 0;
  let skipped = 0;
  // Lines are parsed as they arrive and analysed in batches (stage by stage, see Analyzer.analyzeBatch).
  let batch: ParsedLine[] = [];
  const flushBatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const parsed = batch;
    batch = [];
    const details = analyzer.analyzeBatch(parsed.map((p) => p.input));
    for (let i = 0; i < parsed.length; i++) {
      const detail = details[i]!;
      if (!events) {
        await out.add(JSON.stringify(detail.result) + '\n');
        continue;
      }
      const { input, engagement } = parsed[i]!;
      for (const l of events.push(detail, input.published_at, input.source, engagement, JSON.stringify(detail.result))) await out.add(l);
    }
  };
  const handle = async (raw: string): Promise<void> => {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      skipped++;
      io.stderr.write(`line ${lineNo}: not valid JSON (${(err as Error).message}); skipped / 第 ${lineNo} 行不是有效 JSON，已跳过\n`);
      return;
    }
    const parsed = toInput(value);
    if (typeof parsed === 'string') {
      skipped++;
      io.stderr.write(`line ${lineNo}: ${parsed}; skipped / 第 ${lineNo} 行已跳过\n`);
      return;
    }
    batch.push(parsed);
    if (batch.length >= BATCH) await flushBatch();
  };
  for await (const chunk of source) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let nl = pending.indexOf('\n');
    if (nl < 0) continue;
    let start = 0;
    while (nl >= 0) {
      await handle(pending.slice(start, nl));
      start = nl + 1;
      nl = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    await flushBatch();
    await out.flush();
  }
  pending += decoder.end();
  if (pending.length > 0) await handle(pending);
  await flushBatch();
  if (events) for (const l of events.finish()) await out.add(l);
  await out.flush();
  return { lines: lineNo, skipped };
}

function openEventsOut(file: string): Promise<WriteStream> {
  const stream = createWriteStream(file);
  return new Promise((resolve, reject) => {
    stream.once('open', () => {
      // a later write error (disk full…) is reported when the file is closed, not thrown from the stream
      stream.on('error', (e) => (writeErrors.get(stream) ?? writeErrors.set(stream, []).get(stream)!).push(e));
      resolve(stream);
    });
    stream.once('error', (e) => reject(new CommandError(`cannot write ${file}: ${e.message} / 无法写入事件文件`)));
  });
}

const writeErrors = new WeakMap<WriteStream, Error[]>();

function closeStream(stream: WriteStream, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.end(() => {
      const errs = writeErrors.get(stream);
      if (errs && errs.length > 0) reject(new CommandError(`cannot write ${file}: ${errs[0]!.message} / 写入事件文件失败`));
      else resolve();
    });
  });
}

export async function analyzeCommand(argv: string[], io: AnalyzeIO): Promise<number> {
  let values: { input?: string; plan?: string; dict?: string; 'dedup-window'?: string; events?: boolean; 'events-out'?: string; 'events-window'?: string; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: {
        input: { type: 'string' },
        plan: { type: 'string' },
        dict: { type: 'string' },
        'dedup-window': { type: 'string' },
        events: { type: 'boolean' },
        'events-out': { type: 'string' },
        'events-window': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }).values;
  } catch (err) {
    io.stderr.write(`tingfeng analyze: ${(err as Error).message}\nRun tingfeng analyze --help for usage.\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  try {
    const window = values['dedup-window'] === undefined ? undefined : Number(values['dedup-window']);
    if (window !== undefined && (!Number.isInteger(window) || window < 1 || window > 50_000_000)) {
      throw new CommandError('--dedup-window must be a whole number between 1 and 50000000 / --dedup-window 应为 1 到 50000000 的整数');
    }
    const eventsWindow = values['events-window'] === undefined ? 10_000 : Number(values['events-window']);
    if (!Number.isInteger(eventsWindow) || eventsWindow < 1 || eventsWindow > 10_000_000) {
      throw new CommandError('--events-window must be a whole number between 1 and 10000000 / --events-window 应为 1 到 10000000 的整数');
    }
    const withEvents = values.events === true || values['events-out'] !== undefined;
    const plans = values.plan ? readPlans(values.plan) : [];
    const gazetteer = values.dict ? readGazetteer(values.dict) : undefined;
    const analyzer = createAnalyzer({ plans, ...(gazetteer ? { gazetteer } : {}), ...(window ? { dedupWindow: window } : {}) });
    if (analyzer.planErrors.length > 0) {
      for (const e of analyzer.planErrors) io.stderr.write(`plan "${e.name}", column ${e.error.column}: ${e.error.message} (${e.error.code})\n`);
      return 2;
    }
    let source: NodeJS.ReadableStream = io.stdin;
    if (values.input) {
      const file = values.input;
      const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', (e) => reject(new CommandError(`cannot read ${file}: ${e.message} / 无法读取输入文件`)));
      });
      source = stream;
    }
    const eventsOut = values['events-out'] ? await openEventsOut(values['events-out']) : null;
    const events = withEvents
      ? new EventStream({ window: eventsWindow, now: new Date(), ...(eventsOut ? { onEvent: (l: string) => void eventsOut.write(l + '\n') } : {}) })
      : null;
    try {
      const { skipped } = await run(analyzer, source, io, events);
      if (events && eventsOut) for (const l of events.activeEventLines()) eventsOut.write(l + '\n');
      return skipped > 0 ? 1 : 0;
    } finally {
      if (eventsOut) await closeStream(eventsOut, values['events-out']!);
    }
  } catch (err) {
    if (err instanceof CommandError) {
      io.stderr.write(`tingfeng analyze: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
