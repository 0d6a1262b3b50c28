import { RectifyError, type Tensor, ValueError, dispose, shapesEqual } from '@rectify/tensor';
import type { Layer } from '@rectify/layers';
import {
  DEFAULT_MAX_WEIGHT_BYTES,
  assignWeightsSafetensors,
  decodeSafetensors,
  encodeWeightsSafetensors,
  filePort,
} from '@rectify/interop';
import { warnNonFinite } from './non-finite.js';
import { checkOneOf } from '../checks.js';
import { checkOptionsObject } from './save-formats.js';

/**
 * Formats of `saveWeights` / `loadWeights`. Rectify's own weights file is not standalone — its manifest lives in
 * model.json — so a weights-only file is safetensors, which Python's `safetensors` (numpy, PyTorch) also reads.
 */
export const WEIGHTS_FORMATS = ['safetensors'] as const;
export type WeightsFormat = (typeof WEIGHTS_FORMATS)[number];

export interface WeightsOptions {
  /** `'safetensors'`, the default and, for now, the only one. */
  format?: WeightsFormat;
}

/** The file a `saveWeights`/`loadWeights` URL names: 'file://path' or a plain path. */
function weightsPath(fn: string, url: unknown, options: unknown): string {
  checkOneOf(
    fn,
    'format',
    checkOptionsObject(fn, options, "{ format: 'safetensors' }")['format'] ?? 'safetensors',
    WEIGHTS_FORMATS,
  );
  if (typeof url !== 'string' || url.length === 0)
    throw new ValueError(`${fn}: path must be a non-empty string, received ${JSON.stringify(url) ?? String(url)}`);
  return filePort(
    fn,
    "save the whole model with model.save('indexeddb://name'), or use rf.encodeWeightsSafetensors(model) for the bytes",
  ).resolve(fn, url);
}

/**
 * Writes the model's weights, each named by its variable (`dense/kernel`), to one safetensors file, atomically;
 * the folder is created if needed. Resolves to the absolute path written.
 * @example await saveWeightsFile(model, './weights.safetensors');
 */
export async function saveWeightsFile(model: Layer, url: string, options: WeightsOptions = {}): Promise<string> {
  const fn = 'saveWeights';
  const path = weightsPath(fn, url, options);
  const bytes = encodeWeightsSafetensors(model);
  await filePort(fn, '').writeFile(fn, path, bytes);
  return path;
}

/**
 * Loads weights written by `saveWeights` (or any safetensors file with the model's variable names) into a built
 * model; on any mismatch nothing changes. Names are matched first. A model rebuilt in the same process gets new
 * default names (`dense_3` instead of `dense_1`), so when the names differ and the file was written by Rectify, the
 * weights are matched by position instead — as Keras matches by topology — provided there are exactly as many, with
 * the same shapes and dtypes, in the same order. Files from elsewhere are only ever matched by name.
 * @example await loadWeightsFile(model, './weights.safetensors');
 */
export async function loadWeightsFile(model: Layer, url: string, options: WeightsOptions = {}): Promise<void> {
  const fn = 'loadWeights';
  const path = weightsPath(fn, url, options);
  if (!model.built)
    throw new RectifyError(`${fn}: model '${model.name}' is not built yet; build it before loading weights into it`);
  const bytes = await filePort(fn, '').readFile(fn, path, DEFAULT_MAX_WEIGHT_BYTES, 'weights file');
  if (!assignByPosition(model, bytes)) assignWeightsSafetensors(model, bytes);
  warnNonFinite(fn, model.weights);
}

/** Assigns by position when the rules above allow it; false leaves the by-name path (and its errors) to the caller. */
function assignByPosition(model: Layer, bytes: Uint8Array): boolean {
  const { tensors, metadata } = decodeSafetensors(bytes);
  try {
    const vars = model.weights;
    const file: Tensor[] = [...tensors.values()]; // in offset order: the order saveWeights wrote them in
    const positional =
      metadata['format'] === 'rectify' &&
      !vars.every((v) => tensors.has(v.name)) &&
      file.length === vars.length &&
      vars.every((v, i) => file[i]!.dtype === v.dtype && shapesEqual(file[i]!.shape, v.shape));
    if (positional) model.setWeights(file);
    return positional;
  } finally {
    dispose([...tensors.values()]);
  }
}
