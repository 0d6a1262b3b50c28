import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { data } from '@rectify/rectify';
import { cast, tensor } from '@rectify/tensor';
import { CliError, UsageError } from '../../errors.js';
import { checkPixelBudget, DEFAULT_MAX_PIXELS } from '../../predict/image-header.js';
import { decodeImage, plane, resizeArea } from '../../predict/image-pixels.js';
import type { LoadOptions, Task } from '../types.js';
import { rowPart } from './row-split.js';
import type { Batch, Part, StreamedData, TrainedOn } from './types.js';

export const IMAGES_PREFIX = 'images:';
const EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
/** Files decoded at once: decoding waits on the disk, so a few reads in flight keep the CPU busy. */
const PARALLEL_READS = 4;

/** `dir`, or `dir@WxH` / `dir@WxHx3` for another size or colour: default 28 × 28 grey, as MNIST. */
export function parseImagesName(spec: string): { dir: string; height: number; width: number; channels: 1 | 3 } {
  const m = /^(.*)@(\d+)x(\d+)(?:x([13]))?$/.exec(spec);
  if (!m) return { dir: spec, height: 28, width: 28, channels: 1 };
  const [width, height] = [Number(m[2]), Number(m[3])];
  if (width < 1 || height < 1) throw new UsageError(`images:${spec}: the size must be at least 1x1`);
  return { dir: m[1]!, width, height, channels: m[4] === '3' ? 3 : 1 };
}

/**
 * One PNG or JPEG file as `height × width × channels` numbers in [0, 1] (grey, or RGB), resized by area averaging:
 * what an `images:` dataset feeds a model, in training and in prediction alike.
 */
export async function readImage(path: string, height: number, width: number, channels: 1 | 3): Promise<Float32Array> {
  const bytes = await readFile(path);
  // Checked on the header, before the decoder allocates width × height × 4 bytes for a hostile file.
  checkPixelBudget(path, bytes, DEFAULT_MAX_PIXELS);
  let img;
  try {
    img = decodeImage(bytes);
  } catch (error) {
    throw new CliError(`${path}: not a readable PNG or JPEG image (${(error as Error).message})`);
  }
  const planes = channels === 1 ? [plane(img)] : ([0, 1, 2] as const).map((c) => plane(img, c));
  const resized = planes.map((p) => resizeArea(p, img.width, img.height, width, height));
  const pixels = new Float32Array(height * width * channels);
  for (let i = 0; i < height * width; i++)
    for (let c = 0; c < channels; c++) pixels[i * channels + c] = resized[c]![i]!;
  return pixels;
}

/** The images of each class folder, in name order: `[path, class index]`. */
function listImages(dir: string): { files: Array<[string, number]>; classNames: string[] } {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    throw new CliError(`images:${dir}: cannot read the directory`);
  }
  const classNames = entries.filter((e) => statSync(join(dir, e)).isDirectory());
  if (classNames.length < 2)
    throw new UsageError(`images:${dir}: expected one sub-folder per class (at least two), found ${classNames.length}`);
  const files: Array<[string, number]> = [];
  classNames.forEach((c, k) => {
    for (const f of readdirSync(join(dir, c)).sort())
      if (EXTENSIONS.has(extname(f).toLowerCase())) files.push([join(dir, c, f), k]);
  });
  if (files.length === 0) throw new UsageError(`images:${dir}: no .png, .jpg or .jpeg files in the class folders`);
  return { files, classNames };
}

/**
 * `images:<dir>`: one sub-folder per class holding PNG or JPEG files, decoded and resized on the fly — only the
 * file names stay in memory. Files go to train / validation / test by `rowPart` of their index in the listing.
 *
 * @example
 * const s = await openImageFolder('photos@32x32x3', {}, 0.1);
 */
export async function openImageFolder(
  spec: string,
  options: LoadOptions & { task?: Task; trainedOn?: TrainedOn },
  validationSplit: number,
): Promise<StreamedData> {
  if (options.task !== undefined && options.task !== 'classification')
    throw new UsageError(`images:${spec}: only task 'classification' is supported for image folders`);
  const { dir, height, width, channels } = parseImagesName(spec);
  const listed = listImages(dir);
  let { files, classNames } = listed;
  const known = options.trainedOn?.classNames;
  if (known !== undefined) {
    // A saved model's classes by name: its label k is the folder it was trained on as class k.
    const index = listed.classNames.map((c) => known.indexOf(c));
    const unknown = listed.classNames.filter((_, k) => index[k] === -1);
    if (unknown.length > 0)
      throw new UsageError(
        `images:${dir}: the model knows the classes ${known.join(', ')}; the folder${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not one of them`,
      );
    files = files.map(([path, k]) => [path, index[k]!]);
    classNames = [...known];
  }
  const parts: Record<Part, Array<[string, number]>> = { train: [], validation: [], test: [] };
  files.forEach((f, i) => parts[rowPart(i, validationSplit)].push(f));
  if (options.limit !== undefined) parts.train = parts.train.slice(0, options.limit);
  const load = async ([path, label]: [string, number]) => ({
    xs: tensor(await readImage(path, height, width, channels), [height, width, channels]),
    ys: label,
  });
  const empty = { x: new Float32Array(0), y: new Float32Array(0), n: 0 };
  return {
    info: {
      name: `${IMAGES_PREFIX}${spec}`,
      task: 'classification',
      inputShape: [height, width, channels],
      targetShape: [],
      numClasses: classNames.length,
      classNames,
      train: empty,
      test: empty,
    },
    counts: { train: parts.train.length, validation: parts.validation.length, test: parts.test.length },
    batches(part, batchSize, seed, skip = 0) {
      let names = data.array(parts[part]);
      // Only names are shuffled, so the buffer can hold all of them: a uniform shuffle.
      if (part === 'train') names = names.shuffle(Math.max(parts.train.length, 1), seed);
      if (skip > 0) names = names.skip(skip);
      return names
        .map(load, { parallel: PARALLEL_READS })
        .batch(batchSize)
        .map(({ xs, ys }): Batch => ({ xs, ys: cast(ys, 'int32') }))
        .prefetch(2);
    },
  };
}
