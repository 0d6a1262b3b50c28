import { readFileSync } from 'node:fs';
import { CliError, UsageError } from '../errors.js';
import { fsTry } from '../fs-errors.js';
import { parseDecimal } from '../numbers.js';
import { didYouMean } from '../suggest.js';
import { csvNumber, escapeName, parseCsv, selectColumns, type CsvTable } from './csv-parse.js';
import { csvInfo } from './csv-info.js';
import { finishDataset } from './finish.js';
import { SPLIT_SEED, TEST_FRACTION } from './package-files.js';
import type { Dataset, LoadOptions, Task } from './types.js';

/** Reads a file for a command, turning the operating system's error into one line that names the file. */
export function readTextFile(path: string, what: string): string {
  return fsTry(`read ${what}`, path, () => readFileSync(path, 'utf8'));
}

function classTargets(table: CsvTable, column: number): { y: Float32Array; classNames: string[] } {
  const classNames = [...new Set(table.rows.map((r) => r.fields[column]!))].sort();
  const index = new Map(classNames.map((c, i) => [c, i]));
  return { y: Float32Array.from(table.rows, (r) => index.get(r.fields[column]!)!), classNames };
}

/**
 * Loads the user's own CSV (`csv:<path>`): a header row, numeric feature columns, and the `target` column — class
 * labels (any strings) for classification, numbers for regression. `task` defaults to classification when a
 * target value is not a number, regression otherwise. With `features` (a saved model's columns) exactly those
 * columns are read, by name. The separator is `delimiter` or detected from the header line.
 *
 * @example
 * loadCsv('flowers.csv', { target: 'species', standardize: true });
 */
export function loadCsv(path: string, options: LoadOptions & { task?: Task }): Dataset {
  if (options.target === undefined)
    throw new UsageError(`csv:${path}: --target <column> is required for a CSV dataset`);
  const table = parseCsv(
    readTextFile(path, 'CSV file'),
    path,
    options.delimiter === undefined ? {} : { delimiter: options.delimiter },
  );
  const column = table.header.indexOf(options.target);
  if (column === -1) {
    throw new UsageError(
      `${path}: target column '${options.target}' does not exist${didYouMean(options.target, table.header)}; columns are: ${table.header.map(escapeName).join(', ')}`,
    );
  }
  let featureColumns = table.header.map((_, j) => j).filter((j) => j !== column);
  if (options.features !== undefined) {
    // A saved model's columns, matched by name: a file with the columns in another order still lines up.
    const { columns, extra } = selectColumns(table, options.features, options.features.length, [options.target]);
    if (extra.length > 0)
      throw new CliError(
        `${path}: unexpected column${extra.length > 1 ? 's' : ''} ${extra.map((e) => `'${escapeName(e)}'`).join(', ')}; the model was trained on the columns ${options.features.map(escapeName).join(', ')} and the target '${options.target}'`,
      );
    featureColumns = columns;
  }
  const features = featureColumns.map((j) => table.header[j]!);
  const x = new Float32Array(table.rows.length * features.length);
  table.rows.forEach((row, i) => {
    featureColumns.forEach((j, k) => {
      x[i * features.length + k] = csvNumber(row.fields[j]!, path, row.line, j + 1, table.header[j]!);
    });
  });
  const numericTarget = table.rows.every((r) => parseDecimal(r.fields[column]!) !== undefined);
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
