/** `tingfeng import`: load posts from JSON lines, CSV or XLSX through the pipeline into the store. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildPipeline, type Pipeline } from '../../pipeline/runtime.ts';
import type { CollectedItem, SourceRef } from '../../pipeline/types.ts';
import { importSheet } from '../../sources/spreadsheet/spreadsheet.connector.ts';
import { columnMappingSchema, guessMapping } from '../../sources/spreadsheet/mapping.ts';
import { newId } from '../../store/ids.ts';
import type { Store } from '../../store/store.ts';
import { openContext } from '../context.ts';
import { UsageError, type CliIO } from '../io.ts';

export const IMPORT_HELP = `tingfeng import — load posts through the pipeline (analysis, events, search) into the store

Usage:
  tingfeng import FILE.jsonl [--source NAME]
  tingfeng import FILE.csv|FILE.xlsx [--source NAME] [--mapping '{"text":"诉求内容","published_at":"来电时间","key":"工单编号"}']

JSON lines: {"id"?, "title"?, "text", "url"?, "published_at"?, "author"?, "engagement"?} one per line.
CSV / XLSX: columns through --mapping (JSON), or guessed from the headers (标题, 内容/诉求内容, 时间, 工单编号…).
The same file imported twice adds nothing. A malformed line is reported with its line number and skipped.
Batches of 500 are stored in one transaction each; after a crash, run the same import again.

Examples:
  tingfeng import posts.jsonl --source 手工导入
  tingfeng import 12345-2026-11.xlsx --source 12345热线
`;

const Line = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  title: z.string().max(1000).optional().nullable(),
  text: z.string().min(1),
  url: z.string().max(2000).optional().nullable(),
  published_at: z.string().optional().nullable(),
  author: z.string().max(200).optional().nullable(),
  engagement: z.record(z.string(), z.number()).optional(),
});

async function importSource(store: Store, name: string, kind: string): Promise<SourceRef> {
  const existing = await store.repos.sources.byName(name);
  if (existing) return { id: existing.id, name: existing.name, weight: existing.weight, demo: existing.demo === 1 };
  const now = Date.now();
  const row = {
    id: newId('src', now), name, kind: 'manual', config: JSON.stringify({ kind: 'manual', description: `imported (${kind})` }), enabled: 1, interval_s: 86400,
    cron: null, weight: 1, retention_days: null, cursor: null, health: '{}', demo: 0, created_at: now, updated_at: now,
  };
  await store.tx(async (r) => {
    await r.sources.insert(row);
    await r.audit.append({ at: now, actorType: 'system', actorId: null, action: 'source.create', entity: 'source', entityId: row.id, after: { name, kind: 'manual', via: 'import' } });
  });
  return { id: row.id, name, weight: 1, demo: false };
}

export async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { source: { type: 'string' }, mapping: { type: 'string' }, 'batch-size': { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(IMPORT_HELP);
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new UsageError('give the FILE to import');
  const ext = extname(file).toLowerCase();
  if (!['.jsonl', '.ndjson', '.json', '.csv', '.xlsx'].includes(ext)) throw new UsageError(`unsupported file type ${ext}: use .jsonl, .csv or .xlsx`);
  const batchSize = Math.min(5000, Math.max(1, Number(values['batch-size'] ?? 500)));
  const ctx = await openContext({ overrides: { dataDir: values['data-dir'] } });
  const { store, config } = ctx;
  let pipeline: Pipeline | null = null;
  try {
    pipeline = await buildPipeline(store, { dataDir: config.dataDirAbs, analysisThread: config.analysisThread });
    const source = await importSource(store, values.source ?? `导入：${basename(file)}`, ext.slice(1));
    let stored = 0;
    let seen = 0;
    let bad = 0;
    // One batch is handed in while the previous one is tracked and stored (its analysis overlaps); a failed batch
    // fails the import (a re-run stores each item once).
    let inFlight: Promise<void> | null = null;
    const flush = async (batch: CollectedItem[]) => {
      if (!batch.length) return;
      const next = pipeline!.ingestor.ingest(source, batch, new Date()).then((r) => {
        stored += r.stored;
        seen += batch.length;
      });
      next.catch(() => undefined);
      if (inFlight) await inFlight;
      inFlight = next;
    };
    const drain = async () => {
      if (inFlight) await inFlight;
      inFlight = null;
    };
    if (ext === '.csv' || ext === '.xlsx') {
      const bytes = await readFile(file);
      const sheet = { name: basename(file), data: bytes };
      let mapping;
      if (values.mapping) {
        const m = columnMappingSchema.safeParse(JSON.parse(values.mapping));
        if (!m.success) throw new UsageError(`--mapping: ${m.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        mapping = m.data;
      } else {
        const { readTable } = await import('../../sources/spreadsheet/read-table.ts');
        mapping = guessMapping((await readTable(sheet)).headers);
        if (!mapping) throw new UsageError('could not guess which column is the text; give --mapping');
      }
      const res = await importSheet(sheet, mapping, { now: new Date(), timeZone: config.timezone, keyPrefix: source.name });
      for (const p of res.problems) io.stderr.write(`${file}: row ${p.row}: ${p.problem}\n`);
      bad += res.problems.length;
      const items: CollectedItem[] = res.items.map((i) => ({ url: i.url, title: i.title, text: i.text, published_at: i.published_at, author: i.author ?? null, ...(i.raw ? { raw: i.raw } : {}) }));
      for (let i = 0; i < items.length; i += batchSize) await flush(items.slice(i, i + batchSize));
      await drain();
    } else {
      const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      let n = 0;
      let batch: CollectedItem[] = [];
      for await (const raw of rl) {
        n++;
        const line = raw.trim();
        if (!line) continue;
        let parsed: z.infer<typeof Line>;
        try {
          const r = Line.safeParse(JSON.parse(line));
          if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '));
          parsed = r.data;
        } catch (e) {
          bad++;
          io.stderr.write(`${file}:${n}: skipped: ${(e as Error).message}\n`);
          continue;
        }
        const url = parsed.url ?? (parsed.id !== undefined ? `urn:tingfeng:import:${basename(file)}:${parsed.id}` : null);
        batch.push({
          url, title: parsed.title ?? null, text: parsed.text, published_at: parsed.published_at ?? null, author: parsed.author ?? null,
          ...(parsed.engagement ? { engagement: parsed.engagement } : {}),
          raw: { body: line, contentType: 'application/json', fetchedAt: new Date().toISOString(), sha256: createHash('sha256').update(line).digest('hex') },
        });
        if (batch.length >= batchSize) {
          await flush(batch);
          batch = [];
        }
      }
      await flush(batch);
      await drain();
    }
    await pipeline.ingestor.saveSnapshot();
    io.stdout.write(`imported ${file}: ${seen} items read, ${stored} new posts stored, ${seen - stored} already present${bad ? `, ${bad} skipped` : ''}\n`);
    return bad > 0 ? 1 : 0;
  } finally {
    await pipeline?.close();
    await store.close();
  }
}
