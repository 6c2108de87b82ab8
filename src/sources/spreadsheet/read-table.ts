/** Reads a .xlsx or .csv file into a header row and data rows of cells (strings or dates). */
import ExcelJS from 'exceljs';
import { SourceError } from '../errors.ts';
import { decodeCsv, parseCsv } from './csv.ts';

export type Cell = string | Date;

export interface Table {
  headers: string[];
  rows: Cell[][];
}

export interface SheetFile {
  /** File name (its extension decides the format). */
  name: string;
  data: Uint8Array;
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text);
    if ('result' in v) return cellValue(v.result);
    if ('error' in v) return '';
  }
  return '';
}

async function readXlsx(data: Uint8Array, sheet?: string): Promise<Cell[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  } catch (e) {
    throw new SourceError(
      'TF_ERR_SOURCE_FILE',
      `not a readable .xlsx file (${(e as Error).message.slice(0, 100)}); save it again from Excel or WPS as .xlsx`,
      { cause: e },
    );
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws)
    throw new SourceError(
      'TF_ERR_SOURCE_FILE',
      sheet ? `the workbook has no sheet named "${sheet}"` : 'the workbook has no sheet',
    );
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c]));
    rows.push(cells);
  });
  return rows;
}

/** Reads the table; the first non-empty row holds the headers. */
export async function readTable(file: SheetFile, opts: { sheet?: string; encoding?: string } = {}): Promise<Table> {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  let all: Cell[][];
  if (ext === 'xlsx' || ext === 'xlsm') all = await readXlsx(file.data, opts.sheet);
  else if (ext === 'csv' || ext === 'txt' || ext === 'tsv')
    all = parseCsv(decodeCsv(file.data, opts.encoding), ext === 'tsv' ? '\t' : undefined);
  else
    throw new SourceError(
      'TF_ERR_SOURCE_FILE',
      `${file.name}: only .xlsx and .csv files can be imported (save .xls files as .xlsx first)`,
    );
  const nonEmpty = all.filter((r) => r.some((c) => (c instanceof Date ? true : c.trim() !== '')));
  const [head, ...rows] = nonEmpty;
  const headers = (head ?? []).map((c) => (c instanceof Date ? c.toISOString() : c.trim()));
  return { headers, rows };
}
