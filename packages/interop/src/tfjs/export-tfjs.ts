import { ValueError, type Variable } from '@rectify/tensor';
import { Functional, type FunctionalConfig, type Layer } from '@rectify/layers';
import type { ExportableModel } from '../model-graph.js';
import { VERSION } from '../version.js';
import { type TfjsModelJson, type TfjsWeightSpec, WEIGHTS_FILE } from './format.js';
import { toPythonic } from './keras-case.js';
import { layerToKeras } from './layer-configs.js';

/** What `toTfjsArtifacts` returns: model.json's content and the bytes of its one weights shard. */
export interface TfjsArtifacts {
  modelJson: TfjsModelJson;
  weightData: Uint8Array;
}

function graphOf(m: ExportableModel): Functional | undefined {
  if (m instanceof Functional) return m;
  const g = (m as { graph?: unknown }).graph;
  return g instanceof Functional ? g : undefined;
}

/** Keras 'Model' topology from a Rectify functional graph config. */
function functionalTopology(name: string, c: FunctionalConfig): Record<string, unknown> {
  const layers = c.layers.map((l) => {
    if (l.className === 'InputLayer') {
      const ic = l.config as unknown as { name: string; batchInputShape: unknown; inputDType: string };
      return {
        name: ic.name,
        className: 'InputLayer',
        config: { batchInputShape: ic.batchInputShape, dtype: ic.inputDType, sparse: false, name: ic.name },
        inboundNodes: [],
      };
    }
    const inboundNodes = l.inboundNodes.map((n) =>
      n.inputs.map(([layer, node, tensor]) => [layer, node, tensor, n.args]),
    );
    return {
      name: l.config.name,
      className: l.className,
      config: layerToKeras(l.className, l.config as never),
      inboundNodes,
    };
  });
  return { className: 'Model', config: { name, layers, inputLayers: c.inputLayers, outputLayers: c.outputLayers } };
}

/** Keras 'Sequential' topology; the first layer carries the input shape. */
function sequentialTopology(name: string, layers: readonly Layer[], batchInputShape: unknown): Record<string, unknown> {
  const configs = layers.map((l, i) => {
    const c = l.getConfig() as unknown as Record<string, unknown>;
    return {
      className: l.className,
      config: layerToKeras(l.className, i === 0 && batchInputShape ? { ...c, batchInputShape } : c),
    };
  });
  return { className: 'Sequential', config: { name, layers: configs } };
}

function packWeights(weights: readonly Variable[]): { specs: TfjsWeightSpec[]; data: Uint8Array } {
  const seen = new Set<string>();
  const total = weights.reduce((n, w) => n + w.size * 4, 0);
  const data = new Uint8Array(total);
  const view = new DataView(data.buffer);
  let at = 0;
  const specs = weights.map((w) => {
    if (seen.has(w.name))
      throw new ValueError(`toTfjs: two weights are named '${w.name}'; give the layers unique names`);
    seen.add(w.name);
    const values = w.dataSync();
    for (let i = 0; i < values.length; i++, at += 4) view.setFloat32(at, values[i]!, true);
    return { name: w.name, shape: [...w.shape], dtype: 'float32' as const };
  });
  return { specs, data };
}

/**
 * The model in the TensorFlow.js layers format: model.json content (Keras topology in snake_case + weights
 * manifest) and the little-endian float32 weights, which `tf.loadLayersModel` reads. Layers, activations or options
 * tfjs lacks are errors naming them; defaults that differ (LeakyReLU alpha, PReLU initializer…) are written out.
 * @example
 * const model = sequential([layers.dense({ units: 2, inputShape: [3] })]);
 * const { modelJson, weightData } = toTfjsArtifacts(model);
 * weightData.byteLength; // → 32
 */
export function toTfjsArtifacts(model: ExportableModel): TfjsArtifacts {
  const name = (model as { name?: string }).name ?? 'model';
  const graph = graphOf(model);
  let topology: Record<string, unknown>;
  let weights: Variable[];
  if (graph) {
    topology = functionalTopology(name, graph.getConfig());
    weights = graph.weights;
  } else {
    const stack = model as { layers?: readonly Layer[]; batchInputShape?: unknown };
    if (!Array.isArray(stack.layers) || stack.layers.length === 0)
      throw new ValueError(
        `toTfjs: expected a Functional, a model with a graph, or a non-empty {layers}, received ${typeof model}`,
      );
    const shape = stack.batchInputShape ?? stack.layers[0]!.batchInputShape;
    if (!shape)
      throw new ValueError(
        `toTfjs: the input shape of '${name}' is unknown; give the first layer an inputShape or pass batchInputShape`,
      );
    const unbuilt = stack.layers.find((l) => !l.built);
    if (unbuilt)
      throw new ValueError(
        `toTfjs: layer '${unbuilt.name}' is not built yet (it has no weights); run the model once or build it`,
      );
    topology = sequentialTopology(name, stack.layers, shape);
    weights = stack.layers.flatMap((l) => l.weights);
  }
  const { specs, data } = packWeights(weights);
  const modelTopology = {
    ...(toPythonic(topology) as Record<string, unknown>),
    keras_version: `rectify ${VERSION}`,
    backend: 'tensor_flow.js',
  };
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: `rectify ${VERSION}`,
      convertedBy: null,
      modelTopology,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: specs }],
    },
    weightData: data,
  };
}
