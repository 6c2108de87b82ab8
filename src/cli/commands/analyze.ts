/**
 * `tingfeng analyze`: JSON lines in (stdin or --input FILE), one analysis JSON line out per input, in input order.
 * Streams with fixed memory: input is pulled chunk by chunk, stdout backpressure is respected, and duplicate
 * detection remembers a fixed window of recent posts (--dedup-window).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { createAnalyzer, type AnalyzeInput, type Analyzer } from '../../analysis/analyze.ts';
import { Gazetteer } from '../../analysis/gazetteer.ts';
import { parseDictionaryFile } from '../../analysis/gazetteer-file.ts';
import type { PlanDefinition } from '../../analysis/plan/index.ts';
import { addUserWords } from '../../analysis/segment.ts';

export interface AnalyzeIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const HELP = `tingfeng analyze — analyse posts: sentiment, keywords, SimHash and duplicates, places and units, plans

Usage: tingfeng analyze [--input FILE] [--plan FILE] [--dict FILE] [--dedup-window N]

Reads JSON lines {"id", "text", "title"?, "published_at"?, "source"?, "url"?, "author"?} from stdin (or --input)
and writes one JSON line per input, in the same order:
  {"id", "sentiment": {"label", "score", "evidence"}, "keywords", "phrases", "simhash", "duplicate_of",
   "places", "units", "plans": [{"name", "hits"}], "hashtags"}
duplicate_of is the id of the earliest earlier input this one copies (reposts, copies with comments, edits), or null.

Options:
  --input FILE        read this file instead of stdin
  --plan FILE         monitoring plans: a YAML or JSON list of {name, expression}
                      expression: AND OR NOT ( ) "phrase" NEAR/n title: text: source: author: @places @units
                      (words side by side mean AND)
  --dict FILE         places, units and hot words: YAML/JSON {places, units, words} or jieba "word [freq] [tag]"
                      lines (tag ns = place, nt = unit)
  --dedup-window N    how many recent posts duplicate detection remembers (default 262144; memory ~0.3 KB each)
  --events            (reserved) group posts into events; --events-out FILE writes them
  --help              this text

A malformed line is reported on stderr with its line number and skipped; the rest is processed.
Exit codes: 0 all lines analysed, 1 some lines skipped, 2 usage or file errors (nothing analysed).

Examples:
  echo '{"id":"1","text":"城南路积水半个月没人管[怒]"}' | tingfeng analyze
  tingfeng analyze --input posts.jsonl --plan plans.yaml --dict county.yaml > analysed.jsonl
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

function toInput(v: unknown): AnalyzeInput | string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'expected a JSON object / 应为 JSON 对象';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return 'missing "id" (string or number) / 缺少 id';
  if (typeof o.text !== 'string' && typeof o.title !== 'string') return 'missing "text" / 缺少 text';
  const input: AnalyzeInput = { id: String(o.id), text: typeof o.text === 'string' ? o.text : '' };
  for (const k of ['title', 'published_at', 'source', 'url', 'author'] as const) if (typeof o[k] === 'string') input[k] = o[k];
  return input;
}

function write(out: NodeJS.WritableStream, s: string): Promise<void> | null {
  if (out.write(s)) return null;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

async function run(analyzer: Analyzer, source: NodeJS.ReadableStream, io: AnalyzeIO): Promise<{ lines: number; skipped: number }> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let lineNo = 0;
  let skipped = 0;
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
    const input = toInput(value);
    if (typeof input === 'string') {
      skipped++;
      io.stderr.write(`line ${lineNo}: ${input}; skipped / 第 ${lineNo} 行已跳过\n`);
      return;
    }
    const result = analyzer.analyze(input);
    // HOOK(events): the event tracker (src/analysis/events) consumes `input` + `result` here when --events is on.
    const wait = write(io.stdout, JSON.stringify(result) + '\n');
    if (wait) await wait;
  };
  for await (const chunk of source) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    let nl = pending.indexOf('\n');
    if (nl < 0) continue;
    let start = 0;
    while (nl >= 0) {
      await handle(pending.slice(start, nl));
      start = nl + 1;
      nl = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.end();
  if (pending.length > 0) await handle(pending);
  return { lines: lineNo, skipped };
}

export async function analyzeCommand(argv: string[], io: AnalyzeIO): Promise<number> {
  let values: { input?: string; plan?: string; dict?: string; 'dedup-window'?: string; events?: boolean; 'events-out'?: string; help?: boolean };
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
    if (values.events || values['events-out']) {
      // HOOK(events): wired by the lead once src/analysis/events is in; until then say so rather than ignore it.
      throw new CommandError('--events is not available in this build yet / 事件归并尚未接入');
    }
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
    const { skipped } = await run(analyzer, source, io);
    return skipped > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof CommandError) {
      io.stderr.write(`tingfeng analyze: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
