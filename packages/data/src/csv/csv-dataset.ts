import { ValueError } from '@rectify/tensor';
import { Dataset } from '../dataset.js';
import { DatasetError } from '../errors.js';
import { type ColumnConfig, type CsvValue, checkColumnConfig, fieldValue } from './column-config.js';
import { csvRecords } from './records.js';
import { type CsvSource, textChunks } from './text-source.js';

/** tf.data.csv's options. */
export interface CsvConfig {
  /** The first line holds the column names (default true). */
  hasHeader?: boolean;
  /** The column names, overriding the header (required when there is none). */
  columnNames?: readonly string[];
  /** Per-column options by name; a column with `isLabel` makes elements `{ xs, ys }`. */
  columnConfigs?: Readonly<Record<string, ColumnConfig>>;
  /** Read only the columns named in columnConfigs (default false). */
  configuredColumnsOnly?: boolean;
  /** The field separator (default ','). */
  delimiter?: string;
}

/** A CSV element: one value per column, or `{ xs, ys }` when some column is a label. */
export type CsvElement = Record<string, CsvValue> | { xs: Record<string, CsvValue>; ys: Record<string, CsvValue> };

const knownOptions = new Set(['hasHeader', 'columnNames', 'columnConfigs', 'configuredColumnsOnly', 'delimiter']);

function checkConfig(config: CsvConfig): Required<Pick<CsvConfig, 'hasHeader' | 'delimiter' | 'configuredColumnsOnly'>> & CsvConfig {
  for (const k of Object.keys(config)) {
    if (!knownOptions.has(k)) throw new ValueError(`csv: unknown option '${k}'; allowed options: ${[...knownOptions].join(', ')}`);
  }
  const delimiter = config.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1) throw new ValueError(`csv: delimiter must be one character, received ${JSON.stringify(delimiter)}`);
  for (const [name, c] of Object.entries(config.columnConfigs ?? {})) checkColumnConfig(name, c);
  if (config.configuredColumnsOnly && config.columnConfigs === undefined) throw new ValueError('csv: configuredColumnsOnly needs columnConfigs');
  return { ...config, hasHeader: config.hasHeader ?? true, delimiter, configuredColumnsOnly: config.configuredColumnsOnly ?? false };
}

function checkNames(names: readonly string[], config: CsvConfig): readonly string[] {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new ValueError(`csv: the column name '${n}' appears twice (columns: ${names.join(', ')})`);
    seen.add(n);
  }
  for (const key of Object.keys(config.columnConfigs ?? {})) {
    if (!seen.has(key)) throw new ValueError(`csv: columnConfigs names '${key}', which is not a column; columns are: ${names.join(', ')}`);
  }
  return names;
}

/**
 * A dataset of the rows of a CSV file, read as a stream (tf.data.csv): from a URL, from a file path under Node,
 * or from a `File`/`Blob` in the browser. Each pass reads the source again; memory holds about one 64 KiB chunk.
 * Numeric fields become numbers; with a label column, elements are `{ xs: {features}, ys: {labels} }`.
 * @example
 * const ds = rf.data.csv('data/housing.csv', { columnConfigs: { price: { isLabel: true } } })
 *   .map(({ xs, ys }) => ({ xs: Object.values(xs), ys: Object.values(ys) }))
 *   .batch(32);
 */
export class CSVDataset extends Dataset<CsvElement> {
  private readonly config: ReturnType<typeof checkConfig>;

  constructor(
    readonly source: CsvSource,
    config: CsvConfig = {},
  ) {
    const checked = checkConfig(config);
    if (!checked.hasHeader && checked.columnNames === undefined) throw new ValueError('csv: columnNames must be given when hasHeader is false');
    super(() => rows(source, checked), null);
    this.config = checked;
  }

  /** The column names: the configured ones, or the header line (read from the source). @example
   * const { writeFileSync } = await import('node:fs');
   * writeFileSync('points.csv', 'x,y,label\n1,2,0\n3,4,1\n');
   * await rf.data.csv('points.csv').columnNames(); // → ['x', 'y', 'label']
   */
  async columnNames(): Promise<string[]> {
    if (this.config.columnNames) return [...checkNames(this.config.columnNames, this.config)];
    const records = csvRecords(textChunks(this.source), this.config.delimiter);
    try {
      const first = await records.next();
      if (first.done) throw new ValueError('csv: the file is empty: no header line');
      return [...checkNames(first.value, this.config)];
    } finally {
      await records.return(undefined);
    }
  }
}

async function* rows(source: CsvSource, config: ReturnType<typeof checkConfig>): AsyncGenerator<CsvElement> {
  let names: readonly string[] | undefined = config.columnNames ? checkNames(config.columnNames, config) : undefined;
  let skipHeader = config.hasHeader;
  const configs = config.columnConfigs ?? {};
  const labelled = Object.values(configs).some((c) => c.isLabel);
  let index = 0;
  for await (const fields of csvRecords(textChunks(source), config.delimiter)) {
    if (skipHeader) {
      skipHeader = false;
      names ??= checkNames(fields, config);
      continue;
    }
    const columns = names!;
    if (fields.length !== columns.length) {
      throw new DatasetError(`csv: row ${index} has ${fields.length} fields but there are ${columns.length} columns (${columns.join(', ')}): ${fields.join(config.delimiter)}`, 'csv', index);
    }
    const xs: Record<string, CsvValue> = {};
    const ys: Record<string, CsvValue> = {};
    for (let i = 0; i < columns.length; i++) {
      const name = columns[i]!;
      const c = configs[name];
      if (config.configuredColumnsOnly && c === undefined) continue;
      let value: CsvValue;
      try {
        value = fieldValue(fields[i]!, name, c);
      } catch (error) {
        throw new DatasetError(`csv: row ${index}: ${(error as Error).message}: ${fields.join(config.delimiter)}`, 'csv', index, { cause: error });
      }
      (c?.isLabel ? ys : xs)[name] = value;
    }
    index++;
    yield labelled ? { xs, ys } : xs;
  }
}

/**
 * Reads a CSV file, URL or File/Blob as a stream of rows (tf.data.csv). See {@link CSVDataset}.
 * @example
 * const { writeFileSync } = await import('node:fs');
 * writeFileSync('points.csv', 'x,y,label\n1,2,0\n3,4,1\n');
 * const ds = rf.data.csv('points.csv', { columnConfigs: { label: { isLabel: true } } });
 * await ds.take(1).toArray(); // → [{ xs: { x: 1, y: 2 }, ys: { label: 0 } }]
 */
export function csv(source: CsvSource, config: CsvConfig = {}): CSVDataset {
  return new CSVDataset(source, config);
}
