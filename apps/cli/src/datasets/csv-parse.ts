import { parse } from 'csv-parse/sync';
import { CliError } from '../errors.js';
import { parseDecimal } from '../numbers.js';

/** How to read a CSV file: its field separator (default: detected from the first line) and whether it has a header. */
export interface CsvOptions {
  readonly delimiter?: string;
  /** False for a file without a header row (`--no-header`): columns are then only numbered. */
  readonly header?: boolean;
}

/** A parsed CSV file: the header (or `column 1` … without one) and every non-empty data row with its line number. */
export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly hasHeader: boolean;
  /** `line` is the 1-based line on which the row ends (a quoted field may span lines). */
  readonly rows: ReadonlyArray<{ readonly line: number; readonly fields: readonly string[] }>;
}

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** The candidate separator that occurs most often in the first non-empty line; ',' when none does. */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r?\n/, 50).find((l) => l.trim() !== '') ?? '';
  let best: string = ',';
  let count = 0;
  for (const c of CANDIDATES) {
    const n = first.split(c).length - 1;
    if (n > count) [best, count] = [c, n];
  }
  return best;
}

/** A column name as it may appear in a one-line message: a quoted CSV field may hold a newline, shown as `\n`. */
export const escapeName = (s: string): string => JSON.stringify(s).slice(1, -1);

/** Field text for messages: quoted, escaped, long ones shortened. */
const shown = (s: string): string => `'${escapeName(s.length > 30 ? `${s.slice(0, 27)}...` : s)}'`;

/**
 * Parses CSV text with the maintained `csv-parse` library: quoted fields may hold separators, doubled quotes and
 * newlines; blank lines are skipped; a BOM is dropped. With a header (the default) its names must be distinct,
 * and a first row made only of numbers is refused as data mistaken for a header — the caller passes
 * `header: false` (`--no-header`) for such files. Every row must have as many fields as the first.
 *
 * @example
 * parseCsv('a;b\n1;"2\n3"\n', 'data.csv'); // { header: ['a', 'b'], rows: [{ line: 3, fields: ['1', '2\n3'] }], … }
 */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { code?: string; lines?: number };
    const reason =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'unterminated quoted field'
        : e.message.replace(/ at line \d+/, '').replace(/^[\w ]+: /, '');
    throw new CliError(`${file}${e.lines === undefined ? '' : `:${e.lines}`}: ${reason}`);
  }
  if (records.length === 0)
    throw new CliError(
      `${file}: the file is empty; expected ${options.header === false ? 'data rows' : 'a header row and data rows'}`,
    );
  const hasHeader = options.header !== false;
  const first = records[0]!.record;
  const header = hasHeader ? first : first.map((_, j) => `column ${j + 1}`);
  if (hasHeader) checkHeader(header, file);
  const rows = (hasHeader ? records.slice(1) : records).map(({ record, info }) => {
    if (record.length !== header.length) {
      throw new CliError(
        `${file}:${info.lines}: expected ${header.length} fields as in the ${hasHeader ? 'header' : 'first row'}, found ${record.length}`,
      );
    }
    return { line: info.lines, fields: record };
  });
  if (rows.length === 0) throw new CliError(`${file}: no data rows after the header`);
  return { file, header, hasHeader, rows };
}

function checkHeader(header: readonly string[], file: string): void {
  if (header.every((h) => parseDecimal(h) !== undefined)) {
    throw new CliError(
      `${file}: the first row (${header.slice(0, 4).join(', ')}${header.length > 4 ? ', …' : ''}) is all numbers, so it looks like data, not a header of column names; if the file has no header row, pass --no-header`,
    );
  }
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (name === '') throw new CliError(`${file}: column ${j + 1} of the header has no name`);
    const before = seen.get(name);
    if (before !== undefined)
      throw new CliError(
        `${file}: the header names column ${shown(name)} twice (columns ${before + 1} and ${j + 1}); column names must be distinct`,
      );
    seen.set(name, j);
  });
}

/**
 * The indices of `wanted` columns in `table`, matched by name — in the order of `wanted`, whatever the file's
 * order. A missing column is an error that names it; columns neither wanted nor in `ignorable` are returned in
 * `extra` for the caller to report. Without a header (or without names to match) columns are taken by position.
 *
 * @example
 * selectColumns(table, ['a', 'b'], []); // { columns: [1, 0], extra: ['c'] } for a header b,a,c
 */
export function selectColumns(
  table: CsvTable,
  wanted: readonly string[] | undefined,
  width: number,
  ignorable: readonly string[] = [],
): { columns: number[]; extra: string[] } {
  if (wanted === undefined || !table.hasHeader) {
    if (table.header.length !== width) {
      const expected =
        wanted === undefined ? `${width} columns` : `${width} columns (${wanted.map(escapeName).join(', ')})`;
      throw new CliError(`${table.file}: the model takes ${expected}; the file has ${table.header.length}`);
    }
    return { columns: table.header.map((_, j) => j), extra: [] };
  }
  const missing = wanted.filter((name) => !table.header.includes(name));
  const extra = table.header.filter((name) => !wanted.includes(name) && !ignorable.includes(name));
  if (missing.length > 0) {
    throw new CliError(
      `${table.file}: missing column${missing.length > 1 ? 's' : ''} ${missing.map(shown).join(', ')}; the model was trained on the columns ${wanted.map(escapeName).join(', ')}${extra.length > 0 ? `, and the file also has ${extra.map(shown).join(', ')}` : ''}`,
    );
  }
  return { columns: wanted.map((name) => table.header.indexOf(name)), extra };
}

/**
 * The number in a CSV field (plain decimal notation only), or a `CliError` naming file, line, column number and
 * column name.
 *
 * @example
 * csvNumber('2.5', 'data.csv', 3, 2, 'width'); // 2.5
 */
export function csvNumber(field: string, file: string, line: number, column: number, name: string): number {
  const value = parseDecimal(field);
  if (value === undefined) {
    throw new CliError(`${file}:${line}: column ${column} (${shown(name)}): expected a number, found ${shown(field)}`);
  }
  return value;
}
