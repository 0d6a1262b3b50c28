import { readFileSync } from 'node:fs';
import { CliError, UsageError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { csvNumber, parseCsv, type CsvTable } from './csv-parse.js';
import { csvInfo } from './csv-info.js';
import { finishDataset } from './finish.js';
import { SPLIT_SEED, TEST_FRACTION } from './package-files.js';
import type { Dataset, LoadOptions, Task } from './types.js';

/** Reads a file for a command, turning the operating system's error into one line that names the file. */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    throw new CliError(`cannot read ${what} ${path}: ${reason}`);
  }
}

function classTargets(table: CsvTable, column: number): { y: Float32Array; classNames: string[] } {
  const classNames = [...new Set(table.rows.map((r) => r.fields[column]!))].sort();
  const index = new Map(classNames.map((c, i) => [c, i]));
  return { y: Float32Array.from(table.rows, (r) => index.get(r.fields[column]!)!), classNames };
}

/**
 * Loads the user's own CSV (`csv:<path>`): a header row, numeric feature columns, and the `target` column — class
 * labels (any strings) for classification, numbers for regression. `task` defaults to classification when a
 * target value is not a number, regression otherwise.
 *
 * @example
 * loadCsv('flowers.csv', { target: 'species', standardize: true });
 */
export function loadCsv(path: string, options: LoadOptions & { task?: Task }): Dataset {
  if (options.target === undefined) throw new UsageError(`csv:${path}: --target <column> is required for a CSV dataset`);
  const table = parseCsv(readTextFile(path, 'CSV file'), path);
  const column = table.header.indexOf(options.target);
  if (column === -1) {
    throw new UsageError(
      `${path}: target column '${options.target}' does not exist${didYouMean(options.target, table.header)}; columns are: ${table.header.join(', ')}`,
    );
  }
  const features = table.header.filter((_, j) => j !== column);
  const featureColumns = table.header.map((_, j) => j).filter((j) => j !== column);
  const x = new Float32Array(table.rows.length * features.length);
  table.rows.forEach((row, i) => {
    featureColumns.forEach((j, k) => {
      x[i * features.length + k] = csvNumber(row.fields[j]!, path, row.line, j + 1, table.header[j]!);
    });
  });
  const numericTarget = table.rows.every((r) => r.fields[column] !== '' && Number.isFinite(Number(r.fields[column])));
  const task = options.task ?? (numericTarget ? 'regression' : 'classification');
  if (task === 'sequence') throw new UsageError(`csv:${path}: task 'sequence' is not supported for CSV data`);
  let y: Float32Array;
  let classNames: string[] | undefined;
  if (task === 'classification') {
    ({ y, classNames } = classTargets(table, column));
  } else {
    y = Float32Array.from(table.rows, (r) => csvNumber(r.fields[column]!, path, r.line, column + 1, options.target!));
  }
  return finishDataset(
    csvInfo(path, task, features, classNames),
    { all: { x, y, n: table.rows.length }, testFraction: TEST_FRACTION, splitSeed: SPLIT_SEED },
    options,
  );
}
