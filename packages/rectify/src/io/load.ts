import { readFile, realpath } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { RectifyError, ShapeError, type Tensor, ValueError, dispose, fmtShape, shapesEqual } from '@rectify/tensor';
import type { LayerClass, LayerConfig } from '@rectify/layers';
import { isTfjsModelJson } from '@rectify/interop';
import type { LayersModel } from '../models/layers-model.js';
import { Model } from '../models/model.js';
import { Sequential } from '../models/sequential.js';
import { MODEL_FORMAT, MODEL_JSON, type ModelJson, type WeightEntry } from './format.js';
import { loadTfjsModel } from './load-tfjs.js';
import { fileInside, modelDirectory } from './paths.js';
import { validateModelJson } from './validate-manifest.js';
import { decodeWeight, sha256 } from './weights-codec.js';
import type { CompileArgs } from '../training/compiled.js';

export interface LoadOptions {
  /** Layer classes defined outside Rectify, by className. Nothing else is ever constructed. */
  customClasses?: Record<string, LayerClass>;
  /** Compile with the saved optimizer (state included), loss and metrics when the file has them (default true). */
  compile?: boolean;
}

const MODEL_CLASSES: Readonly<Record<string, LayerClass>> = { Sequential, Model };

/**
 * Restores a model saved with `model.save` so that `predict` gives bit-identical outputs, and, when it was
 * compiled, training resumes where it stopped (optimizer state included). Everything is validated first; a
 * truncated, corrupted or missing file, a wrong shape, an unknown class or a path leaving the directory is an
 * error naming the problem. Nothing in the files is executed. A TensorFlow.js layers-format model.json (written by
 * `tf.LayersModel.save` or `model.save(dir, {format: 'tfjs'})`) is recognised and read too — architecture and
 * weights, not compiled; `options` do not apply to it.
 * @example const model = await loadModel('file://./my-model');
 */
export async function loadModel(url: string, options: LoadOptions = {}): Promise<LayersModel> {
  const fn = 'loadModel';
  const dir = modelDirectory(fn, url);
  const raw = parseJson(fn, await readOrExplain(fn, join(dir, MODEL_JSON), `no ${MODEL_JSON} in '${dir}'`, 'utf8'));
  if ((raw as { format?: unknown } | null)?.format !== MODEL_FORMAT && isTfjsModelJson(raw)) return loadTfjsModel(dir);
  const json = validateModelJson(fn, raw);
  const bytes = await readWeights(fn, dir, json);
  const model = buildTopology(fn, json, options.customClasses ?? {});
  try {
    placeWeights(fn, model, json.weightsManifest.weights.filter((e) => e.group === 'model'), bytes);
    if (json.trainingConfig && options.compile !== false) compileFrom(fn, model, json, bytes);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}

async function readOrExplain(fn: string, path: string, missing: string, encoding?: 'utf8'): Promise<string & Uint8Array> {
  try {
    return (await (encoding ? readFile(path, encoding) : readFile(path))) as string & Uint8Array;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RectifyError(`${fn}: ${missing}`);
    throw new RectifyError(`${fn}: cannot read '${path}': ${(err as Error).message}`);
  }
}

function parseJson(fn: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValueError(`${fn}: ${MODEL_JSON} is not valid JSON (${(err as Error).message})`);
  }
}

