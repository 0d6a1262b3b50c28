import {
  RectifyError,
  ShapeError,
  type Tensor,
  ValueError,
  type Variable,
  dispose,
  fmtShape,
  shapesEqual,
  tensor,
} from '@rectify/tensor';
import { Functional, type Layer, type Shape, deserializeLayer, layerClasses, withWeightSource } from '@rectify/layers';
import { checkDepth } from '../json-guard.js';
import { fromPythonic } from './keras-case.js';
import { layerFromKeras } from './layer-configs.js';

/** A model read from the TensorFlow.js layers format, weights already assigned. */
export type TfjsImport =
  | {
      readonly className: 'Sequential';
      readonly name: string;
      readonly layers: Layer[];
      readonly batchInputShape: Shape;
    }
  | { readonly className: 'Model'; readonly name: string; readonly model: Functional };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fn = 'fromTfjs';

function inputLayerConfig(c: Obj): Obj {
  const dtype = c['dtype'] ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'int32')
    throw new ValueError(
      `${fn}: input layer '${String(c['name'])}' has dtype ${JSON.stringify(dtype)}; expected float32 or int32`,
    );
  if (c['sparse'] === true)
    throw new ValueError(`${fn}: input layer '${String(c['name'])}' is sparse, which Rectify does not support`);
  if (!Array.isArray(c['batchInputShape']))
    throw new ValueError(`${fn}: input layer '${String(c['name'])}' has no batch_input_shape`);
  return {
    name: c['name'],
    trainable: true,
    dtype: 'float32',
    batchInputShape: c['batchInputShape'],
    inputDType: dtype,
  };
}

function rectifyLayer(className: string, c: Obj): { className: string; config: Obj } {
  return { className, config: className === 'InputLayer' ? inputLayerConfig(c) : layerFromKeras(className, c) };
}

function sequential(name: string, config: unknown): TfjsImport {
  const list = Array.isArray(config) ? config : isObject(config) ? config['layers'] : undefined;
  if (!Array.isArray(list) || list.length === 0)
    throw new ValueError(`${fn}: Sequential model '${name}' has no layers`);
  const specs = list.map((l: unknown, i) => {
    if (!isObject(l))
      throw new ValueError(
        `${fn}: layer ${i} of Sequential model '${name}' must be {class_name, config}, received ${JSON.stringify(l)}`,
      );
    return rectifyLayer(String(l['className']), isObject(l['config']) ? l['config'] : {});
  });
  if (specs[0]!.className === 'InputLayer') {
    const input = specs.shift()!;
    if (specs[0]) specs[0].config['batchInputShape'] = input.config['batchInputShape'];
  }
  const batchInputShape = specs[0]?.config['batchInputShape'] as Shape | undefined;
  if (!batchInputShape)
    throw new ValueError(`${fn}: Sequential model '${name}' has no input shape (batch_input_shape on its first layer)`);
  const layers = specs.map((s) => deserializeLayer(s as never));
  let shape: Shape | Shape[] = batchInputShape;
  for (const l of layers) {
    l.maybeBuild(shape);
    shape = l.computeOutputShape(shape);
  }
  return { className: 'Sequential', name, layers, batchInputShape };
}

function functional(name: string, config: unknown): TfjsImport {
  if (!isObject(config) || !Array.isArray(config['layers']))
    throw new ValueError(`${fn}: functional model '${name}' has no layers list`);
  const layers = (config['layers'] as unknown[]).map((l, i) => {
    if (!isObject(l))
      throw new ValueError(
        `${fn}: layer ${i} of functional model '${name}' must be {class_name, config, inbound_nodes}, received ${JSON.stringify(l)}`,
      );
    const { className, config: c } = rectifyLayer(String(l['className']), isObject(l['config']) ? l['config'] : {});
    const nodes = Array.isArray(l['inboundNodes']) ? l['inboundNodes'] : [];
    const inboundNodes = nodes.map((node: unknown) => {
      if (!Array.isArray(node))
        throw new ValueError(
          `${fn}: layer '${String(c['name'])}' uses the Keras 3 node format, which TensorFlow.js and Rectify do not read`,
        );
      return {
        inputs: node.map((ref: unknown) => {
          if (!Array.isArray(ref))
            throw new ValueError(
              `${fn}: layer '${String(c['name'])}' has an inbound node entry ${JSON.stringify(ref)}; expected [layer, node, tensor, kwargs]`,
            );
          return [ref[0], ref[1], ref[2]];
        }),
        listInput: node.length > 1,
        args: isObject(node[0]?.[3]) ? node[0][3] : {},
      };
    });
    return { className, config: c, inboundNodes };
  });
  const inputLayers = config['inputLayers'];
  const outputLayers = config['outputLayers'];
  if (!Array.isArray(inputLayers) || !Array.isArray(outputLayers))
    throw new ValueError(`${fn}: functional model '${name}' needs input_layers and output_layers lists`);
  const graph = {
    name,
    trainable: true,
    dtype: 'float32',
    layers,
    inputLayers,
    outputLayers,
    listInput: inputLayers.length > 1,
    listOutput: outputLayers.length > 1,
  };
  return { className: 'Model', name, model: Functional.fromConfig(graph as never, layerClasses()) as Functional };
}

