import { RectifyError, ShapeError, type Tensor, ValueError, dispose, fmtShape, shapesEqual } from '@rectify/tensor';
import { type LayerClass, type LayerConfig, withWeightSource } from '@rectify/layers';
import {
  DEFAULT_MAX_WEIGHT_BYTES,
  type ModelSource,
  checkBudget,
  checkLength,
  isTfjsModelJson,
  parseModelJson,
  readModelJsonText,
  readTfjsModel,
  sha256Hex,
} from '@rectify/interop';
import type { LayersModel } from '../models/layers-model.js';
import { Model } from '../models/model.js';
import { Sequential } from '../models/sequential.js';
import type { CompileArgs } from '../training/compiled.js';
import { MODEL_FORMAT, MODEL_JSON, type ModelJson, type WeightEntry } from './format.js';
import { modelFromTfjs } from './load-tfjs.js';
import { warnNonFinite } from './non-finite.js';
import { validateModelJson } from './validate-manifest.js';
import { ShardedBytes, decodeWeight } from './weights-codec.js';

export interface LoadOptions {
  /** Layer classes defined outside Rectify, by className. Nothing else is ever constructed. */
  customClasses?: Record<string, LayerClass>;
  /** Compile with the saved optimizer (state included), loss and metrics when the file has them (default true). */
  compile?: boolean;
  /** Most bytes of weights to read and allocate (default 4 GiB): a larger manifest is refused before any read. */
  maxWeightBytes?: number;
}

const MODEL_CLASSES: Readonly<Record<string, LayerClass>> = { Sequential, Model };

/**
 * Reads a model from any source under one contract: model.json parsed with a depth limit and validated; the
 * manifest's total checked against the budget; each shard read with its exact size and the SHA-256 checked; the
 * topology built with each weight taken from the file as its layer asks for it — a shape the manifest does not
 * list fails before it is allocated, and nothing is randomly initialised. Any failure is a RectifyError.
 */
export async function modelFromSource(
  fn: string,
  source: ModelSource,
  options: LoadOptions = {},
): Promise<LayersModel> {
  const where = source.description;
  const raw = parseModelJson(fn, await readModelJsonText(fn, source), MODEL_JSON);
  const budget = options.maxWeightBytes ?? DEFAULT_MAX_WEIGHT_BYTES;
  if ((raw as { format?: unknown } | null)?.format !== MODEL_FORMAT && isTfjsModelJson(raw)) {
    const imported = await readTfjsModel('loadTfjs', source, { maxWeightBytes: budget }, raw);
    const model = guard(fn, where, () => modelFromTfjs(imported));
    warnNonFinite(fn, model.weights);
    return model;
  }
  const json = validateModelJson(fn, raw, where);
  const m = json.weightsManifest;
  checkBudget(fn, m.byteLength, budget, where);
  const shards: Uint8Array[] = [];
  for (const s of m.shards)
    shards.push(
      checkLength(fn, s.path, await source.file(s.path, { exact: s.byteLength, max: s.byteLength }), {
        exact: s.byteLength,
        max: s.byteLength,
      }),
    );
  const digest = sha256Hex(shards);
  if (digest !== m.sha256) {
    const name = m.shards.length === 1 ? `weights file '${m.shards[0]!.path}'` : `weights (${m.shards.length} shards)`;
    throw new ValueError(
      `${fn}: ${name} is corrupted: its SHA-256 ${digest.slice(0, 12)}… does not match ${m.sha256.slice(0, 12)}… in ${MODEL_JSON}`,
    );
  }
  const bytes = new ShardedBytes(shards);
  const model = guard(fn, where, () => buildTopology(fn, json, options.customClasses ?? {}, bytes));
  try {
    guard(fn, where, () => {
      if (json.trainingConfig && options.compile !== false) compileFrom(fn, model, json, bytes);
    });
  } catch (err) {
    model.dispose();
    throw err;
  }
  warnNonFinite(fn, model.weights);
  return model;
}

/**
 * Runs a step on validated input; an exception that is not a RectifyError can only come from a file mangled in a
 * way validation does not describe, so it is reported as such — a loader never throws TypeError or RangeError.
 */
function guard<T>(fn: string, where: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof RectifyError) throw err;
    throw new ValueError(
      `${fn}: the model in ${where} is malformed (${err instanceof Error ? `${err.name}: ${err.message}` : String(err)})`,
    );
  }
}

function buildTopology(
  fn: string,
  json: ModelJson,
  customClasses: Record<string, LayerClass>,
  bytes: ShardedBytes,
): LayersModel {
  const { className, config } = json.modelTopology;
  const cls = Object.hasOwn(MODEL_CLASSES, className) ? MODEL_CLASSES[className]! : undefined;
  if (!cls)
    throw new ValueError(
      `${fn}: modelTopology.className '${className}' is not a model class; expected ${Object.keys(MODEL_CLASSES).join(' or ')}`,
    );
  const entries = new Map(json.weightsManifest.weights.filter((e) => e.group === 'model').map((e) => [e.name, e]));
  let refused: Error | undefined;
  const fromFile = (name: string, shape: readonly number[]): Tensor => {
    const e = entries.get(name);
    if (!e) refused = new ValueError(`${fn}: weight '${name}' of the model is missing from ${MODEL_JSON}'s manifest`);
    else if (!shapesEqual(e.shape, shape))
      refused = new ShapeError(
        `${fn}: weight '${name}' has shape ${fmtShape(e.shape)} in the file, but the model expects ${fmtShape(shape)}`,
      );
    if (refused) throw refused;
    return decodeWeight(bytes, e!);
  };
  let model: LayersModel;
  try {
    model = withWeightSource(
      fromFile,
      () => cls.fromConfig(config as unknown as LayerConfig, { ...MODEL_CLASSES, ...customClasses }) as LayersModel,
    );
  } catch (err) {
    if (err === refused) throw err;
    const E = err instanceof ShapeError ? ShapeError : ValueError;
    throw new E(`${fn}: cannot rebuild the model from ${MODEL_JSON}: ${(err as Error).message}`);
  }
  try {
    if (!model.built)
      throw new ValueError(`${fn}: the model in ${MODEL_JSON} has no input shape, so its weights cannot be placed`);
    checkAllPlaced(fn, model, entries);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}

/** Every manifest entry must have become a weight of the model, by name and shape. */
function checkAllPlaced(fn: string, model: LayersModel, entries: Map<string, WeightEntry>): void {
  const vars = model.weights;
  for (const v of vars) {
    const e = entries.get(v.name);
    if (!e) throw new ValueError(`${fn}: weight '${v.name}' of the model is missing from ${MODEL_JSON}'s manifest`);
    if (!shapesEqual(e.shape, v.shape))
      throw new ShapeError(
        `${fn}: weight '${v.name}' has shape ${fmtShape(e.shape)} in the file, but the model expects ${fmtShape(v.shape)}`,
      );
  }
  const known = new Set(vars.map((v) => v.name));
  const extra = [...entries.keys()].find((name) => !known.has(name));
  if (extra) throw new ValueError(`${fn}: ${MODEL_JSON} lists weight '${extra}', which the model does not have`);
}

function compileFrom(fn: string, model: LayersModel, json: ModelJson, bytes: ShardedBytes): void {
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
