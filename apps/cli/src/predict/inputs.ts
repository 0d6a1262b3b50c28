import { extname } from 'node:path';
import { readFileSync } from 'node:fs';
import { readTextFile } from '../datasets/csv.js';
import { csvNumber, escapeName, parseCsv, selectColumns, type CsvOptions } from '../datasets/csv-parse.js';
import { encodeText, MOBY_VOCABULARY, normalizeText } from '../datasets/moby-dick.js';
import { CliError, UsageError } from '../errors.js';
import { fsTry } from '../fs-errors.js';
import { checkPixelBudget, DEFAULT_MAX_PIXELS } from './image-header.js';
import type { ModelInfo } from '../run-dir/model-dir.js';
import { type Rgba, decodeImage, plane, resizeArea } from './image-pixels.js';

/** Samples to predict on, flat: `n × width` numbers, in the model's input layout (before standardisation). */
export interface PredictInput {
  readonly x: Float32Array;
  readonly n: number;
}

function width(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** How to read a CSV `--input`: `--no-header`, `--delimiter`, and where to report columns that are not used. */
export interface CsvInputOptions extends CsvOptions {
  readonly note?: (line: string) => void;
}

/**
 * CSV: the model's feature columns matched by header name when the sidecar lists them, in any order (a missing
 * one is an error; other columns, such as the target, are ignored with a note), otherwise every column by
 * position. A file without a header row needs `header: false` (`--no-header`); its columns are taken by position.
 */
export function readCsvInput(
  path: string,
  inputShape: readonly number[],
  info: ModelInfo | undefined,
  options: CsvInputOptions = {},
): PredictInput {
  const table = parseCsv(readTextFile(path, 'input file'), path, options);
  const w = width(inputShape);
  const target = info?.config.dataset.target;
  const { columns, extra } = selectColumns(table, info?.featureNames, w, target === undefined ? [] : [target]);
  if (extra.length > 0)
    options.note?.(
      `note: ${path}: ignoring column${extra.length > 1 ? 's' : ''} ${extra.map(escapeName).join(', ')} (not a model input)`,
    );
  const x = new Float32Array(table.rows.length * w);
  table.rows.forEach((row, i) =>
    columns.forEach((j, k) => (x[i * w + k] = csvNumber(row.fields[j]!, path, row.line, j + 1, table.header[j]!))),
  );
  return { x, n: table.rows.length };
}

function flattenNumbers(value: unknown, out: number[], path: string, where: string): void {
  if (Array.isArray(value)) for (const v of value) flattenNumbers(v, out, path, where);
  else if (typeof value === 'number' && Number.isFinite(value)) out.push(value);
  else throw new CliError(`${path}: ${where} holds ${JSON.stringify(value)}, expected numbers`);
}

/** The last `seqLen` tokens of a text, left-padded with spaces when shorter. */
function textWindow(text: string, seqLen: number): number[] {
  const tokens = Array.from(encodeText(normalizeText(text)));
  const pad = Array.from({ length: Math.max(0, seqLen - tokens.length) }, () => MOBY_VOCABULARY.indexOf(' '));
  return [...pad, ...tokens].slice(-seqLen);
}

/**
 * JSON: one sample (a flat or nested array of numbers), a list of samples, `{ "instances": [...] }`, or — for a
 * character model — a string or a list of strings.
 */
export function readJsonInput(path: string, inputShape: readonly number[], info: ModelInfo | undefined): PredictInput {
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(path, 'input file'));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data) && 'instances' in data)
    data = (data as { instances: unknown }).instances;
  const w = width(inputShape);
  const isText =
    typeof data === 'string' || (Array.isArray(data) && data.length > 0 && data.every((d) => typeof d === 'string'));
  if (isText) {
    if (info?.vocabulary === undefined)
      throw new CliError(`${path}: holds text, but the model was not trained on a character dataset`);
    const texts = typeof data === 'string' ? [data] : (data as string[]);
    return { x: Float32Array.from(texts.flatMap((t) => textWindow(t, w))), n: texts.length };
  }
  if (!Array.isArray(data) || data.length === 0)
    throw new CliError(
      `${path}: expected an array of numbers or of samples, received ${JSON.stringify(data)?.slice(0, 40)}`,
    );
  // A flat list of numbers is one sample; otherwise each element is a sample (flat or nested).
  const samples = data.every((d) => typeof d === 'number') ? [data] : data;
  const x: number[] = [];
  (samples as unknown[]).forEach((s, i) => {
    const flat: number[] = [];
    flattenNumbers(s, flat, path, `sample ${i + 1}`);
    if (flat.length !== w)
      throw new CliError(
        `${path}: sample ${i + 1} has ${flat.length} numbers, the model expects ${w} (shape [${inputShape.join(',')}])`,
      );
    x.push(...flat);
  });
  return { x: Float32Array.from(x), n: samples.length };
}

/**
 * A PNG image as one sample for an image model: converted to grey in [0, 1], resized by area averaging to the
 * model's height × width, and inverted when the background is light (MNIST digits are light on dark).
 */
export function readPngInput(
  path: string,
  inputShape: readonly number[],
  maxPixels = DEFAULT_MAX_PIXELS,
): PredictInput {
  const [h, w] =
    inputShape.length === 1
      ? [Math.round(Math.sqrt(inputShape[0]!)), Math.round(Math.sqrt(inputShape[0]!))]
      : [inputShape[0]!, inputShape[1]!];
  if (h * w * (inputShape[2] ?? 1) !== width(inputShape) || (inputShape[2] ?? 1) !== 1) {
    throw new UsageError(
      `${path}: a PNG input needs a model that takes square grey images; this one takes shape [${inputShape.join(',')}]`,
    );
  }
  const bytes = fsTry('read input file', path, () => readFileSync(path));
  // Checked on the header, before the decoder allocates width × height × 4 bytes.
  checkPixelBudget(path, bytes, maxPixels);
  let img: Rgba;
  try {
    img = decodeImage(bytes);
  } catch (error) {
    throw new CliError(`${path}: not a readable PNG image (${(error as Error).message})`);
  }
  const out = resizeArea(plane(img), img.width, img.height, w, h);
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  if (mean > 0.5) for (let i = 0; i < out.length; i++) out[i] = 1 - out[i]!;
  return { x: out, n: 1 };
}

/** Reads `--input` by its extension: .csv, .json or .png. */
export function readPredictInput(
  path: string,
  inputShape: readonly number[],
  info: ModelInfo | undefined,
  options: { readonly csv?: CsvInputOptions; readonly maxPixels?: number } = {},
): PredictInput {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return readCsvInput(path, inputShape, info, options.csv);
  if (ext === '.json') return readJsonInput(path, inputShape, info);
  if (ext === '.png') return readPngInput(path, inputShape, options.maxPixels);
  throw new UsageError(`--input ${path}: unsupported file type '${ext || '(none)'}'; expected .csv, .json or .png`);
}
