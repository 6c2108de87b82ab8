/**
 * `spreadsheet`: imports .xlsx / .csv files (12345 hotline exports, mailbox letters, manual lists) through a column
 * mapping. `preview` shows the detected headers, the first rows and the items they would give. Importing the same
 * file twice adds nothing: the cursor remembers file hashes, and every row has a stable identity (key column or
 * row hash) so the store's unique key absorbs re-imports of edited files.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../canonical-url.ts';
import { boundedSeen, commonConfigShape, evidence, type Connector, type RawItem } from '../connector.ts';
import { SourceError } from '../errors.ts';
import {
  columnMappingSchema,
  guessMapping,
  missingColumns,
  rowRecord,
  rowToItem,
  type ColumnMapping,
} from './mapping.ts';
import { readTable, type SheetFile } from './read-table.ts';

export const spreadsheetConfigSchema = z
  .object({
    ...commonConfigShape,
    path: z.string().min(1).max(1000).describe('服务器上的 .xlsx / .csv 文件路径'),
    sheet: z.string().max(200).optional().describe('工作表名（默认第一个）'),
    encoding: z.string().max(40).optional().describe('CSV 编码（默认自动识别 UTF-8 / GBK）'),
    key_prefix: z.string().max(100).optional().describe('编号前缀，区分不同来源的同号工单'),
    mapping: columnMappingSchema,
  })
  .strict();

export type SpreadsheetConfig = z.infer<typeof spreadsheetConfigSchema>;

export interface SpreadsheetCursor {
  /** SHA-256 of files already imported. */
  files: string[];
}

export interface ImportResult {
  headers: string[];
  items: RawItem[];
  problems: Array<{ row: number; problem: string }>;
}

/** Converts every data row of a file into items (row numbers in problems count the header as row 1). */
export async function importSheet(
  file: SheetFile,
  mapping: ColumnMapping,
  ctx: { now: Date; timeZone: string; keyPrefix?: string; sheet?: string; encoding?: string; limit?: number },
): Promise<ImportResult> {
  const table = await readTable(file, {
    ...(ctx.sheet ? { sheet: ctx.sheet } : {}),
    ...(ctx.encoding ? { encoding: ctx.encoding } : {}),
  });
  const missing = missingColumns(table.headers, mapping);
  if (missing.length > 0) {
    throw new SourceError(
      'TF_ERR_SOURCE_CONFIG',
      `${file.name}: the mapping names column(s) ${missing.join(', ')} that the file does not have; its headers are: ${table.headers.join(', ')}`,
    );
  }
  const keyPrefix = ctx.keyPrefix ?? (typeof mapping.key === 'string' ? mapping.key : 'key');
  const items: RawItem[] = [];
  const problems: ImportResult['problems'] = [];
  const rows = ctx.limit ? table.rows.slice(0, ctx.limit) : table.rows;
  rows.forEach((row, i) => {
    const r = rowToItem(table.headers, row, mapping, {
      now: ctx.now,
      timeZone: ctx.timeZone,
      keyPrefix,
      fetchedAt: ctx.now,
    });
    if ('problem' in r) problems.push({ row: i + 2, problem: r.problem });
    else
      items.push({ ...r, raw: evidence(JSON.stringify(rowRecord(table.headers, row)), ctx.now, 'application/json') });
  });
  return { headers: table.headers, items, problems };
}

export interface SheetPreview {
  headers: string[];
  rows: Array<Record<string, string>>;
  /** The mapping given, or one guessed from the header names. */
  mapping: ColumnMapping | null;
  items: RawItem[];
  problems: Array<{ row: number; problem: string }>;
  total_rows: number;
}

/** The first rows of a file, its detected headers and (with a usable mapping) the items they give. */
export async function preview(
  file: SheetFile,
  mapping: ColumnMapping | null | undefined,
  ctx: { now: Date; timeZone?: string; rows?: number; sheet?: string; encoding?: string },
): Promise<SheetPreview> {
  const n = ctx.rows ?? 10;
  const table = await readTable(file, {
    ...(ctx.sheet ? { sheet: ctx.sheet } : {}),
    ...(ctx.encoding ? { encoding: ctx.encoding } : {}),
  });
  const used = mapping ?? guessMapping(table.headers);
  const out: SheetPreview = {
    headers: table.headers,
    rows: table.rows.slice(0, n).map((r) => rowRecord(table.headers, r)),
    mapping: used,
    items: [],
    problems: [],
    total_rows: table.rows.length,
  };
  if (used && missingColumns(table.headers, used).length === 0) {
    const r = await importSheet(file, used, {
      now: ctx.now,
      timeZone: ctx.timeZone ?? 'Asia/Shanghai',
      limit: n,
      ...(ctx.sheet ? { sheet: ctx.sheet } : {}),
      ...(ctx.encoding ? { encoding: ctx.encoding } : {}),
    });
    out.items = r.items;
    out.problems = r.problems;
  } else if (used) {
    out.problems.push({ row: 1, problem: `missing column(s): ${missingColumns(table.headers, used).join(', ')}` });
  }
  return out;
}

export const spreadsheetConnector: Connector<SpreadsheetConfig, SpreadsheetCursor> = {
  kind: 'spreadsheet',
  title: '表格导入',
  description: '导入 .xlsx / .csv（12345 工单、信箱来信、人工清单），按列映射',
  configSchema: spreadsheetConfigSchema,
  async poll(ctx, cursor) {
    const cfg = ctx.config;
    let data: Buffer;
    try {
      data = await readFile(cfg.path);
    } catch (e) {
      throw new SourceError(
        'TF_ERR_SOURCE_FILE',
        `cannot read ${cfg.path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}; check the file path`,
        { cause: e },
      );
    }
    const hash = sha256Hex(data);
    const files = cursor?.files ?? [];
    if (files.includes(hash)) return { items: [], nextCursor: { files } };
    const r = await importSheet({ name: basename(cfg.path), data }, cfg.mapping, {
      now: ctx.now,
      timeZone: ctx.timeZone,
      ...(cfg.key_prefix ? { keyPrefix: cfg.key_prefix } : {}),
      ...(cfg.sheet ? { sheet: cfg.sheet } : {}),
      ...(cfg.encoding ? { encoding: cfg.encoding } : {}),
    });
    for (const p of r.problems.slice(0, 20)) ctx.logger.warn({ file: cfg.path, ...p }, 'spreadsheet: row skipped');
    return { items: r.items, nextCursor: { files: boundedSeen(files, [hash], 200) } };
  },
};
