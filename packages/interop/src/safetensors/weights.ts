import {
  DTypeError,
  RectifyError,
  ShapeError,
  type Tensor,
  ValueError,
  dispose,
  fmtShape,
  shapesEqual,
} from '@rectify/tensor';
import type { Layer } from '@rectify/layers';
import { filePort } from '../files/file-port.js';
import { DEFAULT_MAX_WEIGHT_BYTES } from '../files/model-source.js';
import { type SafetensorsContent, decodeSafetensors, encodeSafetensors } from './codec.js';

const IN_BROWSER = 'use encodeSafetensors / decodeSafetensors on bytes';

/** A regular file's bytes, at most `maxBytes` (default 4 GiB) — a link to /dev/zero is refused, not read forever. */
async function readBytes(fn: string, path: string, maxBytes = DEFAULT_MAX_WEIGHT_BYTES): Promise<Uint8Array> {
  const port = filePort(fn, IN_BROWSER);
  return port.readFile(fn, port.resolve(fn, path), maxBytes);
}

async function writeBytes(fn: string, path: string, bytes: Uint8Array): Promise<void> {
  const port = filePort(fn, IN_BROWSER);
  await port.writeFile(fn, port.resolve(fn, path), bytes);
}

/**
 * Writes named tensors to a safetensors file, atomically (temporary file + rename), creating the folder. Node only.
 * @example await saveSafetensors('./weights.safetensors', { w: ones([2, 2]) });
 */
export async function saveSafetensors(
  path: string,
  tensors: Map<string, Tensor> | Record<string, Tensor>,
  metadata: Record<string, string> = {},
): Promise<void> {
  await writeBytes('saveSafetensors', path, encodeSafetensors(tensors, metadata));
}

/**
 * Reads and validates a safetensors file (see {@link decodeSafetensors}); it must be a regular file of at most 4 GiB. Node only. The caller owns (and disposes) the tensors.
 * @example
 * await saveSafetensors('./weights.safetensors', { w: ones([2, 2]) });
 * const { tensors } = await loadSafetensors('./weights.safetensors');
 * tensors.get('w'); // → [[1, 1], [1, 1]]
 */
export async function loadSafetensors(path: string): Promise<SafetensorsContent> {
  return decodeSafetensors(await readBytes('loadSafetensors', path));
}

/**
 * A model's (or layer's) weights as a safetensors file, each named by its variable (`dense/kernel`).
 * @example
 * const model = sequential([layers.dense({ units: 2, inputShape: [3] })]);
 * const bytes = encodeWeightsSafetensors(model);
 */
export function encodeWeightsSafetensors(model: Layer, metadata: Record<string, string> = {}): Uint8Array {
  if (!model.built)
    throw new RectifyError(
      `saveWeights: model '${model.name}' is not built yet; build it (or fit it) before saving its weights`,
    );
  const named = new Map<string, Tensor>();
  for (const w of model.weights) {
    if (named.has(w.name))
      throw new ValueError(`saveWeights: two weights are named '${w.name}'; give the layers unique names`);
    named.set(w.name, w);
  }
  return encodeSafetensors(named, { format: 'rectify', ...metadata });
}

/**
 * Assigns every weight of a built model from safetensors bytes, matching by variable name. Everything is checked
 * first — missing or extra names, shapes, dtypes — so that on error no weight has changed.
 * @example
 * const model = sequential([layers.dense({ units: 2, inputShape: [3], kernelInitializer: 'ones' })]);
 * const bytes = encodeWeightsSafetensors(model);
 * model.setWeights([zeros([3, 2]), zeros([2])]);
 * assignWeightsSafetensors(model, bytes); // the kernel is ones again
 */
export function assignWeightsSafetensors(model: Layer, bytes: Uint8Array): void {
  const fn = 'loadWeights';
  if (!model.built)
    throw new RectifyError(`${fn}: model '${model.name}' is not built yet; build it before loading weights into it`);
  const { tensors } = decodeSafetensors(bytes);
  try {
    const vars = model.weights;
    for (const v of vars) {
      const t = tensors.get(v.name);
      if (!t) throw new ValueError(`${fn}: weight '${v.name}' of the model is missing from the safetensors file`);
      if (t.dtype !== v.dtype)
        throw new DTypeError(
          `${fn}: weight '${v.name}' has dtype ${t.dtype} in the file, but the model expects ${v.dtype}`,
        );
      if (!shapesEqual(t.shape, v.shape))
        throw new ShapeError(
          `${fn}: weight '${v.name}' has shape ${fmtShape(t.shape)} in the file, but the model expects ${fmtShape(v.shape)}`,
        );
    }
    const known = new Set(vars.map((v) => v.name));
    const extra = [...tensors.keys()].find((k) => !known.has(k));
    if (extra !== undefined)
      throw new ValueError(`${fn}: the safetensors file holds '${extra}', which the model does not have`);
    model.setWeights(vars.map((v) => tensors.get(v.name)!));
  } finally {
    dispose([...tensors.values()]);
  }
}

/** Saves a model's weights as safetensors, atomically. @example
 * const model = sequential([layers.dense({ units: 2, inputShape: [3] })]);
 * await saveWeightsSafetensors(model, './model.safetensors');
 */
export async function saveWeightsSafetensors(
  model: Layer,
  path: string,
  metadata: Record<string, string> = {},
): Promise<void> {
  await writeBytes('saveWeights', path, encodeWeightsSafetensors(model, metadata));
}

/** Loads a model's weights from a safetensors file. @example
 * const model = sequential([layers.dense({ units: 2, inputShape: [3] })]);
 * await saveWeightsSafetensors(model, './model.safetensors');
 * await loadWeightsSafetensors(model, './model.safetensors');
 */
export async function loadWeightsSafetensors(model: Layer, path: string): Promise<void> {
  assignWeightsSafetensors(model, await readBytes('loadWeights', path));
}
