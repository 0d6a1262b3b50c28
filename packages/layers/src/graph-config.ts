import { ValueError } from '@rectify/tensor';
import { InputLayer } from './input-layer.js';
import type { CallArgs, Layer, LayerConfig } from './layer.js';
import { type LayerClass, deserializeWith } from './layer-class.js';
import type { Node, SymbolicTensor } from './symbolic-tensor.js';

/** A tensor in a saved graph: [layer name, node index within the graph, output index]. */
export type TensorRef = [layerName: string, nodeIndex: number, tensorIndex: number];
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface NodeConfig {
  inputs: TensorRef[];
  listInput: boolean;
  /** Call arguments fixed when the graph was built, e.g. `{useCausalMask: true}`. */
  args: { [key: string]: Json };
}

export interface GraphLayerConfig {
  className: string;
  config: LayerConfig;
  inboundNodes: NodeConfig[];
}

export interface GraphConfig {
  layers: GraphLayerConfig[];
  inputLayers: TensorRef[];
  outputLayers: TensorRef[];
  listInput: boolean;
  listOutput: boolean;
}

interface Graph {
  readonly layers: readonly Layer[];
  readonly nodes: readonly Node[];
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  readonly listInput: boolean;
  readonly listOutput: boolean;
}

function jsonArgs(kind: string, layer: Layer, args: CallArgs): NodeConfig['args'] {
  const out: NodeConfig['args'] = {};
  for (const [k, v] of Object.entries(args)) {
    if (v === undefined) continue;
    if (v !== null && typeof v === 'object') {
      throw new ValueError(
        `${kind}: cannot serialize call argument '${k}' of layer '${layer.name}' (not a plain value); pass it at call time instead`,
      );
    }
    out[k] = v as Json;
  }
  return out;
}

/** The graph as JSON: each layer's config with the tensors each of its nodes reads. */
export function serializeGraph(kind: string, g: Graph): GraphConfig {
  const local = new Map<Node, number>();
  const perLayer = new Map<Layer, NodeConfig[]>();
  const ref = (s: SymbolicTensor): TensorRef => [s.sourceLayer.name, local.get(s.node)!, s.outputIndex];
  for (const node of g.nodes) {
    const list = perLayer.get(node.layer) ?? [];
    local.set(node, list.length);
    if (!(node.layer instanceof InputLayer)) {
      list.push({
        inputs: node.inputs.map(ref),
        listInput: node.listInput,
        args: jsonArgs(kind, node.layer, node.args),
      });
    }
    perLayer.set(node.layer, list);
  }
  return {
    layers: g.layers.map((l) => ({
      className: l.className,
      config: l.getConfig(),
      inboundNodes: perLayer.get(l) ?? [],
    })),
    inputLayers: g.inputs.map(ref),
    outputLayers: g.outputs.map(ref),
    listInput: g.listInput,
    listOutput: g.listOutput,
  };
}

/** Recreates the layers and reconnects them by applying each to its inputs, in an order where inputs exist. */
export function deserializeGraph(
  config: GraphConfig,
  customClasses: Record<string, LayerClass>,
): { inputs: SymbolicTensor | SymbolicTensor[]; outputs: SymbolicTensor | SymbolicTensor[] } {
  if (
    !config ||
    !Array.isArray(config.layers) ||
    !Array.isArray(config.inputLayers) ||
    !Array.isArray(config.outputLayers)
  ) {
    throw new ValueError('functional.fromConfig: config must hold layers, inputLayers and outputLayers arrays');
  }
  const produced = new Map<string, SymbolicTensor>();
  const key = (r: TensorRef): string => `${r[0]}:${r[1]}:${r[2]}`;
  const pending: { layer: Layer; node: NodeConfig; index: number }[] = [];
  for (const lc of config.layers) {
    const layer = deserializeWith({ className: lc.className, config: lc.config }, { InputLayer, ...customClasses });
    if (layer instanceof InputLayer) produced.set(key([layer.name, 0, 0]), layer.output);
    lc.inboundNodes.forEach((node, index) => pending.push({ layer, node, index }));
  }
  while (pending.length > 0) {
    const i = pending.findIndex((p) => p.node.inputs.every((r) => produced.has(key(r))));
    if (i < 0) {
      const missing = pending[0]!.node.inputs.find((r) => !produced.has(key(r)))!;
      throw new ValueError(
        `functional.fromConfig: layer '${pending[0]!.layer.name}' reads tensor [${missing.join(',')}], which no layer produces`,
      );
    }
    const { layer, node, index } = pending.splice(i, 1)[0]!;
    const ins = node.inputs.map((r) => produced.get(key(r))!);
    const out = layer.apply(node.listInput ? ins : ins[0]!, node.args as CallArgs);
    (Array.isArray(out) ? out : [out]).forEach((s, j) =>
      produced.set(key([layer.name, index, j]), s as SymbolicTensor),
    );
  }
  const pick = (r: TensorRef): SymbolicTensor => {
    const s = produced.get(key(r));
    if (!s) throw new ValueError(`functional.fromConfig: no layer produces tensor [${r.join(',')}]`);
    return s;
  };
  const inputs = config.inputLayers.map(pick);
  const outputs = config.outputLayers.map(pick);
  return { inputs: config.listInput ? inputs : inputs[0]!, outputs: config.listOutput ? outputs : outputs[0]! };
}