/** Concatenated shards as one byte array. */
function joinShards(data: Uint8Array | ArrayBuffer | readonly (Uint8Array | ArrayBuffer)[]): Uint8Array {
  const parts = (Array.isArray(data) ? data : [data]).map((d) =>
    d instanceof Uint8Array ? d : new Uint8Array(d as ArrayBuffer),
  );
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** The manifest's tensors by name, after checking dtypes and that the data holds exactly what it lists. */
const BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 };

/**
 * Model weights by name. Specs in the `optimizer` group (what `save(…, {includeOptimizer: true})` appends, an int32
 * `iter` among them) are stepped over: Rectify keeps its own optimizer state, and a tfjs optimizer's slots do not
 * map onto it.
 */
function readWeights(manifest: unknown, bytes: Uint8Array): Map<string, Tensor> {
  if (!Array.isArray(manifest)) throw new ValueError(`${fn}: weightsManifest must be an array of {paths, weights}`);
  const specs = manifest.flatMap((g: Obj) => (Array.isArray(g?.['weights']) ? (g['weights'] as Obj[]) : []));
  const bad = specs.find((s) => !isObject(s));
  if (bad !== undefined) throw new ValueError(`${fn}: weight spec ${JSON.stringify(bad)} must be {name, shape, dtype}`);
  const isOptimizer = (s: Obj) => s['group'] === 'optimizer';
  const count = (s: Obj) => (s['shape'] as number[]).reduce((a, b) => a * b, 1);
  const size = (s: Obj) => count(s) * (BYTES[s['dtype'] as string] ?? 4);
  specs.forEach((s) => {
    if (
      typeof s['name'] !== 'string' ||
      !Array.isArray(s['shape']) ||
      !s['shape'].every((d) => Number.isSafeInteger(d) && d >= 0)
    ) {
      throw new ValueError(
        `${fn}: weight spec ${JSON.stringify(s)} must have a name and a shape of non-negative integers`,
      );
    }
    if (s['quantization'] !== undefined)
      throw new ValueError(`${fn}: weight '${s['name']}' is quantized, which Rectify does not read`);
    const allowed = isOptimizer(s) ? Object.keys(BYTES) : ['float32'];
    if (!allowed.includes(s['dtype'] as string)) {
      throw new ValueError(
        `${fn}: weight '${s['name']}' has dtype ${JSON.stringify(s['dtype'])}; expected ${allowed.join(' or ')}`,
      );
    }
  });
  const total = specs.reduce((n, s) => n + size(s), 0);
  if (total !== bytes.byteLength)
    throw new ValueError(`${fn}: the weight data has ${bytes.byteLength} bytes, but the manifest lists ${total}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Tensor>();
  let at = 0;
  for (const s of specs) {
    if (isOptimizer(s)) {
      at += size(s);
      continue;
    }
    const values = new Float32Array(count(s));
    for (let i = 0; i < values.length; i++, at += 4) values[i] = view.getFloat32(at, true);
    if (out.has(s['name'] as string))
      throw new ValueError(`${fn}: weight '${s['name']}' is listed twice in the manifest`);
    out.set(s['name'] as string, tensor(values, s['shape'] as number[], 'float32'));
  }
  return out;
}

/**
 * Gives each layer its weight from the file as it is built, after checking the name and shape — so a topology that
 * declares a kernel far larger than the file holds fails before allocating it, and nothing is randomly initialised.
 */
function checkedSource(owner: string, weights: Map<string, Tensor>) {
  return (name: string, shape: readonly number[]): Tensor => {
    const t = weights.get(name);
    if (!t) throw new ValueError(`${fn}: weight '${name}' of the model is missing from the weights manifest`);
    if (!shapesEqual(t.shape, shape))
      throw new ShapeError(
        `${fn}: weight '${name}' has shape ${fmtShape(t.shape)} in the file, but ${owner} expects ${fmtShape(shape)}`,
      );
    return tensor(t.dataSync(), t.shape, 'float32');
  };
}

function assign(
  owner: string,
  variables: readonly Variable[],
  weights: Map<string, Tensor>,
  set: (values: Tensor[]) => void,
): void {
  for (const v of variables) {
    const t = weights.get(v.name);
    if (!t) throw new ValueError(`${fn}: weight '${v.name}' of the model is missing from the weights manifest`);
    if (!shapesEqual(t.shape, v.shape))
      throw new ShapeError(
        `${fn}: weight '${v.name}' has shape ${fmtShape(t.shape)} in the file, but ${owner} expects ${fmtShape(v.shape)}`,
      );
  }
  const known = new Set(variables.map((v) => v.name));
  const extra = [...weights.keys()].find((k) => !known.has(k));
  if (extra !== undefined)
    throw new ValueError(`${fn}: the weights manifest lists '${extra}', which the model does not have`);
  set(variables.map((v) => weights.get(v.name)!));
}

/**
 * Reads a TensorFlow.js layers-format model (model.json content and its weight shards, concatenated in manifest
 * order) into Rectify layers with their weights. Class names resolve only against the layers both sides have; an
 * unknown class, activation or option is an error naming it. Nothing in the files is executed.
 * @example
 * // The parsed model.json and the weight file(s) of a TensorFlow.js model.
 * const { modelJson, weightData } = toTfjsArtifacts(sequential([layers.dense({ units: 2, inputShape: [3] })]));
 * const imported = fromTfjsArtifacts(modelJson, weightData);
 */
export function fromTfjsArtifacts(
  modelJson: unknown,
  weightData: Uint8Array | ArrayBuffer | readonly (Uint8Array | ArrayBuffer)[],
): TfjsImport {
  checkDepth(fn, modelJson, 'model.json');
  try {
    return importArtifacts(modelJson, weightData);
  } catch (err) {
    // Validation above covers what a real file gets wrong; anything a mangled one still trips over is its fault too.
    if (err instanceof RectifyError) throw err;
    throw new ValueError(`${fn}: model.json is malformed (${(err as Error).message})`);
  }
}

function importArtifacts(
  modelJson: unknown,
  weightData: Uint8Array | ArrayBuffer | readonly (Uint8Array | ArrayBuffer)[],
): TfjsImport {
  if (!isObject(modelJson) || !isObject(modelJson['modelTopology']))
    throw new ValueError(`${fn}: model.json must be an object with a modelTopology`);
  const raw = modelJson['modelTopology'];
  const topology = fromPythonic(isObject(raw['model_config']) ? raw['model_config'] : raw) as Obj;
  const className = topology['className'];
  const config = topology['config'];
  const name = isObject(config) && typeof config['name'] === 'string' ? config['name'] : 'model';
  const weights = readWeights(modelJson['weightsManifest'], joinShards(weightData));
  let result: TfjsImport | undefined;
  try {
    const source = checkedSource(`model '${name}'`, weights);
    if (className === 'Sequential') result = withWeightSource(source, () => sequential(name, config));
    else if (className === 'Model' || className === 'Functional')
      result = withWeightSource(source, () => functional(name, config));
    else
      throw new ValueError(
        `${fn}: modelTopology class_name ${JSON.stringify(className)} is not a model; expected Sequential, Model or Functional`,
      );
    if (result.className === 'Sequential') {
      const layers = result.layers;
      assign(
        `model '${name}'`,
        layers.flatMap((l) => l.weights),
        weights,
        (values) => {
          let i = 0;
          for (const l of layers) l.setWeights(values.slice(i, (i += l.weights.length)));
        },
      );
    } else {
      const m = result.model;
      assign(`model '${name}'`, m.weights, weights, (values) => m.setWeights(values));
    }
    return result;
  } catch (err) {
    if (result?.className === 'Sequential') result.layers.forEach((l) => l.dispose());
    else result?.model.dispose();
    throw err;
  } finally {
    dispose([...weights.values()]);
  }
}
