import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { data, type LayersModel } from '@rectify/rectify';
import { RectifyError, reshape, type Tensor } from '@rectify/tensor';
import { streamsCsv } from '../datasets/streamed/csv.js';
import { IMAGES_PREFIX, readImage } from '../datasets/streamed/images.js';
import { CliError, UsageError } from '../errors.js';
import type { ModelInfo } from '../run-dir/model-dir.js';
import { checkFinite, predictionLine, toPredictions } from './predictions.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
/** Samples per forward pass, and so the most held in memory at once. */
const BATCH = 256;

/**
 * Whether `--input` is read as a stream: `images:<dir>`, `csv:<path>`, or a .csv file too large for the heap (or
 * any .csv under RECTIFY_STREAM=1), as `--dataset` decides for training.
 *
 * @example
 * streamsInput('images:photos'); // true
 */
export function streamsInput(input: string): boolean {
  if (input.startsWith(IMAGES_PREFIX) || input.startsWith('csv:')) return true;
  return extname(input).toLowerCase() === '.csv' && streamsCsv(input);
}

/** The image files of a folder and of its sub-folders (one level, as an `images:` training folder), by name. */
function imageFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    throw new CliError(`images:${dir}: cannot read the directory`);
  }
  const files: string[] = [];
  for (const e of entries) {
    const path = join(dir, e);
    if (statSync(path).isDirectory()) {
      for (const f of readdirSync(path).sort())
        if (IMAGE_EXTENSIONS.has(extname(f).toLowerCase())) files.push(join(path, f));
    } else if (IMAGE_EXTENSIONS.has(extname(e).toLowerCase())) files.push(path);
  }
  if (files.length === 0) throw new UsageError(`images:${dir}: no .png, .jpg or .jpeg files in it or its sub-folders`);
  return files;
}

/** Every image of the folder as the model's `[h, w, c]` input, decoded a few files at a time. */
function imageBatches(dir: string, inputShape: readonly number[]): { names: string[]; batches: data.Dataset<Tensor> } {
  const [h, w, c] = inputShape;
  if (inputShape.length !== 3 || (c !== 1 && c !== 3))
    throw new UsageError(
      `--input images:${dir}: needs a model that takes images [height, width, 1 or 3]; this one takes [${inputShape.join(',')}]`,
    );
  const names = imageFiles(dir);
  const batches = data
    .array(names)
    .map((path) => readImage(path, h!, w!, c), { parallel: 4 })
    .batch(BATCH)
    .map((x) => reshape(x, [x.shape[0]!, h!, w!, c]));
  return { names, batches };
}

/** The model's input columns of a CSV (by name when the model knows them), standardised as in training. */
async function csvBatches(
  path: string,
  inputShape: readonly number[],
  info: ModelInfo | undefined,
  delimiter: string | undefined,
): Promise<data.Dataset<Tensor>> {
  const source = data.csv(path, { ...(delimiter !== undefined && { delimiter }) });
  let header: string[];
  try {
    header = await source.columnNames();
  } catch (error) {
    if (error instanceof RectifyError) throw new CliError(`cannot read CSV file ${path}: ${error.message}`);
    throw error;
  }
  const target = info?.config.dataset.target;
  const features = info?.featureNames ? [...info.featureNames] : header.filter((h) => h !== target);
  const missing = features.filter((f) => !header.includes(f));
  if (missing.length > 0) throw new CliError(`${path}: the model's input column(s) ${missing.join(', ')} are missing`);
  const width = inputShape.reduce((a, b) => a * b, 1);
  if (features.length !== width)
    throw new CliError(`${path}: ${features.length} input columns, but the model expects ${width} numbers per sample`);
  const s = info?.standardizer;
  let row = 0;
  return source
    .map((r) => {
      row++;
      return features.map((f, k) => {
        const v = (r as Record<string, unknown>)[f];
        if (typeof v !== 'number')
          throw new CliError(
            `${path}: row ${row}, column '${f}': ${v === undefined ? 'empty' : JSON.stringify(v)} is not a number`,
          );
        return s ? (v - s.mean[k]!) / s.std[k]! : v;
      });
    })
    .batch(BATCH)
    .map((x) => reshape(x, [x.shape[0]!, ...inputShape]));
}

/**
 * `rectify predict` on an input read as a stream: batches of 256 samples go through the model and their
 * predictions are written as they come (`--json` writes one `{"predictions": [...]}` object piece by piece), so
 * neither the input nor the output is ever in memory whole. Image predictions name their file.
 */
export async function predictStreamed(
  model: LayersModel,
  info: ModelInfo | undefined,
  dir: string,
  inputShape: readonly number[],
  o: { input: string; header: boolean; delimiter?: string; top: number; json?: boolean },
  write: (text: string) => void,
): Promise<void> {
  let names: string[] | undefined;
  let batches: data.Dataset<Tensor>;
  if (o.input.startsWith(IMAGES_PREFIX)) {
    ({ names, batches } = imageBatches(o.input.slice(IMAGES_PREFIX.length), inputShape));
  } else {
    if (!o.header) throw new UsageError(`--input ${o.input}: a streamed CSV needs its header row (no --no-header)`);
    const path = o.input.startsWith('csv:') ? o.input.slice(4) : o.input;
    batches = await csvBatches(path, inputShape, info, o.delimiter);
  }
  let n = 0;
  if (o.json) write('{"predictions":[');
  try {
    await batches.forEachAsync((x) => {
      const b = x.shape[0]!;
      const out = model.predict(x, { batchSize: BATCH }) as Tensor;
      const values = Float32Array.from(out.dataSync());
      out.dispose();
      checkFinite(values, b, dir);
      toPredictions(values, b, info, o.top).forEach((p, i) => {
        const file = names?.[n + i];
        if (o.json) write(`${n + i > 0 ? ',' : ''}${JSON.stringify(file === undefined ? p : { file, ...p })}`);
        else write(`${predictionLine(`${file ?? `sample ${n + i + 1}`}:`, p)}\n`);
      });
      n += b;
    });
  } catch (error) {
    if (error instanceof RectifyError && error.name === 'DatasetError') {
      const cause = (error as { cause?: unknown }).cause;
      throw cause instanceof CliError ? cause : new CliError(`${o.input}: ${error.message}`);
    }
    throw error;
  }
  if (o.json) write(']}\n');
}
