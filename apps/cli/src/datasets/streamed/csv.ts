import { statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { data } from '@rectify/rectify';
import { RectifyError, cast } from '@rectify/tensor';
import { CliError, UsageError } from '../../errors.js';
import { didYouMean } from '../../suggest.js';
import { csvInfo } from '../csv-info.js';
import type { LoadOptions, Task } from '../types.js';
import { rowPart } from './row-split.js';
import type { Batch, Part, StreamedData, TrainedOn } from './types.js';

/** Rows held in the shuffle buffer of a streamed training set: enough to mix neighbours, small next to the heap. */
export const SHUFFLE_BUFFER = 2048;
/** More distinct target values than this cannot be classes (and are not collected while scanning). */
const MAX_CLASSES = 10_000;

type Row = Readonly<Record<string, unknown>>;

/**
 * Whether `csv:<path>` is streamed rather than loaded whole: when the file is larger than a quarter of the V8
 * heap (it could not be loaded and trained on), or when RECTIFY_STREAM=1 asks for it.
 */
export function streamsCsv(path: string): boolean {
  if (process.env['RECTIFY_STREAM'] === '1') return true;
  try {
    return statSync(path).size > getHeapStatistics().heap_size_limit / 4;
  } catch {
    return false; // the whole-file loader reports the missing file
  }
}

/** Every row with its index, read afresh on each pass. */
function indexedRows(path: string, target: string): data.Dataset<[number, Row]> {
  const index = data.generator(function* () {
    for (let i = 0; ; i++) yield i;
  });
  return data.zip<[number, Row]>([index, data.csv(path, { columnConfigs: { [target]: { dtype: 'string' } } })]);
}

function featureValue(path: string, i: number, column: string, v: unknown): number {
  if (typeof v !== 'number')
    throw new CliError(
      `${path}: row ${i + 1}, column '${column}': ${v === undefined ? 'empty' : JSON.stringify(v)} is not a number`,
    );
  return v;
}

interface Scan {
  counts: Record<Part, number>;
  classes: Set<string>;
  numericTarget: boolean;
  mean: number[];
  std: number[];
}

/** One pass over the file: part sizes, the target's classes, and feature statistics of the training rows. */
async function scan(
  path: string,
  target: string,
  features: readonly string[],
  validationSplit: number,
  limit: number | undefined,
): Promise<Scan> {
  const counts = { train: 0, validation: 0, test: 0 };
  const classes = new Set<string>();
  let numericTarget = true;
  const sum = new Float64Array(features.length);
  const sumSq = new Float64Array(features.length);
  for await (const [i, row] of indexedRows(path, target)) {
    const part = rowPart(i, validationSplit);
    if (part === 'train' && limit !== undefined && counts.train >= limit) continue;
    counts[part]++;
    const t = row[target];
    if (typeof t !== 'string') throw new CliError(`${path}: row ${i + 1}: the target column '${target}' is empty`);
    if (numericTarget && !Number.isFinite(Number(t))) numericTarget = false;
    if (classes.size <= MAX_CLASSES) classes.add(t);
    features.forEach((f, k) => {
      const v = featureValue(path, i, f, row[f]);
      if (part === 'train') {
        sum[k] = sum[k]! + v;
        sumSq[k] = sumSq[k]! + v * v;
      }
    });
  }
  const n = Math.max(counts.train, 1);
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sumSq, (s, k) => Math.sqrt(Math.max(s / n - mean[k]! ** 2, 0)) || 1);
  return { counts, classes, numericTarget, mean, std };
}

/**
 * `csv:<path>` read as a stream: a scanning pass (columns, classes, part sizes, standardisation statistics), then
 * every epoch reads the file again through rf.data.csv, so a file far larger than the heap trains. Rows are
 * assigned to train / validation / test by `rowPart`.
 *
 * @example
 * const s = await openCsvStream('big.csv', { target: 'label' }, 0.1);
 * await model.fitDataset(s.batches('train', 32, 42), { epochs: 1 });
 */
export async function openCsvStream(
  path: string,
  options: LoadOptions & { task?: Task; trainedOn?: TrainedOn },
  validationSplit: number,
): Promise<StreamedData> {
  const target = options.target;
  if (target === undefined) throw new UsageError(`csv:${path}: --target <column> is required for a CSV dataset`);
  let header: string[];
  try {
    header = await data.csv(path).columnNames();
  } catch (error) {
    if (error instanceof RectifyError) throw new CliError(`cannot read CSV file ${path}: ${error.message}`);
    throw error;
  }
  if (!header.includes(target)) {
    throw new UsageError(
      `${path}: target column '${target}' does not exist${didYouMean(target, header)}; columns are: ${header.join(', ')}`,
    );
  }
  const trained = options.trainedOn;
  const features = trained?.featureNames ? [...trained.featureNames] : header.filter((c) => c !== target);
  const missing = features.filter((f) => !header.includes(f));
  if (missing.length > 0)
    throw new UsageError(
      `${path}: the model's input column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing; columns are: ${header.join(', ')}`,
    );
  const s = await scan(path, target, features, validationSplit, options.limit);
  const task = options.task ?? (s.numericTarget ? 'regression' : 'classification');
  if (task === 'sequence') throw new UsageError(`csv:${path}: task 'sequence' is not supported for CSV data`);
  if (task === 'classification' && s.classes.size > MAX_CLASSES)
    throw new UsageError(
      `csv:${path}: the target '${target}' has more than ${MAX_CLASSES} distinct values; use --task regression`,
    );
  const classNames =
    task !== 'classification' ? undefined : trained?.classNames ? [...trained.classNames] : [...s.classes].sort();
  const classIndex = new Map(classNames?.map((c, i) => [c, i]));
  const unknown = classNames ? [...s.classes].filter((c) => !classIndex.has(c)) : [];
  if (unknown.length > 0)
    throw new UsageError(
      `${path}: the target '${target}' holds ${unknown.map((c) => JSON.stringify(c)).join(', ')}, which the model does not know (its classes: ${classNames!.join(', ')})`,
    );
  // A saved model's statistics win over this file's: it must see its inputs scaled as in training.
  const stats = trained?.standardizer ?? (options.standardize === true ? { mean: s.mean, std: s.std } : undefined);
  const sample = ([i, row]: [number, Row]) => ({
    xs: features.map((f, k) => {
      const v = featureValue(path, i, f, row[f]);
      return stats ? (v - stats.mean[k]!) / stats.std[k]! : v;
    }),
    ys: classNames ? classIndex.get(row[target] as string)! : [Number(row[target])],
  });
  const empty = { x: new Float32Array(0), y: new Float32Array(0), n: 0 };
  return {
    info: {
      ...csvInfo(path, task, features, classNames),
      ...(stats && { standardizer: { mean: [...stats.mean], std: [...stats.std] } }),
      train: empty,
      test: empty,
    },
    counts: s.counts,
    batches(part, batchSize, seed, skip = 0) {
      let rows = indexedRows(path, target).filter(([i]) => rowPart(i, validationSplit) === part);
      if (part === 'train' && options.limit !== undefined) rows = rows.take(options.limit);
      let samples = rows.map(sample);
      if (part === 'train') samples = samples.shuffle(SHUFFLE_BUFFER, seed);
      if (skip > 0) samples = samples.skip(skip);
      return samples
        .batch(batchSize)
        .map(({ xs, ys }): Batch => ({ xs, ys: classNames ? cast(ys, 'int32') : ys }))
        .prefetch(2);
    },
  };
}
