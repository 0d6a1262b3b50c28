import { CliError } from '../errors.js';

/** A parsed CSV file: the header and every non-empty data row with its 1-based line number. */
export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<{ readonly line: number; readonly fields: readonly string[] }>;
}

/** Splits one line into fields; double-quoted fields may contain commas and doubled quotes (`""`). */
function splitLine(text: string, file: string, line: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new CliError(`${file}:${line}: unterminated quoted field`);
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
      if (i < text.length && text[i] !== ',') throw new CliError(`${file}:${line}: unexpected text after a quoted field`);
    } else {
      const end = text.indexOf(',', i);
      field = end === -1 ? text.slice(i) : text.slice(i, end);
      i = end === -1 ? text.length : end;
    }
    fields.push(field.trim());
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

/**
 * Parses CSV text with a header row. Every data row must have as many fields as the header; the error names the
 * file and line. Blank lines are skipped.
 *
 * @example
 * parseCsv('a,b\n1,2\n', 'data.csv'); // { header: ['a', 'b'], rows: [{ line: 2, fields: ['1', '2'] }] }
 */
export function parseCsv(text: string, file: string): CsvTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex === -1) throw new CliError(`${file}: the file is empty; expected a header row and data rows`);
  const header = splitLine(lines[headerIndex]!, file, headerIndex + 1);
  const rows: Array<{ line: number; fields: string[] }> = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const fields = splitLine(lines[i]!, file, i + 1);
    if (fields.length !== header.length) {
      throw new CliError(`${file}:${i + 1}: expected ${header.length} fields as in the header, found ${fields.length}`);
    }
    rows.push({ line: i + 1, fields });
  }
  if (rows.length === 0) throw new CliError(`${file}: no data rows after the header`);
  return { file, header, rows };
}

/**
 * The number in a CSV field, or a `CliError` naming file, line, column number and column name.
 *
 * @example
 * csvNumber('2.5', 'data.csv', 3, 2, 'width'); // 2.5
 */
export function csvNumber(field: string, file: string, line: number, column: number, name: string): number {
  const value = field === '' ? NaN : Number(field);
  if (!Number.isFinite(value)) {
    throw new CliError(`${file}:${line}: column ${column} ('${name}'): expected a number, found '${field}'`);
  }
  return value;
}
