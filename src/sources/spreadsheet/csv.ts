/**
 * CSV per RFC 4180: quoted fields with doubled quotes, line breaks inside quotes, CRLF or LF. The delimiter
 * (comma, semicolon or tab) is guessed from the first line. The bytes are decoded with a BOM, else strict UTF-8,
 * else GB18030 (Excel in China saves CSV as GBK).
 */
import { decodeBody } from '../fetch/charset.ts';

export function decodeCsv(bytes: Uint8Array, encoding?: string): string {
  return decodeBody(bytes, encoding ? `text/csv; charset=${encoding}` : undefined).text;
}

function guessDelimiter(text: string): string {
  let firstLine = '';
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if ((ch === '\n' || ch === '\r') && !inQuotes) break;
    firstLine += ch;
  }
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

/** Parses CSV text into rows of fields. Empty lines are skipped. Never throws. */
export function parseCsv(text: string, delimiter?: string): string[][] {
  const d = delimiter ?? guessDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false;
  const endRow = (): void => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === d) {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (field !== '' || row.length > 0 || fieldStarted) endRow();
  return rows;
}