/** Reads the weights file after checking that it is inside the directory (symlinks resolved), complete and intact. */
async function readWeights(fn: string, dir: string, json: ModelJson): Promise<Uint8Array> {
  const m = json.weightsManifest;
  const path = fileInside(fn, dir, m.path);
  const bytes = await readOrExplain(fn, path, `the weights file '${m.path}' named in ${MODEL_JSON} is missing from '${dir}'`);
  const rel = relative(await realpath(dir), await realpath(path));
  if (rel.startsWith('..') || rel.includes('/') || rel.includes('\\')) {
    throw new ValueError(`${fn}: weights file '${m.path}' resolves outside the model directory (a symbolic link to '${await realpath(path)}')`);
  }
  if (bytes.byteLength < m.byteLength) {
    throw new ValueError(`${fn}: weights file '${m.path}' is truncated: it has ${bytes.byteLength} bytes, ${MODEL_JSON} lists ${m.byteLength}`);
  }
  if (bytes.byteLength > m.byteLength) {
    throw new ValueError(`${fn}: weights file '${m.path}' is corrupted: it has ${bytes.byteLength} bytes, ${MODEL_JSON} lists ${m.byteLength}`);
  }
  const digest = sha256(bytes);
  if (digest !== m.sha256) {
    throw new ValueError(`${fn}: weights file '${m.path}' is corrupted: its SHA-256 ${digest.slice(0, 12)}… does not match ${m.sha256.slice(0, 12)}… in ${MODEL_JSON}`);
  }
  return bytes;
}

function buildTopology(fn: string, json: ModelJson, customClasses: Record<string, LayerClass>): LayersModel {
  const { className, config } = json.modelTopology;
  const cls = Object.hasOwn(MODEL_CLASSES, className) ? MODEL_CLASSES[className]! : undefined;
  if (!cls) throw new ValueError(`${fn}: modelTopology.className '${className}' is not a model class; expected ${Object.keys(MODEL_CLASSES).join(' or ')}`);
  let model: LayersModel;
  try {
    model = cls.fromConfig(config as unknown as LayerConfig, { ...MODEL_CLASSES, ...customClasses }) as LayersModel;
  } catch (err) {
    const E = err instanceof ShapeError ? ShapeError : ValueError;
    throw new E(`${fn}: cannot rebuild the model from ${MODEL_JSON}: ${(err as Error).message}`);
  }
  if (!model.built) {
    model.dispose();
    throw new ValueError(`${fn}: the model in ${MODEL_JSON} has no input shape, so its weights cannot be placed`);
  }
  return model;
}

/** Matches the file's entries to the model's variables by name and shape, then assigns them all. */
function placeWeights(fn: string, model: LayersModel, entries: readonly WeightEntry[], bytes: Uint8Array): void {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const vars = model.weights;
  for (const v of vars) {
    const e = byName.get(v.name);
    if (!e) throw new ValueError(`${fn}: weight '${v.name}' of the model is missing from ${MODEL_JSON}'s manifest`);
    if (!shapesEqual(e.shape, v.shape)) {
      throw new ShapeError(`${fn}: weight '${v.name}' has shape ${fmtShape(e.shape)} in the file, but the model expects ${fmtShape(v.shape)}`);
    }
  }
  const known = new Set(vars.map((v) => v.name));
  const extra = entries.find((e) => !known.has(e.name));
  if (extra) throw new ValueError(`${fn}: ${MODEL_JSON} lists weight '${extra.name}', which the model does not have`);
  const values: Tensor[] = vars.map((v) => decodeWeight(bytes, byName.get(v.name)!));
  try {
    model.setWeights(values);
  } finally {
    dispose(values);
  }
}

function compileFrom(fn: string, model: LayersModel, json: ModelJson, bytes: Uint8Array): void {
  const t = json.trainingConfig!;
  if (t.loss.some((l) => l === null)) return; // a user-written loss: the caller compiles again
  const args: CompileArgs = {
    optimizer: t.optimizer as CompileArgs['optimizer'],
    loss: t.loss.length === 1 ? t.loss[0]! : t.loss.map((l) => l!),
    metrics: t.metrics.map((ms) => ms.filter((m): m is NonNullable<typeof m> => m !== null)),
    lossWeights: t.lossWeights,
  };
  try {
    model.compile(args);
  } catch (err) {
    throw new ValueError(`${fn}: cannot compile from ${MODEL_JSON}'s trainingConfig: ${(err as Error).message}`);
  }
  const state = json.weightsManifest.weights.filter((e) => e.group === 'optimizer');
  const tensors = state.map((e) => ({ name: e.name, tensor: decodeWeight(bytes, e) }));
  try {
    model.optimizer!.setWeights(tensors);
  } finally {
    dispose(tensors.map((s) => s.tensor));
  }
}
